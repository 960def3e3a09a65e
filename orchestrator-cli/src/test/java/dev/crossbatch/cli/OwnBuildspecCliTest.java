package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.cli.Cli.Run;
import dev.crossbatch.cli.session.CliContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start --local --buildspec FILE}: a buildspec of one's own, run from the repository's root
 * without crossbatch.yml, through the CLI with real git and bash. The fixtures under
 * src/test/resources/own-buildspecs are a batch-only build graph of 12 tasks, each with its own
 * buildspec file (as aws-lc's and s2n-tls's omnibus files are), and a 12-build matrix.
 */
class OwnBuildspecCliTest {
  static final Path FIXTURES = Path.of("src/test/resources/own-buildspecs").toAbsolutePath();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  Path repo(String fixture) {
    Path repo = Example.copyTree(FIXTURES.resolve(fixture), dir.resolve(fixture + "-repo"));
    Example.commitAll(repo);
    return repo;
  }

  /** A repository of one commit holding {@code buildspec.yml}. */
  Path repoWith(String name, String buildspec) throws IOException {
    Path repo = Files.createDirectories(dir.resolve(name));
    Files.writeString(repo.resolve("buildspec.yml"), buildspec);
    Example.commitAll(repo);
    return repo;
  }

  static Map<String, JsonNode> builds(JsonNode status) {
    Map<String, JsonNode> builds = new HashMap<>();
    status.get("builds").forEach(b -> builds.put(b.get("identifier").asText(), b));
    return builds;
  }

