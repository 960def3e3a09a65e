package dev.crossbatch.core.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossbatch.core.golang.GoBuildInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The CycloneDX 1.6 JSON SBOM of one release archive (docs/sbom.md): the archive is the BOM's
 * component, with its SHA-256; each executable in it a component of its own (its SHA-256, and for
 * a Go binary its purl with goos/goarch and its build settings as properties); each Go module
 * linked in a library component with its purl {@code pkg:golang/PATH@VERSION} and its go.sum hash;
 * crossbatch and each Go toolchain that linked a binary as tools. The same archive gives the same
 * bytes: the serial number is derived from the archive's SHA-256, and there is no timestamp (the
 * archive's own times are the commit's).
 */
public final class CycloneDx {
  public static final String SUFFIX = ".cdx.json";
  public static final String SPEC_VERSION = "1.6";
  /** The property prefix of what Go records of a build (docs/sbom.md). */
  public static final String GO_BUILD = "crossbatch:go:build:";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What the SBOM describes: the archive's file name, SHA-256 and the release's version. */
  public record Archive(String fileName, String sha256, String version, String crossbatchVersion) {}

  private CycloneDx() {}

  /** The SBOM of {@code archive}, holding {@code binaries}, as written: indented, with a final newline. */
  public static String json(Archive archive, List<ArchiveBinaries.Binary> binaries) {
    ObjectNode bom = JSON.createObjectNode();
    bom.put("bomFormat", "CycloneDX");
    bom.put("specVersion", SPEC_VERSION);
    bom.put("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes((archive.fileName() + "\n" + archive.sha256()).getBytes(StandardCharsets.UTF_8)));
    bom.put("version", 1);
    ObjectNode metadata = bom.putObject("metadata");
    ArrayNode tools = metadata.putObject("tools").putArray("components");
    tools.addObject().put("type", "application").put("name", "crossbatch").put("version", archive.crossbatchVersion());
    Set<String> goVersions = new LinkedHashSet<>();
    binaries.forEach(b -> b.go().ifPresent(g -> goVersions.add(g.goVersion())));
    goVersions.forEach(v -> tools.addObject().put("type", "application").put("name", "go").put("version", v)
        .put("purl", "pkg:golang/std@" + v));
    String archiveRef = archive.fileName();
    ObjectNode main = metadata.putObject("component");
    main.put("type", "file").put("bom-ref", archiveRef).put("name", archive.fileName());
    if (archive.version() != null) {
      main.put("version", archive.version());
    }
    hash(main, archive.sha256());

    ArrayNode components = bom.putArray("components");
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    dependsOn.put(archiveRef, binaries.stream().map(CycloneDx::binaryRef).toList());
    Map<String, ObjectNode> modules = new LinkedHashMap<>();
    for (ArchiveBinaries.Binary binary : binaries) {
      ObjectNode c = components.addObject();
      c.put("type", "application").put("bom-ref", binaryRef(binary)).put("name", binary.path());
      if (archive.version() != null) {
        c.put("version", archive.version());
      }
      GoBuildInfo go = binary.go().orElse(null);
      if (go != null && go.main() != null) {
        String version = go.main().version().equals("(devel)") && archive.version() != null ? archive.version() : go.main().version();
        c.put("purl", Purl.golang(go.main().path(), version) + "?goarch=" + Purl.encode(go.setting("GOARCH").orElse(""))
            + "&goos=" + Purl.encode(go.setting("GOOS").orElse("")));
      }
      hash(c, binary.sha256());
      ArrayNode properties = c.putArray("properties");
      if (go == null) {
        property(properties, "crossbatch:go:unread", binary.unread());
        continue;
      }
      property(properties, "crossbatch:go:path", go.path());
      property(properties, "crossbatch:go:version", go.goVersion());
      go.settings().forEach((k, v) -> property(properties, GO_BUILD + k, v));
      List<String> refs = go.deps().stream().map(d -> modules.computeIfAbsent(moduleRef(d), r -> module(d)).get("bom-ref").asText()).toList();
      dependsOn.put(binaryRef(binary), refs);
    }
    modules.values().forEach(components::add);
    ArrayNode dependencies = bom.putArray("dependencies");
    dependsOn.forEach((ref, on) -> {
      ObjectNode d = dependencies.addObject().put("ref", ref);
      on.forEach(d.putArray("dependsOn")::add);
    });
    modules.keySet().forEach(ref -> dependencies.addObject().put("ref", ref).putArray("dependsOn"));
    try {
      return JSON.writeValueAsString(bom) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an SBOM", e);
    }
  }

  private static String binaryRef(ArchiveBinaries.Binary binary) {
    return "binary:" + binary.path();
  }

  private static String moduleRef(GoBuildInfo.Module m) {
    return Purl.golang(m.path(), m.version());
  }

  /** A Go module as a library: what is linked in is the replacement's code when there is one (said as a property). */
  private static ObjectNode module(GoBuildInfo.Module m) {
    ObjectNode c = JSON.createObjectNode();
    c.put("type", "library").put("bom-ref", moduleRef(m)).put("name", m.path()).put("version", m.version())
        .put("purl", Purl.golang(m.path(), m.version()));
    GoBuildInfo.Module code = m.replace() == null ? m : m.replace();
    if (code.sum().startsWith("h1:")) {
      byte[] h1 = Base64.getDecoder().decode(code.sum().substring(3));
      hash(c, HexFormat.of().formatHex(h1));
    }
    ArrayNode properties = c.putArray("properties");
    if (!code.sum().isEmpty()) {
      property(properties, "crossbatch:go:sum", code.sum());
    }
    if (m.replace() != null) {
      property(properties, "crossbatch:go:replaced-by", m.replace().path() + (m.replace().version().isEmpty() || m.replace().version().equals("(devel)")
          ? "" : " " + m.replace().version()));
    }
    if (properties.isEmpty()) {
      c.remove("properties");
    }
    return c;
  }

  private static void hash(ObjectNode component, String sha256) {
    component.putArray("hashes").addObject().put("alg", "SHA-256").put("content", sha256);
  }

  private static void property(ArrayNode properties, String name, String value) {
    properties.addObject().put("name", name).put("value", value == null ? "" : value);
  }
}
