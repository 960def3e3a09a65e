package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.cli.Cli.Run;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** release, start, watch, status and stop on the local backend, driven through the CLI with real git and bash. */
class LocalBackendCliTest {
  @TempDir Path dir;
  Path repo;
  String sha7;

  static final String CONFIG = """
      name: app
      preset: generic
      platforms: [linux/amd64, darwin/arm64]
      build:
        commands:
          - mkdir -p out && printf 'hi %s\\n' "$GOOS" > out/app.txt
          - test -z "$FAIL" || exit 3
          - test -z "$SLOW" || { touch "$SLOW/$CODEBUILD_BATCH_BUILD_IDENTIFIER"; sleep 60; }
        output: out
      """;

  @BeforeEach
  void repository() throws Exception {
    repo = Files.createDirectories(dir.resolve("app"));
    Files.writeString(repo.resolve("crossbatch.yml"), CONFIG);
    Files.writeString(repo.resolve(".gitignore"), "dist/\n.crossbatch/\n");
    sha7 = Example.commitAll(repo).substring(0, 7);
  }

  @Test
  void release_buildsEveryPlatform_andSaysWhatItWrote() {
    Run run = Cli.run(repo, "release");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("app_linux_amd64_" + sha7 + ".zip", "app_darwin_arm64_" + sha7 + ".zip")
        .endsWith("released app from commit " + sha7 + ": 2 zips, dist/SHA256SUMS, dist/manifest.json\n");
    assertThat(run.err()).contains("crossbatch: created buildspecs/buildspec.yml from crossbatch.yml; commit it");
    assertThat(repo.resolve("dist/SHA256SUMS")).exists();
  }

