package dev.crossbatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.BuildRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * The launcher picks a group by the command's words and trains each group with __warm-up GROUP:
   * the names there are this command's, in its order, or a group's archive would never be trained.
   */
  @Test
  void theLaunchersGroups_areTheWarmUpsGroups() throws Exception {
    String launcher = Files.readString(Path.of("src/main/dist/bin/crossbatch"));
    Matcher trained = Pattern.compile("for each in ([a-z ]+); do").matcher(launcher);
    Set<String> picked = new LinkedHashSet<>();
    Matcher assigned = Pattern.compile("group=([a-z]+)").matcher(launcher);
    while (assigned.find()) {
      picked.add(assigned.group(1));
    }

    assertThat(trained.find()).as("the launcher's training loop").isTrue();
    assertThat(List.of(trained.group(1).trim().split(" +"))).containsExactlyElementsOf(WarmUpCommand.GROUPS);
    assertThat(picked).containsExactlyInAnyOrderElementsOf(WarmUpCommand.GROUPS);
  }
}
