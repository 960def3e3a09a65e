package dev.crossbatch.core.buildspec;

import dev.crossbatch.core.spec.CodeBuildModel;
import dev.crossbatch.core.text.Suggestions;
import dev.crossbatch.core.yaml.Diagnostics;
import dev.crossbatch.core.yaml.YamlMap;
import dev.crossbatch.core.yaml.YamlValues;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** What a buildspec says a build leaves behind: {@code artifacts} (and secondary ones), {@code cache}, {@code reports}. */
final class OutputSections {
  private final Diagnostics d;

  OutputSections(Diagnostics d) {
    this.d = d;
  }

  void artifacts(YamlMap artifacts, boolean primary) {
    artifacts.rejectUnknown(primary ? BuildspecValidator.ARTIFACT_KEYS : BuildspecValidator.ARTIFACT_KEYS.subList(0, BuildspecValidator.ARTIFACT_KEYS.size() - 1), d);
    if (!artifacts.has("files")) {
      d.error(artifacts.node(), "'" + artifacts.child("files") + "' is required: the paths or globs to upload, e.g. files: ['**/*']");
    } else {
      globs(artifacts.value("files").get(), artifacts.child("files"));
    }
    for (String flag : List.of("discard-paths", "enable-symlinks")) {
      artifacts.value(flag).ifPresent(n -> YamlValues.bool(n, artifacts.child(flag), d));
    }
    for (String text : List.of("name", "base-directory", "s3-prefix")) {
      artifacts.value(text).ifPresent(n -> YamlValues.text(n, artifacts.child(text), d));
    }
    artifacts.value("exclude-paths").ifPresent(n -> globs(n, artifacts.child("exclude-paths")));
    artifacts.value("secondary-artifacts").flatMap(n -> YamlValues.mapping(n, artifacts.child("secondary-artifacts"), d)).ifPresent(n -> {
      YamlMap secondary = YamlMap.of(n, artifacts.child("secondary-artifacts"), d);
      for (String id : secondary.keys()) {
        if (!CodeBuildModel.IDENTIFIER.matcher(id).matches()) {
          d.error(secondary.keyNode(id).get(), "artifact identifier '" + id + "' must use only letters, digits and '_'");
        }
        YamlValues.mapping(secondary.value(id).get(), secondary.child(id), d)
            .ifPresent(m -> artifacts(YamlMap.of(m, secondary.child(id), d), false));
      }
    });
  }

  /** A glob or a list of globs. */
  private void globs(Node node, String path) {
    if (node instanceof ScalarNode && !YamlValues.isNull(node)) {
      return;
    }
    YamlValues.scalarList(node, path, d).ifPresent(items -> {
      if (items.isEmpty()) {
        d.error(node, "'" + path + "' is an empty list; give at least one path or glob");
      }
    });
  }

  void cache(MappingNode node) {
    YamlMap cache = YamlMap.of(node, "cache", d);
    cache.rejectUnknown(BuildspecValidator.CACHE_KEYS, d);
    if (!cache.has("paths")) {
      d.error(node, "'cache.paths' is required: the paths to cache");
    } else {
      globs(cache.value("paths").get(), "cache.paths");
    }
    cache.value("key").ifPresent(n -> YamlValues.text(n, "cache.key", d));
    cache.value("fallback-keys").flatMap(n -> YamlValues.scalarList(n, "cache.fallback-keys", d)).ifPresent(keys -> {
      if (keys.size() > 5) {
        d.error(cache.value("fallback-keys").get(), "'cache.fallback-keys' holds " + keys.size() + " keys; CodeBuild allows at most 5");
      }
    });
    cache.value("action").flatMap(n -> YamlValues.text(n, "cache.action", d)).ifPresent(action -> {
      if (!action.equals("restore") && !action.equals("save")) {
        d.error(cache.value("action").get(), "'cache.action' must be restore or save, found '" + action + "'");
      }
    });
  }

  void reports(MappingNode node) {
    YamlMap reports = YamlMap.of(node, "reports", d);
    for (String group : reports.keys()) {
      YamlValues.mapping(reports.value(group).get(), reports.child(group), d).ifPresent(m -> {
        YamlMap report = YamlMap.of(m, reports.child(group), d);
        report.rejectUnknown(BuildspecValidator.REPORT_KEYS, d);
        if (!report.has("files")) {
          d.error(m, "'" + report.child("files") + "' is required: the report files or globs");
        } else {
          globs(report.value("files").get(), report.child("files"));
        }
        report.value("discard-paths").ifPresent(n -> YamlValues.bool(n, report.child("discard-paths"), d));
        report.value("file-format").flatMap(n -> YamlValues.text(n, report.child("file-format"), d)).ifPresent(f -> {
          if (!BuildspecValidator.REPORT_FORMATS.contains(f.toUpperCase(Locale.ROOT))) {
            d.error(report.value("file-format").get(), "unknown report file-format '" + f + "'" + Suggestions.didYouMean(f.toUpperCase(Locale.ROOT), BuildspecValidator.REPORT_FORMATS));
          }
        });
      });
    }
  }
}
