package dev.crossbatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpCommandTest {
  @TempDir Path dir;

  /**
   * The training's CodeBuild answers are whole ones, as the service gives them: the SDK reads every
   * member (and so loads the classes a real status needs), and crossbatch makes its batch of them.
   */
  @Test
  void theTrainingsCodeBuildAnswers_areReadAsARealBatchWithEveryMember() throws Exception {
    String batches = new String(WarmUpCommand.resource(WarmUpCommand.BATCHES_RESOURCE), StandardCharsets.UTF_8);
    String builds = new String(WarmUpCommand.resource(WarmUpCommand.BUILDS_RESOURCE), StandardCharsets.UTF_8);
    for (String member : new String[] {"\"environment\"", "\"source\"", "\"logConfig\"", "\"buildBatchConfig\"", "\"primaryArtifact\""}) {
      assertThat(batches).contains(member);
    }
    for (String member : new String[] {"\"environment\"", "\"logs\"", "\"artifacts\"", "\"phases\"", "\"exportedEnvironmentVariables\""}) {
      assertThat(builds).contains(member);
    }

    BatchSnapshot batch = WarmUpCommand.codeBuild(dir);

    assertThat(batch.id()).isEqualTo(WarmUpCommand.BATCH);
    assertThat(batch.status()).isEqualTo("SUCCEEDED");
    assertThat(batch.builds()).extracting(BuildRun::identifier).containsExactly("build1", "build2", "build3");
    assertThat(batch.builds().get(0).status()).isEqualTo("SUCCEEDED");
  }
}