  @Test
  void buildGraph_ofTwelveTasksWithTheirOwnFiles_runsInDependencyOrder_skipsBehindTwoFailures_andExits1() throws Exception {
    Path repo = repo("graph");

    Run run = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(repo.resolve("crossbatch.yml")).doesNotExist();
    // asked once for the environments CodeBuild would give, and told they run here
    assertThat(run.out().split("the batch asks for", -1)).hasSize(2);
    assertThat(run.out()).contains("the batch asks for compute-type BUILD_GENERAL1_LARGE (1 build), compute-type BUILD_GENERAL1_SMALL (1 build),"
        + " image aws/codebuild/standard:7.0 (1 build); every build runs on this machine, with its tools");

    Run status = Cli.run(repo, "status", "--output", "json");
    assertThat(status.exit()).as(status.err()).isEqualTo(1);
    Map<String, JsonNode> builds = builds(JSON.readTree(status.out()));
    assertThat(builds).hasSize(12);
    Map<String, String> statuses = new HashMap<>();
    builds.forEach((id, b) -> statuses.put(id, b.get("status").asText()));
    assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("prepare", "SUCCEEDED"), Map.entry("lint", "SUCCEEDED"), Map.entry("unit_a", "SUCCEEDED"), Map.entry("unit_b", "SUCCEEDED"),
        Map.entry("unit_broken", "FAILED"), Map.entry("after_broken", "STOPPED"), Map.entry("integration", "SUCCEEDED"),
        Map.entry("package", "SUCCEEDED"), Map.entry("package_check", "FAILED"), Map.entry("publish", "STOPPED"),
        Map.entry("docs", "SUCCEEDED"), Map.entry("flaky", "FAILED")));

    // every build that ran started after each build it depends on had ended
    for (JsonNode build : builds.values()) {
      if (build.get("start").isNull()) {
        continue;
      }
      Instant start = Instant.parse(build.get("start").asText());
      for (JsonNode dependency : build.get("dependsOn")) {
        JsonNode before = builds.get(dependency.asText());
        assertThat(Instant.parse(before.get("end").asText())).as(build.get("identifier") + " after " + dependency).isBeforeOrEqualTo(start);
      }
    }
    // the builds behind a failure never ran: no start, no log
    for (String skipped : List.of("after_broken", "publish")) {
      assertThat(builds.get(skipped).get("start").isNull()).isTrue();
      assertThat(builds.get(skipped).get("log").isNull()).isTrue();
      assertThat(builds.get(skipped).get("message").asText()).startsWith("skipped: depends on ");
    }
    assertThat(run.err()).contains("after_broken: skipped: depends on unit_broken, which FAILED\n", "publish: skipped: depends on package_check, which FAILED\n")
        .containsPattern("flaky: BUILD: COMMAND_EXECUTION_ERROR: .* \\[ignore-failure\\] \\(log: \\.crossbatch/batches/[0-9a-f-]{36}/logs/flaky\\.log\\)");

    // each task ran its own file with only that file's env (the files test that the batch file's and others' are unset)
    // and its batch entry's variables above them; what it exported and reported is listed after the table
    assertThat(run.out()).contains("unit_a: exported SUITE=a RESULT='suite a ran'\n", "unit_b: exported SUITE=b RESULT='suite b ran'\n")
        .containsPattern("unit_a: report unit \\(JUNITXML\\): 3 tests, 0 failed, 1 skipped, in \\.crossbatch/batches/[0-9a-f-]{36}/reports/unit_a/unit\n")
        .contains("unit_broken: report unit (JUNITXML): 2 tests, 1 failed, 0 skipped");

    assertThat(builds.get("unit_b").get("exported").toString()).isEqualTo("{\"SUITE\":\"b\",\"RESULT\":\"suite b ran\"}");
    assertThat(builds.get("unit_b").get("reports").get(0).get("summary").asText()).isEqualTo("3 tests, 0 failed, 1 skipped");
    assertThat(builds.get("docs").has("reports")).isFalse();

    // the failed builds' logs, with the command that failed
    Run log = Cli.run(repo, "logs", "--platform", "package_check");
    assertThat(log.exit()).as(log.err()).isZero();
    assertThat(log.out()).contains("Running command test \"$SUITE\" != broken", "Phase complete: BUILD State: FAILED");
    Run all = Cli.run(repo, "logs", "--all-failed");
    assertThat(all.out()).contains("==> unit_broken: FAILED <==", "==> after_broken: STOPPED <==\n(no log: the build did not run)",
        "==> package_check: FAILED <==", "==> flaky: FAILED <==");

    // artifacts as they are, the primary one and the secondary one, in the batch's folder
    String id = JSON.readTree(status.out()).get("batch").asText();
    Path batch = repo.resolve(".crossbatch/batches").resolve(id.substring(id.indexOf(':') + 1));
    assertThat(batch.resolve("artifacts/primary/package/package.txt")).hasContent("package " + Processes.ok(repo, "git", "rev-parse", "HEAD").trim());
    assertThat(batch.resolve("artifacts/primary/package/docs/guide.txt")).hasContent("guide");
    assertThat(batch.resolve("artifacts/docs/package/guide.txt")).hasContent("guide");
    assertThat(batch.resolve("reports/unit_broken/unit/reports/unit.xml")).exists();
  }

  @Test
  void logs_withSeveralFailedBuilds_onATerminal_asksWhichOne_listingThoseThatRan() throws Exception {
    Path repo = repo("graph");
    assertThat(Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml").exit()).isEqualTo(1);
    List<String> asked = new java.util.ArrayList<>();
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    CliContext terminal = new CliContext(repo, new java.io.PrintWriter(out), new java.io.PrintWriter(err), false, true, System.getenv(),
        java.time.Clock.systemUTC(), dev.crossbatch.core.time.Sleeper.real(), dev.crossbatch.cli.session.Interrupts.manual(), question -> {
          asked.add(question);
          return java.util.Optional.of("2");
        });

    int exit = Main.run(terminal, new String[] {"logs"});

    assertThat(exit).as(err.toString()).isZero();
    assertThat(asked).containsExactly("which log? [1-3 or a name]: ");
    // the order the batch lists them in; the skipped ones have no log to offer
    assertThat(err.toString()).contains("3 builds of graph-repo:").contains("  1) unit_broken  FAILED\n  2) package_check  FAILED\n  3) flaky  FAILED\n");
    assertThat(out.toString()).contains("Phase complete: BUILD State: FAILED");
  }

  @Test
  void buildMatrix_ofStaticAndDynamicAxes_runsTwelveBuilds_eachWithItsBuildspecAndValues() throws Exception {
    Path repo = repo("matrix");

    Run run = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml", "--output", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("the batch asks for compute-type BUILD_GENERAL1_MEDIUM (12 builds), image aws/codebuild/amazonlinux-x86_64-standard:5.0 (6 builds),"
        + " image aws/codebuild/standard:7.0 (6 builds), type LINUX_CONTAINER (12 builds)");
    Map<String, JsonNode> builds = builds(JSON.readTree(run.out()));
    assertThat(builds).hasSize(12);
    for (String step : List.of("compile", "check")) {
      for (String image : List.of("amazonlinux_x86_64_standard_5_0", "standard_7_0")) {
        for (String os : List.of("linux", "darwin", "windows")) {
          String id = step + "_" + image + "_" + os;
          JsonNode build = builds.get(id);
          assertThat(build).as(id).isNotNull();
          assertThat(build.get("status").asText()).isEqualTo("SUCCEEDED");
          // the matrix's variable reached the build, and its own buildspec ran with its own env
          assertThat(Path.of(build.get("artifact").get("location").asText()).resolve("result.txt")).hasContent(step + " " + os + " " + id);
        }
      }
    }
  }

  @Test
  void fanout_runsItsCopies_andSaysOnceThatCodeBuildsTestSplittingIsNotHere() throws Exception {
    Path repo = repo("fanout");

    Run run = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml", "--output", "json");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().split("CodeBuild's test splitting", -1)).hasSize(2);
    assertThat(run.err()).contains("note: buildspec.yml calls codebuild-glob-search and codebuild-tests-run, CodeBuild's test splitting,"
        + " which its docs do not define precisely enough to copy; it is not on this machine, so those commands fail");
    Map<String, JsonNode> builds = builds(JSON.readTree(run.out()));
    assertThat(builds.keySet()).containsExactlyInAnyOrder("fanout_1", "fanout_2", "fanout_3", "fanout_4", "fanout_5");
    // each copy ran, got as far as the tool, and failed there
    builds.values().forEach(b -> assertThat(b.get("message").asText()).startsWith("BUILD: COMMAND_EXECUTION_ERROR: Error while executing command: codebuild-tests-run"));
  }

  @Test
  void startInTheBackground_thenWatchStatusAndLogs_findTheBatchWithoutCrossbatchYml() throws Exception {
    Path repo = repo("matrix");

    Run start = Cli.run(repo, "start", "--local", "--buildspec", "buildspec.yml");
    assertThat(start.exit()).as(start.err()).isZero();
    assertThat(start.out()).startsWith("started matrix-repo:");

    Run watch = Cli.run(repo.resolve("ci"), "watch");
    assertThat(watch.exit()).as(watch.err()).isZero();
    assertThat(watch.out()).contains("batch SUCCEEDED");
    Run logs = Cli.run(repo, "logs", "--platform", "check_standard_7_0_linux");
    assertThat(logs.exit()).as(logs.err()).isZero();
    assertThat(logs.out()).contains("Running command echo \"$STEP $TARGET_OS $CODEBUILD_BATCH_BUILD_IDENTIFIER\" > out/result.txt");
  }

  @Test
  void codebuildVariables_areCodeBuildsOnly_withTheBatchMembersInitiator() throws Exception {
    Path repo = repoWith("vars", """
        version: 0.2
        phases:
          build:
            commands:
              - env | sort > vars.txt
        artifacts:
          files: [vars.txt]
        """);
    String commit = Processes.ok(repo, "git", "rev-parse", "HEAD").trim();

    Run run = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml");

    assertThat(run.exit()).as(run.err()).isZero();
    Path vars;
    try (Stream<Path> found = Files.walk(repo.resolve(".crossbatch"))) {
      vars = found.filter(p -> p.endsWith("vars.txt")).findFirst().orElseThrow();
    }
    String env = Files.readString(vars);
    assertThat(env).contains("CODEBUILD_BATCH_BUILD_IDENTIFIER=build\n", "CODEBUILD_RESOLVED_SOURCE_VERSION=" + commit + "\n")
        .containsPattern("CODEBUILD_INITIATOR=vars-batch-role/AWSCodeBuild-[0-9a-f]{8}\n")
        .containsPattern("CODEBUILD_BUILD_NUMBER=[0-9]+\n")
        .doesNotContain("CODEBUILD_WEBHOOK", "\nVERSION=", "SOURCE_DATE_EPOCH=", "GOCACHE=");
  }

  @Test
  void gitInABuild_seesTheSnapshotAsItsOwnRepository_atTheCommit_andNeverTheUsersWorkingTree() throws Exception {
    Path repo = repoWith("gitty", """
        version: 0.2
        phases:
          build:
            commands:
              - CLEAN="$(git status --porcelain)"
              - git rev-parse HEAD > head.txt
              - printf '%s' "$CLEAN" > status.txt
              - git config --get remote.origin.url > origin.txt
              - git log -1 --pretty=%s > subject.txt
              - git rev-parse --show-toplevel > top.txt
              - mkdir keep && mv *.txt keep/
              # what would wreck the user's repository if git climbed out of the snapshot
              - git clean -xdfq -e keep && git rm -q -r --cached . && git -c user.name=b -c user.email=b@example.com commit -q -m wrecked
        artifacts:
          files: ['*.txt']
          base-directory: keep
        """);
    String commit = Processes.ok(repo, "git", "rev-parse", "HEAD").trim();
    Processes.ok(repo, "git", "remote", "add", "origin", "https://github.com/example/gitty.git");
    // ignored, so the tree is clean; 'git clean -x' would delete it
    Files.writeString(repo.resolve(".git/info/exclude"), "precious.log\n");
    Files.writeString(repo.resolve("precious.log"), "keep me");

    Run run = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml", "--output", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    Path out = Path.of(JSON.readTree(run.out()).get("builds").get(0).get("artifact").get("location").asText());
    assertThat(out.resolve("head.txt")).hasContent(commit);
    assertThat(out.resolve("status.txt")).hasContent("");
    assertThat(out.resolve("origin.txt")).hasContent("https://github.com/example/gitty.git");
    assertThat(out.resolve("subject.txt")).hasContent("hello");
    assertThat(Files.readString(out.resolve("top.txt")).trim()).endsWith("/work/build/src");
    // the user's repository: same HEAD, the ignored file still there, nothing staged
    assertThat(Processes.ok(repo, "git", "rev-parse", "HEAD").trim()).isEqualTo(commit);
    assertThat(repo.resolve("precious.log")).hasContent("keep me");
    assertThat(Processes.ok(repo, "git", "diff", "--cached", "--name-only")).isEmpty();
  }

  @Test
  void cachePaths_insideTheSource_areKeptForTheNextBuild_andOthersAreSaidToBeLeftAlone() throws Exception {
    Path repo = repoWith("cached", """
        version: 0.2
        phases:
          build:
            commands:
              - if [ -f deps/fetched ]; then echo restored > state; else mkdir -p deps && date > deps/fetched && echo fresh > state; fi
        artifacts:
          files: [state]
        cache:
          paths:
            - deps/**/*
            - /root/.m2/**/*
        """);

    Run first = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml", "--output", "json");
    Run second = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml", "--output", "json");

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(Path.of(JSON.readTree(first.out()).get("builds").get(0).get("artifact").get("location").asText()).resolve("state")).hasContent("fresh");
    assertThat(Path.of(JSON.readTree(second.out()).get("builds").get(0).get("artifact").get("location").asText()).resolve("state")).hasContent("restored");
    assertThat(first.err()).contains("cache path '/root/.m2/**/*' is not a folder inside the source; a local build does not cache it");
  }

  @Test
  void taskBuildspecMissingFromTheCommit_isRefusedBeforeAnythingRuns_namingIt() throws Exception {
    Path repo = repo("graph");
    Files.writeString(repo.resolve("buildspec.yml"), Files.readString(repo.resolve("buildspec.yml")).replace("ci/lint.yml", "ci/lint-missing.yml"));

    Run run = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("crossbatch: the batch names buildspec 'ci/lint-missing.yml', which is not in commit ");
    assertThat(repo.resolve(".crossbatch/batches")).doesNotExist();
  }

  @Test
  void invalidBuildspec_isReportedAtItsOwnFileLineAndColumn() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("bad"));
    Files.createDirectories(repo.resolve("ci"));
    Files.writeString(repo.resolve("ci/batch.yml"), """
        version: 0.2
        batch:
          build-list:
            - identifier: linux-amd64
        phases:
          build:
            commands: [make]
        """);
    Example.commitAll(repo);

    Run run = Cli.run(repo.resolve("ci"), "start", "--local", "--wait", "--buildspec", "batch.yml");

    assertThat(run.exit()).isEqualTo(2);
    // named as it can be opened from where the user is
    assertThat(run.err()).startsWith("batch.yml:4:19: identifier 'linux-amd64' may contain only letters, digits and '_'");
    assertThat(repo.resolve("ci/batch.yml")).exists();
  }

  @Test
  void invalidTaskBuildspec_isNamedFromTheUsersFolder_asItCanBeOpenedThere() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("tasks"));
    Files.createDirectories(repo.resolve("ci/tasks"));
    Files.writeString(repo.resolve("ci/batch.yml"), "version: 0.2\nbatch:\n  build-list:\n    - identifier: unit\n      buildspec: ci/tasks/unit.yml\n");
    Files.writeString(repo.resolve("ci/tasks/unit.yml"), "version: 0.2\nphases:\n  biuld:\n    commands: [make]\n");
    Example.commitAll(repo);

    Run fromCi = Cli.run(repo.resolve("ci"), "start", "--local", "--wait", "--buildspec", "batch.yml");
    Run fromRoot = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "ci/batch.yml");

    assertThat(fromCi.exit()).isEqualTo(2);
    assertThat(fromCi.err()).startsWith("tasks/unit.yml:3:3: unknown key 'biuld' in 'phases'; did you mean 'build'?");
    assertThat(fromRoot.err()).startsWith("ci/tasks/unit.yml:3:3: unknown key 'biuld' in 'phases'; did you mean 'build'?");
  }

  @Test
  void buildspecOptions_thatCannotApply_areRefused_withWhatToDo() throws Exception {
    Path repo = repo("matrix");

    Run codebuild = Cli.run(repo, "start", "--codebuild", "--buildspec", "buildspec.yml");
    Run release = Cli.run(repo, "release", "--buildspec", "buildspec.yml");
    Run missing = Cli.run(repo, "start", "--local", "--buildspec", "nope.yml");

    assertThat(codebuild.exit()).isEqualTo(2);
    assertThat(codebuild.err()).startsWith("crossbatch: --buildspec runs a buildspec of your own on this machine;")
        .contains("aws codebuild start-build-batch --buildspec-override file://buildspec.yml");
    assertThat(release.exit()).isEqualTo(2);
    assertThat(release.err()).contains("crossbatch start --local --wait --buildspec FILE");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("crossbatch: no buildspec " + repo.resolve("nope.yml"));
    assertThat(repo.resolve(".crossbatch")).doesNotExist();
  }

  @Test
  void secretsFromParameterStore_areRefused_namingTheVariableAndHowToGiveIt() throws Exception {
    Path repo = repoWith("secret", """
        version: 0.2
        env:
          parameter-store:
            DB_PASSWORD: /prod/db/password
        phases:
          build:
            commands: ['test "$DB_PASSWORD" = given']
        """);

    Run refused = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml");
    Run given = Cli.run(repo, "start", "--local", "--wait", "--buildspec", "buildspec.yml", "--env", "DB_PASSWORD=given");

    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).startsWith("crossbatch: buildspec.yml reads DB_PASSWORD from parameter-store /prod/db/password")
        .contains("pass --env DB_PASSWORD=...");
    assertThat(given.exit()).as(given.err()).isZero();
  }
}
