package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/ci's GitHub Actions workflow and GitLab CI job, their crossbatch commands run by
 * docs/ci/check.py with the built launcher against the CodeBuild simulator and moto's S3 and STS.
 */
class CiDocsIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theDocumentedWorkflows_runAsDocumented() {
    Processes.Result run = Processes.run(ROOT, Map.of(), List.of("python3", "docs/ci/check.py", ROOT.resolve("crossbatch").toString()));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("github-actions, green batch: ok", "github-actions, a failed build: ok", "gitlab-ci: ok");
  }
}
