package dev.crossbatch.core.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import dev.crossbatch.core.source.Commit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The SLSA v1 provenance of a release (docs/provenance.md): an in-toto Statement v1 per archive,
 * its subject the archive with its SHA-256, its build definition (crossbatch's
 * build type: repository, commit, the digests of crossbatch.yml and the buildspec, the
 * platforms), the source commit and toolchain as resolved dependencies, and the run: the builder
 * (the CodeBuild batch's ARN, or this host), the batch and each build, start and end.
 */
public final class Provenance {
  public static final String SUFFIX = ".intoto.jsonl";
  public static final String STATEMENT = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE = "https://slsa.dev/provenance/v1";
  /** What externalParameters mean: documented in docs/provenance.md. */
  public static final String BUILD_TYPE = "https://crossbatch.dev/provenance/batch/v1";
  /** The builder of a local release; its host is said in the run's metadata. */
  public static final String LOCAL_BUILDER = "https://crossbatch.dev/builders/local";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the release was built from, beside the batch.
   *
   * @param repository the repository's origin URL, or its folder when it has none
   * @param files each input file's path from the repository's root and its SHA-256 (crossbatch.yml, the buildspec)
   * @param host the machine's name, for a local release
   */
  public record Inputs(String repository, Map<String, String> files, String host) {}

  private Provenance() {}

  /** {@code NAME_COMMIT7.intoto.jsonl}, or NAME_VERSION... when the batch reported no commit. */
  public static String fileName(Manifest manifest) {
    String commit = manifest.commit();
    return manifest.name() + "_" + (commit != null && commit.length() >= 7 ? Commit.abbreviate(commit) : manifest.version()) + SUFFIX;
  }

  /**
   * One statement per archive, as the JSON each envelope carries: its subject, its platform, the
   * build that made it and its SBOM. Each stays small (a KMS key signs at most 4096 bytes whole),
   * and a later release of some platforms replaces only their lines.
   */
  public static List<byte[]> statements(Manifest manifest, BatchSnapshot batch, Inputs inputs) {
    return manifest.artifacts().stream().map(a -> statement(manifest.withArtifacts(List.of(a)),
        batch.builds().stream().filter(b -> b.identifier().equals(a.identifier())).toList(), batch, inputs)).toList();
  }

  /** The statement of {@code manifest}'s archives, made by {@code builds} of {@code batch}. */
  static byte[] statement(Manifest manifest, List<BuildRun> builds, BatchSnapshot batch, Inputs inputs) {
    ObjectNode statement = JSON.createObjectNode();
    statement.put("_type", STATEMENT);
    ArrayNode subjects = statement.putArray("subject");
    manifest.artifacts().forEach(a -> subjects.addObject().put("name", a.file()).putObject("digest").put("sha256", a.sha256()));
    statement.put("predicateType", PREDICATE);
    ObjectNode predicate = statement.putObject("predicate");

    ObjectNode definition = predicate.putObject("buildDefinition");
    definition.put("buildType", BUILD_TYPE);
    ObjectNode external = definition.putObject("externalParameters");
    external.put("repository", inputs.repository());
    external.put("commit", manifest.commit());
    if (manifest.version() != null) {
      external.put("version", manifest.version());
    }
    ObjectNode files = external.putObject("files");
    inputs.files().forEach((path, sha) -> files.putObject(path).put("sha256", sha));
    ArrayNode platforms = external.putArray("platforms");
    manifest.artifacts().forEach(a -> platforms.add(a.platform()));
    ObjectNode internal = definition.putObject("internalParameters");
    internal.put("backend", batch.backend());
    internal.put("dirty", manifest.dirty());
    ArrayNode resolved = definition.putArray("resolvedDependencies");
    if (manifest.commit() != null && Commit.isId(manifest.commit())) {
      resolved.addObject().put("uri", "git+" + inputs.repository() + "@" + manifest.commit()).putObject("digest").put("gitCommit", manifest.commit());
    }
    manifest.tools().forEach((tool, version) -> {
      if (!tool.equals("crossbatch")) {
        resolved.addObject().put("name", tool).putObject("annotations").put("version", version);
      }
    });

    ObjectNode run = predicate.putObject("runDetails");
    ObjectNode builder = run.putObject("builder");
    builder.put("id", batch.onCodeBuild() && batch.arn() != null ? batch.arn() : LOCAL_BUILDER);
    builder.putObject("version").put("crossbatch", manifest.tools().getOrDefault("crossbatch", "unknown"));
    ObjectNode metadata = run.putObject("metadata");
    metadata.put("invocationId", batch.arn() != null ? batch.arn() : batch.id());
    time(metadata, "startedOn", batch.start());
    time(metadata, "finishedOn", batch.end());
    if (!batch.onCodeBuild() && inputs.host() != null) {
      metadata.putObject("annotations").put("host", inputs.host());
    }
    ArrayNode byproducts = run.putArray("byproducts");
    for (BuildRun build : builds) {
      ObjectNode b = byproducts.addObject().put("name", build.identifier());
      if (build.buildId() != null) {
        b.put("uri", batch.onCodeBuild() && batch.arn() != null ? buildArn(batch.arn(), build.buildId()) : build.buildId());
      }
      ObjectNode annotations = b.putObject("annotations").put("status", build.status());
      time(annotations, "startedOn", build.start());
      time(annotations, "finishedOn", build.end());
    }
    manifest.artifacts().stream().filter(a -> a.sbom() != null)
        .forEach(a -> byproducts.addObject().put("name", a.sbom()).put("mediaType", "application/vnd.cyclonedx+json")
            .putObject("digest").put("sha256", a.sbomSha256()));
    try {
      return JSON.writeValueAsBytes(statement);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the provenance", e);
    }
  }

  /** {@code arn:aws:codebuild:R:A:build-batch/ID} and {@code project:uuid} to {@code arn:aws:codebuild:R:A:build/project:uuid}. */
  static String buildArn(String batchArn, String buildId) {
    int at = batchArn.indexOf(":build-batch/");
    return at < 0 ? buildId : batchArn.substring(0, at) + ":build/" + buildId;
  }

  private static void time(ObjectNode node, String field, Instant at) {
    if (at != null) {
      node.put(field, at.truncatedTo(ChronoUnit.MILLIS).toString());
    }
  }
}
