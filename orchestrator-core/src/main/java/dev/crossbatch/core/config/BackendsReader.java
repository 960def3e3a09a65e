package dev.crossbatch.core.config;

import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.spec.CodeBuildModel;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** crossbatch.yml's backends: {@code codebuild} (project, bucket, batch mode...) and {@code local}. */
final class BackendsReader {
  static final List<String> CODEBUILD_KEYS =
      List.of(
          "project", "region", "bucket", "prefix", "compute-type", "image", "max-builds",
          "fast-fail", "batch-mode", "source");
  static final List<String> LOCAL_KEYS = List.of("parallelism", "output");

  private final ConfigFields fields;
  private final Diagnostics d;
  private final boolean platformsFromMatrix;

  BackendsReader(ConfigFields fields, boolean platformsFromMatrix) {
    this.fields = fields;
    this.d = fields.d;
    this.platformsFromMatrix = platformsFromMatrix;
  }

  CodeBuildSettings codebuild(YamlMap top, List<Platform> platforms, List<String> tests) {
    Optional<MappingNode> node = top.value("codebuild").flatMap(n -> YamlValues.mapping(n, "codebuild", d));
    YamlMap cb = node.map(n -> YamlMap.of(n, "codebuild", d)).orElse(null);
    if (cb != null) {
      cb.rejectUnknown(CODEBUILD_KEYS, d);
    }
    String project = fields.checkedText(cb, "project", Names::checkProject);
    String region = fields.checkedText(cb, "region", Names::checkRegion);
    String bucket = fields.checkedText(cb, "bucket", Names::checkBucket);
    String prefix = fields.checkedText(cb, "prefix", Names::checkPrefix);
    String image = fields.checkedText(cb, "image", Names::checkImage);
    String computeType = fields.checkedText(cb, "compute-type", v -> CodeBuildModel.COMPUTE_TYPES.contains(v) ? Optional.empty()
        : Optional.of("unknown compute type '" + v + "'" + fields.orKnown(v, CodeBuildModel.COMPUTE_TYPES)));
    String source = fields.checkedText(cb, "source", v -> Names.SOURCE_URL.matcher(v).matches() ? Optional.empty()
        : Optional.of("'" + v + "' is not a repository URL; write it like 'https://github.com/OWNER/REPO.git'"));
    boolean fastFail = cb != null && cb.value("fast-fail").flatMap(n -> YamlValues.bool(n, "codebuild.fast-fail", d)).orElse(false);

    BatchMode mode = BatchMode.LIST;
    if (cb != null && cb.has("batch-mode")) {
      Node modeNode = cb.value("batch-mode").get();
      Optional<String> word = YamlValues.text(modeNode, "codebuild.batch-mode", d);
      if (word.isPresent()) {
        Optional<BatchMode> parsed = BatchMode.fromWord(word.get());
        if (parsed.isEmpty()) {
          d.error(modeNode, "unknown batch mode '" + word.get() + "'" + fields.orKnown(word.get(), BatchMode.words()));
        } else {
          mode = parsed.get();
          checkMode(mode, modeNode, platforms, tests);
        }
      }
    }

    int builds = platforms.size() + (mode == BatchMode.GRAPH ? 1 : 0);
    // One more than the builds: the batch's DOWNLOAD_SOURCE group is a build of its own.
    int maxBuilds = builds + 1;
    if (cb != null && cb.has("max-builds")) {
      Node maxNode = cb.value("max-builds").get();
      Optional<Integer> value = YamlValues.integer(maxNode, "codebuild.max-builds", 1, 10_000, d);
      if (value.isPresent() && value.get() < builds) {
        d.error(maxNode, "'codebuild.max-builds' is " + value.get() + " but the batch has " + builds
            + " builds; CodeBuild fails a batch that exceeds it. Raise it to at least " + builds + " or remove it");
      }
      maxBuilds = value.orElse(maxBuilds);
    }
    return new CodeBuildSettings(
        project, region, bucket, prefix == null ? "" : prefix,
        computeType == null ? CodeBuildSettings.DEFAULT_COMPUTE_TYPE : computeType,
        image == null ? CodeBuildSettings.DEFAULT_IMAGE : image,
        maxBuilds, fastFail, mode, source);
  }

  private void checkMode(BatchMode mode, Node modeNode, List<Platform> platforms, List<String> tests) {
    if (mode == BatchMode.GRAPH && tests.isEmpty()) {
      d.error(modeNode, "batch-mode graph runs a 'test' task before the platform builds; add 'test:' commands or use batch-mode list");
    }
    if (mode != BatchMode.MATRIX || platforms.isEmpty()) {
      return;
    }
    Optional<Platform> withVariant = platforms.stream().filter(Platform::hasVariant).findFirst();
    if (withVariant.isPresent()) {
      d.error(modeNode, "batch-mode matrix has only GOOS and GOARCH axes, but " + withVariant.get() + " has a variant; use batch-mode list");
      return;
    }
    Set<String> oses = new LinkedHashSet<>();
    Set<String> arches = new LinkedHashSet<>();
    platforms.forEach(p -> {
      oses.add(p.os());
      arches.add(p.arch());
    });
    for (String os : oses) {
      for (String arch : arches) {
        if (!platforms.contains(Platform.of(os, arch))) {
          d.error(modeNode, "batch-mode matrix builds every GOOS × GOARCH combination, but " + os + "/" + arch
              + " is not in 'platforms'" + (platformsFromMatrix ? " (excluded)" : "") + "; use batch-mode list or graph");
          return;
        }
      }
    }
  }

  LocalSettings local(YamlMap top) {
    Optional<MappingNode> node = top.value("local").flatMap(n -> YamlValues.mapping(n, "local", d));
    if (node.isEmpty()) {
      return new LocalSettings(0, LocalSettings.DEFAULT_OUTPUT);
    }
    YamlMap local = YamlMap.of(node.get(), "local", d);
    local.rejectUnknown(LOCAL_KEYS, d);
    int parallelism = local.value("parallelism").flatMap(n -> YamlValues.integer(n, "local.parallelism", 1, 256, d)).orElse(0);
    String output = fields.optionalText(local, "output").orElse(LocalSettings.DEFAULT_OUTPUT);
    return new LocalSettings(parallelism, output);
  }
}