  @Test
  void release_withFailingBuilds_exits1_namingEachFailureAndItsLog() {
    Run run = Cli.run(repo, "release", "--env", "FAIL=yes");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).containsPattern("linux/amd64: BUILD: COMMAND_EXECUTION_ERROR: Error while executing command: test -z \"\\$FAIL\" \\|\\| exit 3\\. "
            + "Reason: the shell exited with status 3 \\(log: \\.crossbatch/batches/[0-9a-f-]+/logs/linux_amd64\\.log\\)")
        .endsWith("crossbatch: release failed: 2 of 2 builds did not succeed; no SHA256SUMS was written\n");
    assertThat(repo.resolve("dist/SHA256SUMS")).doesNotExist();
  }

  /** --env follows crossbatch.yml's env rule: a variable that would change a build's platform or version is refused before anything runs. */
  @org.junit.jupiter.params.ParameterizedTest(name = "--env {0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "GOOS=windows|each build's platform sets it; choose platforms with --platform",
      "GOARCH=arm|each build's platform sets it",
      "GOARM=7|each build's platform sets it",
      "GOAMD64=v3|each build's platform sets it",
      "CODEBUILD_RESOLVED_SOURCE_VERSION=0000000|CodeBuild sets CODEBUILD_* variables itself",
      "VERSION=v9.9.9|crossbatch sets it from git",
      "1BAD=x|not a variable name a shell can read",
  })
  void release_withEnvThatWouldOverrideThePlatformOrVersion_isRefused_withNothingBuilt(String assignment, String why) {
    Run run = Cli.run(repo, "release", "--env", assignment);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("crossbatch: --env " + assignment.substring(0, assignment.indexOf('=')) + ": " + why);
    assertThat(repo.resolve("dist")).doesNotExist();
    assertThat(repo.resolve(".crossbatch")).doesNotExist();
  }

  @Test
  void release_parallelZero_isRefusedAsTheMessageSays() {
    Run run = Cli.run(repo, "release", "--parallel", "0");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("crossbatch: --parallel 0: give a number of builds from 1 to 256\n");
  }

  @Test
  void releasingOnePlatformAgain_keepsTheOtherZipsOfTheCommitInSha256sums_andSaysSo() throws Exception {
    assertThat(Cli.run(repo, "release").exit()).isZero();
    Run one = Cli.run(repo, "release", "--platform", "linux/amd64");

    assertThat(one.exit()).as(one.err()).isZero();
    assertThat(one.out()).contains("released app from commit " + sha7 + ": 1 zip, dist/SHA256SUMS (also listing 1 zip of this commit released before)");
    Processes.Result check = Processes.run(repo.resolve("dist"), java.util.Map.of(), java.util.List.of("sha256sum", "-c", "SHA256SUMS"));
    assertThat(check.output().lines()).containsExactlyInAnyOrder("app_" + sha7 + ".intoto.jsonl: OK",
        "app_darwin_arm64_" + sha7 + ".zip: OK", "app_darwin_arm64_" + sha7 + ".zip.cdx.json: OK",
        "app_linux_amd64_" + sha7 + ".zip: OK", "app_linux_amd64_" + sha7 + ".zip.cdx.json: OK");
    // the zips are the same bytes again, so the first release's provenance still holds beside the second's
    assertThat(Files.readAllLines(repo.resolve("dist/app_" + sha7 + ".intoto.jsonl"))).hasSize(2);
  }

  @Test
  void release_dryRun_printsThePlanAndWritesNothing() {
    Run run = Cli.run(repo, "release", "--dry-run");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("would release app " + sha7 + " from commit " + sha7 + " on this machine, ")
        .contains("  linux_amd64   -> dist/app_linux_amd64_" + sha7 + ".zip\n  darwin_arm64  -> dist/app_darwin_arm64_" + sha7 + ".zip\n",
            "would regenerate buildspecs/buildspec.yml (missing)")
        .endsWith("then SHA256SUMS and manifest.json in dist/\nnothing was run or written (--dry-run)\n");
    assertThat(repo.resolve("dist")).doesNotExist();
    assertThat(repo.resolve("buildspecs")).doesNotExist();
  }

  @Test
  void release_asJson_givesTheSnapshotAndTheFiles() throws Exception {
    Run run = Cli.run(repo, "release", "--output", "json");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(run.exit()).isZero();
    assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(json.get("backend").asText()).isEqualTo("local");
    assertThat(json.get("builds").get(0).get("platform").asText()).isEqualTo("linux/amd64");
    assertThat(json.get("builds").get(0).get("artifact").get("sha256").asText()).hasSize(64);
    assertThat(json.get("checksums").asText()).isEqualTo(repo.resolve("dist/SHA256SUMS").toString());
  }

  @Test
  void release_interrupted_stopsEveryBuild_exits130_andLeavesNoChecksumsNorPartialZip() throws Exception {
    Interrupts interrupts = Interrupts.manual();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(repo, new PrintWriter(out), new PrintWriter(err), false, false, System.getenv(), Clock.systemUTC(), dev.crossbatch.core.time.Sleeper.real(), interrupts);
    Path slow = Files.createDirectories(dir.resolve("slow"));
    CompletableFuture<Integer> release = CompletableFuture.supplyAsync(() -> Main.run(context, "release", "--env", "SLOW=" + slow, "--parallel", "2"));
    Await.until("both builds to be in their long command", () -> Files.exists(slow.resolve("linux_amd64")) && Files.exists(slow.resolve("darwin_arm64")));

    interrupts.interrupt();
    int exit = release.get(60, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(exit).isEqualTo(ExitCodes.INTERRUPTED);
    assertThat(err.toString()).contains("crossbatch: release interrupted; every build was stopped and no SHA256SUMS was written");
    assertThat(out.toString()).containsPattern("linux/amd64 +STOPPED").containsPattern("darwin/arm64 +STOPPED");
    assertThat(repo.resolve("dist/SHA256SUMS")).doesNotExist();
    if (Files.exists(repo.resolve("dist"))) {
      try (Stream<Path> files = Files.list(repo.resolve("dist"))) {
        assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".part"));
      }
    }
  }

  @Test
  void start_returnsAtOnce_thenWatchFollowsIt_andStatusReportsIt() throws Exception {
    Run start = Cli.run(repo, "start", "--local");

    assertThat(start.exit()).as(start.err()).isZero();
    assertThat(start.out()).matches("(?s)started app-release:[0-9a-f-]{36}\nfollow it with: crossbatch watch   \\(status, logs, stop\\)\n");
    String id = start.out().substring("started ".length(), start.out().indexOf('\n'));

    Run watch = Cli.run(repo, "watch");
    assertThat(watch.exit()).as(watch.err()).isZero();
    assertThat(watch.out()).contains("batch " + id, "batch SUCCEEDED");

    Run status = Cli.run(repo, "status", "--output", "json");
    JsonNode json = new ObjectMapper().readTree(status.out());
    assertThat(status.exit()).isZero();
    assertThat(json.get("batch").asText()).isEqualTo(id);
    assertThat(json.get("complete").asBoolean()).isTrue();
    assertThat(json.get("builds")).hasSize(2);
  }

  @Test
  void stop_endsABatchRunningInTheBackground() throws Exception {
    Path slow = Files.createDirectories(dir.resolve("slow"));
    Run start = Cli.run(repo, "start", "--local", "--env", "SLOW=" + slow);
    assertThat(start.exit()).as(start.err()).isZero();
    Await.until("a build to be in its long command", () -> Files.exists(slow.resolve("linux_amd64")) || Files.exists(slow.resolve("darwin_arm64")));

    Run stop = Cli.run(repo, "stop");
    Run status = Cli.run(repo, "status");

    assertThat(stop.exit()).as(stop.err()).isZero();
    assertThat(stop.out()).matches("batch app-release:[0-9a-f-]{36} STOPPED\n");
    assertThat(status.exit()).isEqualTo(1);
    assertThat(status.out()).contains("STOPPED");
  }

  @Test
  void watch_withoutAnyBatch_saysHowToStartOne() {
    Run run = Cli.run(repo, "watch");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("crossbatch: no batch was started from here yet\n"
        + "  start one with 'crossbatch start' (or 'crossbatch release'), or pass a batch id ('crossbatch batches' lists them)\n");
  }

  @Test
  void release_dirtyTree_isRefusedWithWhatToDo() throws Exception {
    Files.writeString(repo.resolve("crossbatch.yml"), CONFIG + "# edited\n");

    Run run = Cli.run(repo, "release");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).endsWith("crossbatch: the working tree has uncommitted changes: crossbatch.yml\n"
        + "  commit them (builds run on a snapshot of the commit), or pass --allow-dirty to build the files as they are\n");
  }

  @Test
  void release_outsideAGitRepository_saysHowToMakeOne() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(plain.resolve("crossbatch.yml"), CONFIG);

    Run run = Cli.run(plain, "release");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).endsWith("crossbatch: " + plain.toRealPath() + " is not in a git repository; local builds run on a snapshot of a commit\n"
        + "  run 'git init && git add -A && git commit -m initial' there, then try again\n");
  }

  @Test
  void release_onePlatform_buildsOnlyThatOne() {
    Run run = Cli.run(repo, "release", "--platform", "darwin/arm64");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("app_darwin_arm64_").doesNotContain("app_linux_amd64_");
  }

  @Test
  void release_badOptions_areUsageErrors() {
    assertThat(Cli.run(repo, "release", "--codebuild").err())
        .isEqualTo("crossbatch: crossbatch.yml sets no codebuild.project, so there is no CodeBuild project to use\n"
            + "  add 'codebuild: {project: NAME}' (deploy templates/codebuild-project.yml first), or run on this machine with --local\n");
    assertThat(Cli.run(repo, "release", "--parallel", "999").err())
        .isEqualTo("crossbatch: --parallel 999: give a number of builds from 1 to 256\n  e.g. --parallel 2\n");
    assertThat(Cli.run(repo, "release", "--platform", "plan9/arm").err())
        .startsWith("crossbatch: 'plan9/arm' is not a build of this batch; it has: linux/amd64, darwin/arm64\n");
  }

  @Test
  void logs_printTheBuildsLog_andPickTheOnlyFailedBuildWithoutPlatform() {
    Run release = Cli.run(repo, "release", "--env", "FAIL=yes", "--platform", "linux/amd64");
    assertThat(release.exit()).isEqualTo(1);

    Run named = Cli.run(repo, "logs", "--platform", "linux/amd64");
    Run implied = Cli.run(repo, "logs");

    assertThat(named.exit()).as(named.err()).isZero();
    assertThat(named.out()).contains("Running command test -z \"$FAIL\" || exit 3", "Phase complete: BUILD State: FAILED");
    assertThat(implied.out()).isEqualTo(named.out());
  }

  @Test
  void logs_ofSeveralFailedBuilds_namesThem_andAllFailedPrintsEach() {
    Run release = Cli.run(repo, "release", "--env", "FAIL=yes");
    assertThat(release.exit()).isEqualTo(1);

    Run ambiguous = Cli.run(repo, "logs");
    Run all = Cli.run(repo, "logs", "--all-failed");
    Run both = Cli.run(repo, "logs", "--all-failed", "--platform", "linux/amd64");

    assertThat(ambiguous.exit()).isEqualTo(2);
    assertThat(ambiguous.err()).contains(" has 2 builds, 2 of them failed: linux/amd64, darwin/arm64\n"
        + "  name one with --platform, or print each failed one's with --all-failed\n");
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out()).startsWith("==> linux/amd64: FAILED <==\n").contains("\n==> darwin/arm64: FAILED <==\n");
    assertThat(all.out().split("Phase complete: BUILD State: FAILED", -1)).hasSize(3);
    assertThat(both.exit()).isEqualTo(2);
  }

  @Test
  void statusReleaseAndArtifactsList_asText_areTabSeparatedRowsWithBytesAndFullChecksums() throws Exception {
    Run release = Cli.run(repo, "release", "--output", "text");
    Run status = Cli.run(repo, "status", "--output", "text");
    Run list = Cli.run(repo, "artifacts", "list", "--local", "--output", "text");

    assertThat(release.exit()).as(release.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(Cli.run(repo, "status", "--output", "json").out());
    StringBuilder rows = new StringBuilder();
    for (JsonNode b : json.get("builds")) {
      JsonNode zip = b.get("artifact");
      rows.append(b.get("platform").asText()).append("\tSUCCEEDED\t\\d+\\.\\d{3}\t").append("dist/" + Path.of(zip.get("location").asText()).getFileName())
          .append('\t').append(zip.get("size").asLong()).append('\t').append(zip.get("sha256").asText()).append('\n');
    }
    assertThat(release.out()).matches(rows.toString());
    assertThat(status.out()).matches(rows.toString());
    assertThat(list.out().lines().toList()).hasSize(2).allMatch(l -> l.matches("(linux/amd64|darwin/arm64)\t" + sha7
        + "\tapp_\\w+_" + sha7 + "\\.zip\t\\d+\t\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\tcomplete"));
  }

  @Test
  void release_ofANewCommit_neverListsStaleZips_andCleanEmptiesTheFolderFirst_asDryRunSays() throws Exception {
    assertThat(Cli.run(repo, "release").exit()).isZero();
    String first = sha7;
    Files.writeString(repo.resolve("NOTES"), "second\n");
    sha7 = Example.commitAll(repo).substring(0, 7);

    Run plain = Cli.run(repo, "release");
    String sums = Files.readString(repo.resolve("dist/SHA256SUMS"));
    String manifest = Files.readString(repo.resolve("dist/manifest.json"));
    Run plan = Cli.run(repo, "release", "--clean", "--dry-run");
    boolean keptByDryRun = Files.exists(repo.resolve("dist/app_linux_amd64_" + first + ".zip"));
    Run clean = Cli.run(repo, "release", "--clean");

    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(keptByDryRun).as("the stale zip stays until --clean, and a dry run writes nothing").isTrue();
    assertThat(sums).contains("app_linux_amd64_" + sha7 + ".zip").doesNotContain(first);
    assertThat(manifest).doesNotContain("_" + first + ".zip");
    assertThat(plan.out()).contains("  first emptying dist/ (--clean)\n",
        "  linux_amd64   -> dist/app_linux_amd64_" + sha7 + ".zip\n", "  darwin_arm64  -> dist/app_darwin_arm64_" + sha7 + ".zip\n");
    assertThat(clean.exit()).as(clean.err()).isZero();
    try (var files = Files.list(repo.resolve("dist"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".")))
          .containsExactlyInAnyOrder("SHA256SUMS", "app_" + sha7 + ".intoto.jsonl", "app_darwin_arm64_" + sha7 + ".zip", "app_darwin_arm64_" + sha7 + ".zip.cdx.json",
              "app_linux_amd64_" + sha7 + ".zip", "app_linux_amd64_" + sha7 + ".zip.cdx.json", "manifest.json", "report.html");
    }
  }

  @Test
  void releaseClean_ofAnOutputFolderHoldingTheProject_isRefused_andNothingIsRemoved() throws Exception {
    Files.writeString(repo.resolve("crossbatch.yml"), CONFIG + "local:\n  output: .\n");
    Example.commitAll(repo);

    Run run = Cli.run(repo, "release", "--clean");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("crossbatch: --clean would empty " + repo.toRealPath() + ", which holds the project (local.output: .)\n")
        .contains("set local.output to a folder of its own");
    assertThat(repo.resolve("crossbatch.yml")).exists();
    assertThat(repo.resolve(".git")).exists();
  }

  @Test
  void logs_allFailed_asJson_isOneDocumentWithEachBuildsLines() throws Exception {
    assertThat(Cli.run(repo, "release", "--env", "FAIL=yes").exit()).isEqualTo(1);
    Run text = Cli.run(repo, "logs", "--all-failed");

    Run run = Cli.run(repo, "logs", "--all-failed", "--output", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("batch").asText()).startsWith("app");
    JsonNode builds = json.get("builds");
    assertThat(builds).hasSize(2);
    assertThat(builds.get(0).get("platform").asText()).isEqualTo("linux/amd64");
    assertThat(builds.get(1).get("status").asText()).isEqualTo("FAILED");
    StringBuilder lines = new StringBuilder();
    for (JsonNode build : builds) {
      lines.append("==> ").append(build.get("platform").asText()).append(": FAILED <==\n");
      build.get("lines").forEach(l -> lines.append(l.asText()).append('\n'));
    }
    assertThat(lines.toString()).isEqualTo(text.out());
  }

  @Test
  void logs_follow_exitsWithTheBuildsOutcome_andUnknownPlatformsAreNamed() {
    assertThat(Cli.run(repo, "release").exit()).isZero();

    Run follow = Cli.run(repo, "logs", "--platform", "darwin/arm64", "--follow");
    Run unknown = Cli.run(repo, "logs", "--platform", "windows/amd64");
    Run ambiguous = Cli.run(repo, "logs");

    assertThat(follow.exit()).as(follow.err()).isZero();
    assertThat(follow.out()).contains("Phase complete: BUILD State: SUCCEEDED");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).matches("crossbatch: 'windows/amd64' is not a build of app-release:[0-9a-f-]{36}; it has: linux/amd64, darwin/arm64\n"
        + "  pass one of those with --platform\n");
    assertThat(ambiguous.exit()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("which build? ", " has 2 builds: linux/amd64, darwin/arm64\n  name one with --platform\n");
  }

  @Test
  void batches_listsLocalBatchesNewestFirst_asATableOrJson() throws Exception {
    assertThat(Cli.run(repo, "release", "--platform", "linux/amd64").exit()).isZero();
    assertThat(Cli.run(repo, "release", "--env", "FAIL=yes", "--platform", "linux/amd64").exit()).isEqualTo(1);

    Run table = Cli.run(repo, "batches");
    Run json = Cli.run(repo, "batches", "--output", "json", "--limit", "1");

    assertThat(table.exit()).as(table.err()).isZero();
    String[] lines = table.out().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).matches("BATCH +STATUS +COMMIT +VERSION +STARTED +DURATION");
    assertThat(lines[1]).matches("app-release:[0-9a-f-]{36}  FAILED +" + sha7 + "  " + sha7 + " +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d [A-Z]+  \\S+");
    assertThat(lines[2]).contains("SUCCEEDED");
    Run text = Cli.run(repo, "batches", "--output", "text");
    assertThat(text.out().lines().toList()).hasSize(2).allMatch(l -> l.split("\t", -1).length == 6);
    assertThat(text.out().lines().findFirst().orElseThrow())
        .matches("app-release:[0-9a-f-]{36}\tFAILED\t" + sha7 + "\t" + sha7 + "\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\t\\d+\\.\\d{3}");
    JsonNode list = new ObjectMapper().readTree(json.out());
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("status").asText()).isEqualTo("FAILED");
    assertThat(list.get(0).get("backend").asText()).isEqualTo("local");
    assertThat(Cli.run(repo, "batches", "--limit", "0").err()).isEqualTo("crossbatch: --limit 0: give a number from 1 to 100\n  e.g. --limit 20\n");
  }

  @Test
  void retry_ofALocalBatch_saysHowToRunItsFailedBuildsAgain() {
    assertThat(Cli.run(repo, "release", "--env", "FAIL=yes").exit()).isEqualTo(1);

    Run retry = Cli.run(repo, "retry");

    assertThat(retry.exit()).isEqualTo(2);
    assertThat(retry.err()).isEqualTo("crossbatch: a local batch is not retried in place (retry re-runs the failed builds of a CodeBuild batch)\n"
        + "  run its failed builds again: crossbatch start --local --platform linux/amd64 --platform darwin/arm64\n");
  }

  @Test
  void aBatchIdThatIsNoId_isAUsageErrorPointingAtPlatform() {
    Run run = Cli.run(repo, "logs", "linux/amd64");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("crossbatch: 'linux/amd64' is not a batch id (ids look like PROJECT:UUID)\n"
        + "  'crossbatch batches' lists them; name a platform with --platform\n");
  }
}
