package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.cli.Cli.Run;
import dev.crossbatch.cli.session.CliContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  @TempDir Path dir;

  private void config(String text) throws Exception {
    Files.writeString(dir.resolve("crossbatch.yml"), text);
  }

  @Test
  void version_printsTheBuiltVersion() {
    Run run = Cli.run(dir, "--version");

    assertThat(run.exit()).isZero();
    // the commit and its date once the build wrote build.properties (package); before, the version alone
    assertThat(run.out()).matches("crossbatch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\((commit [0-9a-f]{7}, \\d{4}-\\d{2}-\\d{2}; )?Java 17[^)]*\\)\\n");
  }

  @Test
  void version_withOutputJson_isOneDocument_atEveryLevel() throws Exception {
    Run root = Cli.run(dir, "--version", "--output", "json");
    Run nested = Cli.run(dir, "artifacts", "--output", "json", "--version");
    Run help = Cli.run(dir, "--version", "--help", "--output", "json");

    assertThat(root.exit()).isZero();
    JsonNode json = new ObjectMapper().readTree(root.out());
    assertThat(json.fieldNames()).toIterable().containsExactly("version", "commit", "date", "java");
    assertThat(json.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(json.get("java").asText()).startsWith(String.valueOf(Runtime.version().feature()));
    assertThat(nested.out()).isEqualTo(root.out());
    assertThat(help.out()).contains("Usage: crossbatch");
  }

  @Test
  void fromASubfolder_theNearestConfigUpToTheRepositoryRootIsUsed_asGitFindsItsRepository() throws Exception {
    Path repo = Example.genericApp(dir.resolve("app"), "[linux/amd64]", "mkdir -p out && echo hi > out/hi.txt");
    Files.move(repo.resolve("crossbatch.yml"), repo.resolve("crossbatch.yaml"));
    Files.createDirectories(repo.resolve("cmd/app/internal"));
    Files.writeString(repo.resolve("cmd/app/internal/x.txt"), "x\n");
    Example.commitAll(repo);
    Path deep = repo.resolve("cmd/app/internal");

    Run validate = Cli.run(deep, "validate");
    Run release = Cli.run(deep, "release");

    assertThat(validate.out()).as(validate.err()).startsWith("../../../crossbatch.yaml: valid config (app for 1 platform");
    assertThat(release.exit()).as(release.err()).isZero();
    assertThat(repo.resolve("dist/SHA256SUMS")).exists();
    assertThat(deep.resolve("dist")).doesNotExist();
    assertThat(Cli.run(deep, "artifacts", "list", "--local", "--output", "text").out()).startsWith("linux/amd64\t");
    Path bare = Files.createDirectories(dir.resolve("other/.git")).getParent();
    Run none = Cli.run(Files.createDirectories(bare.resolve("sub")), "generate");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).startsWith("crossbatch: no crossbatch.yml or crossbatch.yaml in " + bare.resolve("sub")
        + " or above it, up to the repository's root " + bare + "\n");
  }

  @Test
  void schema_printsTheJsonSchemaOfTheConfig_whichAConfigInitWroteValidatesAgainst() throws Exception {
    Run run = Cli.run(dir, "schema");
    Run json = Cli.run(dir, "schema", "--output", "json");

    assertThat(run.exit()).isZero();
    JsonNode schema = new ObjectMapper().readTree(run.out());
    assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("name", "platforms");
    assertThat(json.out()).isEqualTo(run.out());
  }

  @Test
  void help_listsTheCommandsAndTheExitCodes() {
    Run run = Cli.run(dir, "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Commands:", "init", "platforms", "generate", "validate", "Examples:",
        "2    usage or config error", "130  interrupted (Ctrl-C, SIGTERM)");
  }

  @Test
  void everyCommand_showsExamplesInItsHelp() {
    CommandLine cli = CrossbatchCommand.everyCommand(CliContext.plain(dir, new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter())));
    for (String name : cli.getSubcommands().keySet()) {
      if (name.equals("help") || cli.getSubcommands().get(name).getCommandSpec().usageMessage().hidden()) {
        continue;
      }
      Run run = Cli.run(dir, name, "--help");
      assertThat(run.exit()).as(name).isZero();
      assertThat(run.out()).as(name).contains("Examples:", "  crossbatch " + name);
      for (String nested : cli.getSubcommands().get(name).getSubcommands().keySet()) {
        Run inner = Cli.run(dir, name, nested, "--help");
        assertThat(inner.exit()).as(name + " " + nested + ": " + inner.err()).isZero();
        assertThat(inner.out()).as(name + " " + nested).startsWith("Usage: crossbatch " + name + " " + nested).contains("  crossbatch " + name + " " + nested);
      }
    }
  }

  @Test
  void onlyTheNamedCommandIsBuilt_andHelpOrAnythingUnclearGetsThemAll() {
    assertThat(CrossbatchCommand.named("status", "x:y")).isEqualTo(dev.crossbatch.cli.command.StatusCommand.class);
    assertThat(CrossbatchCommand.named("--config", "status", "validate")).isEqualTo(dev.crossbatch.cli.command.ValidateCommand.class);
    assertThat(CrossbatchCommand.named("--output", "json", "-q", "batches")).isEqualTo(dev.crossbatch.cli.command.BatchesCommand.class);
    assertThat(CrossbatchCommand.named("help", "status")).isNull();
    assertThat(CrossbatchCommand.named("--help")).isNull();
    assertThat(CrossbatchCommand.named("stauts")).isNull();
    CommandLine every = CrossbatchCommand.everyCommand(CliContext.plain(dir, new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter())));
    for (var entry : CrossbatchCommand.COMMANDS.entrySet()) {
      assertThat(every.getSubcommands().get(entry.getKey()).getCommandSpec().userObject()).as(entry.getKey()).isInstanceOf(entry.getValue());
    }
    assertThat(every.getSubcommands().keySet()).containsExactlyElementsOf(CrossbatchCommand.COMMANDS.keySet());
  }

  @Test
  void warmUp_theLaunchersTrainingRun_goesThroughEveryPartAndPrintsNothing() {
    Run run = Cli.run(dir, "__warm-up");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEmpty();
    assertThat(System.getProperty("aws.accessKeyId")).isNull();
  }

  @Test
  void warmUp_releasesAndDownloadsForReal_soThosePathsAreInTheArchive() {
    Run run = Cli.run(dir, "__warm-up", "--verbose");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("warm-up: the local release ended with exit code 0");
    assertThat(run.err()).contains("warm-up: the download ended with exit code 0");
  }

  @Test
  void warmUp_ofOneGroupOfCommands_goesThroughThatGroupsPartAlone() {
    Run aws = Cli.run(dir, "__warm-up", "aws", "--verbose");
    Run release = Cli.run(dir, "__warm-up", "release", "--verbose");

    assertThat(aws.exit()).as(aws.err()).isZero();
    assertThat(aws.err()).doesNotContain("the local release ended", "the download ended");
    assertThat(release.exit()).as(release.err()).isZero();
    assertThat(release.err()).contains("warm-up: the local release ended with exit code 0").doesNotContain("the download ended");
  }

  @Test
  void warmUp_ofAGroupThereIsNot_namesTheGroups_andExits2() {
    Run run = Cli.run(dir, "__warm-up", "statuses");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no group statuses of commands to train", "short, aws, download, release");
  }

  @Test
  void noCommand_printsUsageAndExits2() {
    Run run = Cli.run(dir);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Usage: crossbatch");
  }

  @Test
  void misspelledCommand_suggestsTheRightOne() {
    Run run = Cli.run(dir, "genrate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("crossbatch: unknown command 'genrate'; did you mean 'generate'?\nRun 'crossbatch --help' for the commands.\n");
  }

  @Test
  void artifactsWithoutASubcommand_showsItsUsage_andExits2() {
    Run run = Cli.run(dir, "artifacts");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("Usage: crossbatch artifacts [-hqV]").contains("  list ").contains("  download ");
  }

  @Test
  void badOptionValue_isAUsageError() {
    Run run = Cli.run(dir, "platforms", "--output", "yaml");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("crossbatch: Invalid value for option '--output': expected one of [table, json, text]")
        .endsWith("Run 'crossbatch platforms --help' for usage.\n");
  }

  @Test
  void platforms_asJson_describesEachPair() throws Exception {
    Run run = Cli.run(dir, "platforms", "--output", "json");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(run.exit()).isZero();
    assertThat(json).hasSize(49);
    JsonNode arm = json.findParents("platform").stream().filter(n -> n.get("platform").asText().equals("linux/arm")).findFirst().orElseThrow();
    assertThat(arm.get("firstClass").asBoolean()).isTrue();
    assertThat(arm.get("identifier").asText()).isEqualTo("linux_arm");
    assertThat(arm.get("variants").get("variable").asText()).isEqualTo("GOARM");
  }

  @Test
  void platforms_filteredAsText_printsTabSeparatedRowsWithoutHeaderOrPadding() {
    Run run = Cli.run(dir, "platforms", "--os", "windows", "--output", "text");

    assertThat(run.out()).isEqualTo("windows/386\ttrue\tGO386: sse2, softfloat\n"
        + "windows/amd64\ttrue\tGOAMD64: v1, v2, v3, v4\n"
        + "windows/arm\tfalse\tGOARM: v5, v6, v7\n"
        + "windows/arm64\tfalse\t\n");
  }

  @Test
  void generate_writesOnceThenReportsUnchanged_andCheckPasses() throws Exception {
    config("name: hello\nplatforms: [linux/amd64, windows/arm64]\n");

    Run first = Cli.run(dir, "generate");
    Run second = Cli.run(dir, "generate");
    Run check = Cli.run(dir, "generate", "--check");

    assertThat(first.exit()).isZero();
    assertThat(first.out()).isEqualTo("created   buildspecs/buildspec.yml\ncreated   templates/codebuild-project.yml\n");
    assertThat(second.out()).isEqualTo("unchanged buildspecs/buildspec.yml\nunchanged templates/codebuild-project.yml\n");
    assertThat(check.exit()).isZero();
    assertThat(check.out()).isEqualTo("generated files are current (2 checked)\n");
  }

  @Test
  void generateCheck_afterAConfigChange_exits1NamingEachStaleFile() throws Exception {
    config("name: hello\nplatforms: [linux/amd64]\n");
    Cli.run(dir, "generate");
    config("name: hello\nplatforms: [linux/amd64]\ncodebuild:\n  fast-fail: true\n");
    String before = Files.readString(dir.resolve("buildspecs/buildspec.yml"));

    Run check = Cli.run(dir, "generate", "--check");

    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.err()).isEqualTo("buildspecs/buildspec.yml is stale: run 'crossbatch generate' and commit the result\n");
    assertThat(Files.readString(dir.resolve("buildspecs/buildspec.yml"))).isEqualTo(before);
  }

  @Test
  void generate_invalidConfig_printsEveryErrorAndWritesNothing() throws Exception {
    config("name: hello\nplatfroms: [linux/amd64]\ncodebuild:\n  region: mars\n");

    Run run = Cli.run(dir, "generate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("""
        crossbatch.yml:2:1: unknown key 'platfroms'; did you mean 'platforms'?
        crossbatch.yml:4:11: 'mars' is not an AWS region; write it like 'eu-west-1' or 'us-east-1'
        2 errors in crossbatch.yml
        """);
    assertThat(dir.resolve("buildspecs")).doesNotExist();
  }

  @Test
  void generate_withoutConfig_saysHowToCreateOne() {
    Run run = Cli.run(dir, "generate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("crossbatch: no crossbatch.yml (looked for " + dir.resolve("crossbatch.yml")
        + ")\n  run 'crossbatch init' in your Go module to write one, or pass --config FILE\n");
  }

  @Test
  void globalOptions_workBeforeAndAfterTheCommand() throws Exception {
    Files.createDirectories(dir.resolve("svc"));
    Files.writeString(dir.resolve("svc/crossbatch.yml"), "name: svc\nplatforms: [linux/arm64]\n");

    Run before = Cli.run(dir, "--config", "svc/crossbatch.yml", "--quiet", "generate");
    Run after = Cli.run(dir, "generate", "--check", "--config", "svc/crossbatch.yml");

    assertThat(before.exit()).isZero();
    assertThat(before.out()).isEmpty();
    assertThat(dir.resolve("svc/buildspecs/buildspec.yml")).exists();
    assertThat(after.exit()).isZero();
    assertThat(after.out()).isEqualTo("generated files are current (2 checked)\n");
  }

  @Test
  void generate_asJson_reportsEachFilesState() throws Exception {
    config("name: hello\nplatforms: [linux/amd64]\n");

    Run run = Cli.run(dir, "generate", "--check", "--output", "json");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(json.get("stale").asBoolean()).isTrue();
    assertThat(json.get("files").get(0).get("path").asText()).isEqualTo("buildspecs/buildspec.yml");
    assertThat(json.get("files").get(0).get("state").asText()).isEqualTo("missing");
  }

  @Test
  void validate_withoutFiles_checksTheConfigAndItsBuildspecs() throws Exception {
    config("name: hello\nplatforms: [linux/amd64, darwin/arm64]\n");
    Cli.run(dir, "generate");

    Run run = Cli.run(dir, "validate");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("crossbatch.yml: valid config (hello for 2 platforms, batch-mode list)\n"
        + "buildspecs/buildspec.yml: valid buildspec (build-list with 2 builds)\n");
  }

  @Test
  void validate_handWrittenBuildspecs_reportsAllErrorsOfAllFiles() throws Exception {
    Files.writeString(dir.resolve("a.yml"), "version: \"0.2\"\nbatch:\n  build-list:\n    - identifier: linux-amd64\nphases:\n  build:\n    commands: [make]\n");
    Files.writeString(dir.resolve("b.yml"), "version: 0.2\nphases:\n  build:\n    commands: [make]\n");

    Run run = Cli.run(dir, "validate", "a.yml", "b.yml", "missing.yml");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("""
        a.yml:1:10: 'version' must be the number 0.2, not the string "0.2"; remove the quotes (CodeBuild fails batch builds with a quoted version)
        a.yml:4:19: identifier 'linux-amd64' may contain only letters, digits and '_' (CodeBuild fails the whole batch otherwise); e.g. 'linux_amd64'
        missing.yml:1:1: no such file
        3 errors in 2 files
        """);
    assertThat(run.out()).isEqualTo("b.yml: valid buildspec (single build (no batch section))\n");
  }

  @Test
  void validate_asJson_givesLocationsAndSeverities() throws Exception {
    Files.writeString(dir.resolve("b.yml"), "version: 0.2\nphases:\n  build:\n    commands: [make]\nbatchh: {}\n");

    Run run = Cli.run(dir, "validate", "--output", "json", "b.yml");

    JsonNode file = new ObjectMapper().readTree(run.out()).get("files").get(0);
    assertThat(run.exit()).isZero();
    assertThat(file.get("valid").asBoolean()).isTrue();
    assertThat(file.get("errors")).isEmpty();
    assertThat(file.get("warnings").get(0).toString())
        .isEqualTo("{\"line\":5,\"column\":1,\"message\":\"unknown key 'batchh'; did you mean 'batch'?\"}");

    Run strict = Cli.run(dir, "validate", "--strict", "b.yml");
    Run strictJson = Cli.run(dir, "validate", "--strict", "--output", "json", "b.yml");

    assertThat(strict.exit()).isEqualTo(2);
    assertThat(strict.out()).isEmpty();
    assertThat(strict.err()).isEqualTo("b.yml:5:1: warning: unknown key 'batchh'; did you mean 'batch'?\n0 errors and 1 warning (--strict) in 1 file\n");
    JsonNode doc = new ObjectMapper().readTree(strictJson.out());
    assertThat(strictJson.exit()).isEqualTo(2);
    assertThat(doc.get("valid").asBoolean()).isFalse();
    assertThat(doc.get("strict").asBoolean()).isTrue();
    assertThat(doc.get("warnings").asInt()).isEqualTo(1);
  }

  @Test
  void validate_aGoVersionCodeBuildDoesNotOffer_isAWarningThatSaysWhichToUse() throws Exception {
    Files.writeString(dir.resolve("crossbatch.yml"), "name: hello\nplatforms: [linux/amd64]\ngo: \"1.18\"\n");

    Run run = Cli.run(dir, "validate", "crossbatch.yml");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("crossbatch.yml: valid config (hello for 1 platform, batch-mode list)\n");
    assertThat(run.err()).isEqualTo("crossbatch.yml:3:5: warning: 'go: 1.18' is not a golang runtime CodeBuild's images offer (1.20 to 1.26),"
        + " so its INSTALL phase would fail there; use \"1.20\" (the nearest newer line) or \"1.x\"\n");
  }

  @Test
  void validate_withNothingToCheck_saysWhatToDo() {
    Run run = Cli.run(dir, "validate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("crossbatch: no crossbatch.yml in " + dir
        + "\n  pass the files to check (crossbatch validate FILE...), or run 'crossbatch init' to create one\n");
  }

  @Test
  void init_writesTheConfig_thenRefusesToOverwriteIt() throws Exception {
    Files.writeString(dir.resolve("go.mod"), "module github.com/acme/rocket\n\ngo 1.23\n");
    Files.writeString(dir.resolve("main.go"), "package main\n\nvar version = \"dev\"\n\nfunc main() {}\n");

    Run first = Cli.run(dir, "init", "--platform", "linux/amd64", "--platform", "linux/arm/v7");
    Run second = Cli.run(dir, "init");

    assertThat(first.exit()).isZero();
    assertThat(first.out()).isEqualTo("wrote crossbatch.yml: rocket from ., Go 1.23, 2 platforms\n"
        + "  note: added dist/ and .crossbatch/ to .gitignore\nnext: crossbatch generate\n");
    assertThat(Cli.run(dir, "validate").out()).isEqualTo("crossbatch.yml: valid config (rocket for 2 platforms, batch-mode list)\n");
    assertThat(second.exit()).isEqualTo(2);
    assertThat(second.err()).isEqualTo("crossbatch: " + dir.resolve("crossbatch.yml") + " already exists\n  edit it, or pass --force to replace it\n");
  }

  @Test
  void init_unknownPlatform_isAUsageErrorWithASuggestion() throws Exception {
    Files.writeString(dir.resolve("go.mod"), "module example.com/hello\n");

    Run run = Cli.run(dir, "init", "--platform", "macos/arm64");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("crossbatch: --platform: unknown platform 'macos/arm64'; did you mean 'darwin/arm64'? (Go's names)\n"
        + "  run 'crossbatch platforms' to see them all\n");
    assertThat(dir.resolve("crossbatch.yml")).doesNotExist();
  }

  @Test
  void unknownWords_haveOneStyle_withTheClosestNameThereIs() {
    Run option = Cli.run(dir, "release", "--platfrom", "linux/amd64");
    Run nested = Cli.run(dir, "artifacts", "lst");
    Run global = Cli.run(dir, "--confg", "x", "status");
    Run extra = Cli.run(dir, "platforms", "a", "b");

    assertThat(option.exit()).isEqualTo(2);
    assertThat(option.err()).isEqualTo("crossbatch: unknown option '--platfrom' for 'crossbatch release'; did you mean '--platform'?\n"
        + "Run 'crossbatch release --help' for its options.\n");
    assertThat(nested.err()).isEqualTo("crossbatch: unknown command 'lst' for 'crossbatch artifacts'; did you mean 'list'?\n"
        + "Run 'crossbatch artifacts --help' for the commands.\n");
    assertThat(global.err()).startsWith("crossbatch: unknown option '--confg'; did you mean '--config'?\n");
    assertThat(extra.err()).startsWith("crossbatch: unexpected arguments 'a', 'b' for 'crossbatch platforms'\n");
  }
}
