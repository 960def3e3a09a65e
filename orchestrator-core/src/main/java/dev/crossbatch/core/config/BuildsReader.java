package dev.crossbatch.core.config;

import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.text.PlaceholderTemplate;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** crossbatch.yml's {@code builds:} (the binaries of each archive) and {@code archive:} (what else goes in). */
final class BuildsReader {
  static final List<String> BUILD_KEYS = List.of("binary", "main", "ldflags", "flags", "env");
  static final List<String> ARCHIVE_KEYS = List.of("format", "format-overrides", "files");

  private final ConfigFields fields;
  private final BuildReader build;
  private final Diagnostics d;

  BuildsReader(ConfigFields fields, BuildReader build) {
    this.fields = fields;
    this.build = build;
    this.d = fields.d;
  }

  /**
   * The binaries: each entry of {@code builds:}, its ldflags, flags and env defaulting to the top
   * level's; without {@code builds:}, one build of {@code main} named {@code name}.
   */
  List<GoBuild> builds(YamlMap top, String name, String main, PlaceholderTemplate ldflags, List<String> flags, Preset preset) {
    if (!top.has("builds")) {
      return ldflags == null ? List.of() : List.of(new GoBuild(name, main, ldflags, flags, Map.of()));
    }
    Node node = top.value("builds").get();
    if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
      d.error(node, "'builds' must be a list of binaries, each with 'binary:' and 'main:', e.g. - {binary: hello, main: ./cmd/hello}");
      return List.of();
    }
    top.keyNode("main").ifPresent(k -> d.error(k, "'main' is for a single binary; with 'builds' each build names its own main package"));
    if (!preset.isGo() && preset.isBuiltIn()) {
      d.error(top.keyNode("builds").get(), "'builds' is for the go preset; the generic preset builds with 'build.commands'");
    }
    List<GoBuild> builds = new ArrayList<>();
    Map<String, Node> binaries = new HashMap<>();
    for (int i = 0; i < list.getValue().size(); i++) {
      String path = "builds[" + i + "]";
      Optional<MappingNode> entry = YamlValues.mapping(list.getValue().get(i), path, d);
      if (entry.isEmpty()) {
        continue;
      }
      YamlMap map = YamlMap.of(entry.get(), path, d);
      map.rejectUnknown(BUILD_KEYS, d);
      String binary = fields.required(map, "binary", "the file name inside the archive, e.g. 'binary: hello'")
          .filter(b -> fields.checked(map.value("binary").get(), Names.checkBinary(b)))
          .orElse(null);
      if (binary != null && binaries.putIfAbsent(binary, map.value("binary").get()) != null) {
        d.error(map.value("binary").get(), "'" + binary + "' is the binary of an earlier build too; each build needs its own file name");
      }
      String pkg = fields.optionalText(map, "main").orElse(".");
      map.value("main").ifPresent(n -> fields.checked(n, Names.checkGoPackage(pkg)));
      PlaceholderTemplate own = build.ldflags(map, ldflags == null ? ConfigLoader.DEFAULT_LDFLAGS : ldflags.source());
      List<String> ownFlags = build.flags(map, flags);
      Map<String, String> env = build.env(map);
      if (binary != null && own != null) {
        builds.add(new GoBuild(binary, pkg, own, ownFlags, env));
      }
    }
    return builds;
  }

  ArchiveSettings archive(YamlMap top, List<GoBuild> builds) {
    Optional<MappingNode> node = top.value("archive").flatMap(n -> YamlValues.mapping(n, "archive", d));
    if (node.isEmpty()) {
      return ArchiveSettings.defaults();
    }
    YamlMap archive = YamlMap.of(node.get(), "archive", d);
    archive.rejectUnknown(ARCHIVE_KEYS, d);
    ArchiveFormat format = archive.value("format").flatMap(n -> format(n, "archive.format")).orElse(ArchiveFormat.ZIP);
    Map<String, ArchiveFormat> overrides = new LinkedHashMap<>();
    archive.value("format-overrides").flatMap(n -> YamlValues.mapping(n, "archive.format-overrides", d)).ifPresent(m -> {
      YamlMap byOs = YamlMap.of(m, "archive.format-overrides", d);
      for (String os : byOs.keys()) {
        if (!KnownPlatforms.operatingSystems().contains(os)) {
          d.error(byOs.keyNode(os).get(), "unknown GOOS '" + os + "' in 'archive.format-overrides'" + ConfigFields.orKnown(os, List.copyOf(KnownPlatforms.operatingSystems())));
        }
        format(byOs.value(os).get(), byOs.child(os)).ifPresent(f -> overrides.put(os, f));
      }
    });
    boolean bare = format == ArchiveFormat.BINARY || overrides.containsValue(ArchiveFormat.BINARY);
    if (bare && builds.size() > 1) {
      d.error(archive.node(), "format 'binary' ships one bare file, and 'builds' has " + builds.size() + "; use zip or tar.gz to ship them together");
    }
    if (!archive.has("files")) {
      return new ArchiveSettings(format, overrides, bare ? List.of() : ArchiveSettings.DEFAULT_FILES, false);
    }
    List<String> files = new ArrayList<>();
    for (ScalarNode item : YamlValues.scalarList(archive.value("files").get(), "archive.files", d).orElse(List.of())) {
      if (fields.checked(item, Names.checkArchiveFile(item.getValue()).map(p -> "'archive.files': " + p))) {
        files.add(item.getValue());
      }
    }
    if (bare && !files.isEmpty()) {
      d.error(archive.keyNode("files").get(), "format 'binary' ships the bare binary, with no room for 'archive.files'; use zip or tar.gz, or remove 'files'");
    }
    return new ArchiveSettings(format, overrides, files, true);
  }

  private Optional<ArchiveFormat> format(Node node, String path) {
    return YamlValues.text(node, path, d).flatMap(word -> {
      Optional<ArchiveFormat> format = ArchiveFormat.fromWord(word);
      if (format.isEmpty()) {
        d.error(node, "unknown archive format '" + word + "' in '" + path + "'" + ConfigFields.orKnown(word, ArchiveFormat.words()));
      }
      return format;
    });
  }
}
