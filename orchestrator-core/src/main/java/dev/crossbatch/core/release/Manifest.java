package dev.crossbatch.core.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.error.CrossbatchException;
import dev.crossbatch.core.error.ErrorKind;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.sbom.CycloneDx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * manifest.json: what a release holds and how it was made. The schema is documented in
 * docs/manifest.md; {@code schema} changes when a field changes meaning.
 */
public record Manifest(
    int schema,
    String name,
    String version,
    String commit,
    boolean dirty,
    String backend,
    String project,
    String batch,
    Instant created,
    Map<String, String> tools,
    List<Entry> artifacts,
    @JsonInclude(JsonInclude.Include.NON_NULL) String provenance,
    @JsonInclude(JsonInclude.Include.NON_NULL) String provenanceSha256) {

  /** A manifest without provenance (yet). */
  public Manifest(int schema, String name, String version, String commit, boolean dirty, String backend, String project, String batch,
      Instant created, Map<String, String> tools, List<Entry> artifacts) {
    this(schema, name, version, commit, dirty, backend, project, batch, created, tools, artifacts, null, null);
  }

  public static final String FILE = "manifest.json";
  public static final int SCHEMA = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** The manifest of an ended, successful batch and the zips verified from it. */
  public static Manifest of(ProjectConfig config, BatchSnapshot batch, Map<String, String> tools, List<Entry> artifacts) {
    return new Manifest(SCHEMA, config.name(), batch.version(), batch.commit(), batch.dirty(), batch.backend(), batch.project(),
        batch.id(), batch.end(), tools, artifacts);
  }

  /** The same manifest with each file named relative to {@code folder} (which ends in '/'), for a copy kept there. */
  public Manifest relativeTo(String folder) {
    return new Manifest(schema, name, version, commit, dirty, backend, project, batch, created, tools,
        artifacts.stream().map(a -> a.withFile(a.file().substring(folder.length()))).toList(), provenance, provenanceSha256);
  }

  /** The same manifest listing {@code entries}. */
  public Manifest withArtifacts(List<Entry> entries) {
    return new Manifest(schema, name, version, commit, dirty, backend, project, batch, created, tools, List.copyOf(entries),
        provenance, provenanceSha256);
  }

  /** The same manifest naming its provenance file (beside it) and that file's SHA-256. */
  public Manifest withProvenance(String file, String sha256) {
    return new Manifest(schema, name, version, commit, dirty, backend, project, batch, created, tools, artifacts, file, sha256);
  }

  /** SHA256SUMS of the artifacts, their SBOMs and the provenance, in sha256sum's format. */
  public String checksums() {
    return Checksums.format(sums());
  }

  /** Each artifact's, SBOM's and the provenance's file and SHA-256, as SHA256SUMS lists them. */
  public Map<String, String> sums() {
    Map<String, String> sums = new LinkedHashMap<>();
    artifacts.forEach(a -> {
      sums.put(a.file(), a.sha256());
      if (a.sbom() != null) {
        sums.put(a.sbom(), a.sbomSha256());
      }
    });
    if (provenance != null) {
      sums.put(provenance, provenanceSha256);
    }
    return sums;
  }

  /** manifest.json as written: indented, times in ISO-8601, a final newline (docs/manifest.md). */
  public String json() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new CrossbatchException(ErrorKind.INTERNAL, "cannot write manifest.json: " + e.getMessage(), null, e);
    }
  }

  /**
   * One zip: its platform, where it is (relative to the manifest), size, SHA-256, the build that
   * made it, and its SBOM's file and SHA-256 (absent in a manifest written before SBOMs).
   */
  public record Entry(
      String platform,
      String os,
      String arch,
      String variant,
      String identifier,
      String file,
      long size,
      String sha256,
      String build,
      Instant start,
      Instant end,
      @JsonInclude(JsonInclude.Include.NON_NULL) String sbom,
      @JsonInclude(JsonInclude.Include.NON_NULL) String sbomSha256) {

    /** The entry of {@code build}'s zip, found at {@code file} with this size and SHA-256. */
    public static Entry of(BuildRun build, String file, long size, String sha256) {
      Platform platform = build.platform().orElse(null);
      return new Entry(
          platform == null ? build.identifier() : platform.toString(),
          platform == null ? null : platform.os(),
          platform == null ? null : platform.arch(),
          platform == null ? null : platform.variant(),
          build.identifier(), file, size, sha256, build.buildId(), build.start(), build.end(), null, null);
    }

    /** The same entry with its zip (and SBOM) named by {@code other} (and {@code other}.cdx.json). */
    Entry withFile(String other) {
      return new Entry(platform, os, arch, variant, identifier, other, size, sha256, build, start, end,
          sbom == null ? null : other + CycloneDx.SUFFIX, sbomSha256);
    }

    /** The same entry with its SBOM, {@code file}.cdx.json, of this SHA-256. */
    Entry withSbom(String sha256OfSbom) {
      return new Entry(platform, os, arch, variant, identifier, file, size, sha256, build, start, end, file + CycloneDx.SUFFIX, sha256OfSbom);
    }
  }
}
