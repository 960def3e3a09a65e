package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs after 'package': the repository launcher and the distribution zip, unpacked elsewhere, start the CLI. */
class LauncherIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void repositoryLauncher_runsTheBuiltCli() {
    Processes.Result run = Processes.run(ROOT, ROOT.resolve("crossbatch").toString(), "--version");

    assertThat(run.exit()).as(run.output()).isZero();
    // the build's commit and that commit's date, as git says them
    String commit = Processes.ok(ROOT, "git", "log", "-1", "--format=%h, %cs", "--abbrev=7").trim();
    assertThat(run.output()).startsWith("crossbatch ").contains(" (commit " + commit + "; Java ");
  }

  @Test
  void commandsThatHashArchives_getTheOptimizingCompilerForHotCode_shortCommandsTheQuickOneAlone_allHugePagesWhereAskedFor() throws Exception {
    // the heap in transparent huge pages where the kernel gives them on request (docs/decisions/0048)
    Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean onRequest = Files.isReadable(setting) && Files.readString(setting).contains("[madvise]");
    for (String command : List.of("release", "start", "verify", "download", "validate", "status", "--version")) {
      List<String> args = command.equals("download") ? List.of("artifacts", "download", "--help")
          : command.startsWith("-") ? List.of(command) : List.of(command, "--help");
      List<String> line = new ArrayList<>(List.of(ROOT.resolve("crossbatch").toString()));
      line.addAll(args);
      // no archive: each group's first run would start a training in the background
      Processes.Result run = Processes.run(ROOT, Map.of("CROSSBATCH_OPTS", "-XX:+PrintFlagsFinal", "CROSSBATCH_CDS", "0"), line);

      assertThat(run.exit()).as(run.output()).isZero();
      boolean hashes = List.of("release", "start", "verify", "download").contains(command);
      assertThat(run.output()).as(command).containsPattern("TieredStopAtLevel\\s+= " + (hashes ? 4 : 1))
          .containsPattern("Tier4InvocationThreshold\\s+= " + (hashes ? 100000 : 5000));
      // SHA-256's block functions get the optimizing compiler at once, and no line of it on stdout
      assertThat(run.output().contains("CompileThresholdScaling,sun/security/provider/SHA2.implCompress0,0.001")).as(command).isEqualTo(hashes);
      assertThat(run.output()).as(command).doesNotContain("CompileCommand: ")
          .containsPattern("UseTransparentHugePages\\s+= " + onRequest);
    }
  }

  @Test
  void theDistributionsJar_holdsNoClassFileOlderThanJava6_whichJava17WouldLeaveOutOfItsArchive() throws Exception {
    Path jar;
    try (Stream<Path> files = Files.walk(ROOT.resolve("orchestrator-cli/target"), 4)) {
      jar = files.filter(p -> p.endsWith("lib/crossbatch.jar")).findFirst().orElseThrow();
    }
    Map<Integer, Integer> byVersion = new java.util.TreeMap<>();
    int picocli = 0;
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
      for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
        if (entry.getName().endsWith(".class")) {
          byte[] head = zip.getInputStream(entry).readNBytes(8);
          int version = (head[6] & 0xff) << 8 | head[7] & 0xff;
          byVersion.merge(version, 1, Integer::sum);
          picocli += entry.getName().equals("picocli/CommandLine.class") ? version : 0;
        }
      }
    }
    assertThat(byVersion.keySet()).as("class file versions: %s", byVersion).allMatch(v -> v >= 50);
    assertThat(picocli).as("picocli's command line, a Java 5 class file in its own jar").isEqualTo(50);
  }

  @Test
  void generatedFiles_recordedByTheJarsCrossbatch_whereCrossbatchHasRun_andAnEditedFileIsStillFoundStale(@TempDir Path project) throws Exception {
    Files.writeString(project.resolve("crossbatch.yml"), "name: hello\nplatforms: [linux/amd64, windows/arm64]\n");
    String cli = ROOT.resolve("crossbatch").toString();
    Map<String, String> noArchive = Map.of("CROSSBATCH_CDS", "0");
    Path record = project.resolve(".crossbatch/cache/generated");

    assertThat(Processes.run(project, noArchive, List.of(cli, "generate")).exit()).isZero();
    assertThat(project.resolve(".crossbatch")).as("a project where crossbatch has not run yet keeps no record").doesNotExist();

    Files.createDirectories(project.resolve(".crossbatch"));
    assertThat(Processes.run(project, noArchive, List.of(cli, "generate", "--check")).exit()).isZero();
    assertThat(record).as("the jar's id found: the record is kept").isRegularFile();
    assertThat(Processes.run(project, noArchive, List.of(cli, "generate", "--check")).exit()).isZero();

    Path buildspec = project.resolve("buildspecs/buildspec.yml");
    String rendered = Files.readString(buildspec);
    Files.writeString(buildspec, rendered.replace("GOARCH: arm64", "GOARCH: amd64"));
    Processes.Result stale = Processes.run(project, noArchive, List.of(cli, "generate", "--check"));
    assertThat(stale.exit()).as(stale.output()).isEqualTo(1);
    assertThat(stale.output()).contains("buildspecs/buildspec.yml is stale");
    assertThat(Processes.run(project, noArchive, List.of(cli, "generate")).exit()).isZero();
    assertThat(buildspec).hasContent(rendered);
  }

  @Test
  void distributionZip_unpackedAnywhere_runsFromItsBinFolder(@TempDir Path tmp) throws Exception {
    Path zip;
    try (Stream<Path> files = Files.list(ROOT.resolve("orchestrator-cli/target"))) {
      zip = files.filter(p -> p.getFileName().toString().matches("crossbatch-.*\\.zip")).findFirst().orElseThrow();
    }
    Processes.ok(tmp, "unzip", "-q", zip.toString());
    Path bin;
    try (Stream<Path> dirs = Files.list(tmp)) {
      bin = dirs.findFirst().orElseThrow().resolve("bin/crossbatch");
    }
    Path link = tmp.resolve("on-path/crossbatch");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, bin);

    assertThat(Files.isExecutable(bin)).isTrue();
    assertThat(Processes.ok(tmp, link.toString(), "platforms", "--first-class", "--output", "text").lines().map(l -> l.split("\t")[0]))
        .containsExactly("darwin/amd64", "darwin/arm64", "linux/386", "linux/amd64", "linux/arm", "linux/arm64", "windows/386", "windows/amd64");
    // share/: the completion scripts made at build time are what the command prints
    Path share = bin.getParent().resolveSibling("share");
    for (String[] shell : new String[][] {{"bash", "bash-completion/completions/crossbatch"}, {"zsh", "zsh/site-functions/_crossbatch"},
        {"fish", "fish/vendor_completions.d/crossbatch.fish"}}) {
      assertThat(share.resolve(shell[1])).as(shell[0]).hasContent(Processes.ok(tmp, link.toString(), "completion", shell[0]).stripTrailing());
    }
    // and the manual page, which man finds with share/man on MANPATH
    Processes.Result man = Processes.run(tmp, Map.of("MANPATH", share.resolve("man").toString(), "MANWIDTH", "80"),
        List.of("man", "-P", "cat", "crossbatch"));
    assertThat(man.exit()).as(man.output()).isZero();
    assertThat(man.output()).contains("CROSSBATCH(1)", "crossbatch release", "EXIT STATUS");
  }

  @Test
  void trainingRun_onAMachineWithoutGit_stillEndsWell_soTheArchiveIsKept(@TempDir Path tmp) throws Exception {
    // the launcher keeps the archive only when the training run exits 0; a CI image with Java and no
    // git (one that only downloads) must still get one: the release part is left out, nothing else
    Path dist;
    try (Stream<Path> dirs = Files.list(ROOT.resolve("orchestrator-cli/target"))) {
      dist = dirs.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("crossbatch-")).findFirst().orElseThrow();
    }
    Path jar = dist.resolve(dist.getFileName().toString()).resolve("lib/crossbatch.jar");
    Path noGit = Files.createDirectories(tmp.resolve("bin"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    Processes.Result run = Processes.run(tmp, Map.of("PATH", noGit.toString()), List.of(java, "-cp", jar.toString(), "dev.crossbatch.cli.Main", "__warm-up", "--verbose"));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("Cannot run program \"git\"", "the local release ended with exit code -1", "the download ended with exit code 0");
  }

  @Test
  void classDataArchive_isTrainedInTheBackground_eachGroupOfCommandsMapsItsOwn_andABrokenOneIsIgnoredQuietly(@TempDir Path cache) throws Exception {
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    String cli = ROOT.resolve("crossbatch").toString();
    Processes.Result first = Processes.run(ROOT, env, List.of(cli, "--version"));
    // the training runs at nice 19: seconds on an idle machine since it also generates files,
    // minutes with both cores busy (2 s took 194 s before), so the bound is wide
    Path archive = trained(cache, "short");
    // the archives' id, kept beside them and taken again only while the same java leads to the same
    // file and version: a line naming another file or version, or a damaged id, is found again
    Path memo;
    try (Stream<Path> files = Files.list(cache.resolve("crossbatch"))) {
      memo = files.filter(p -> p.getFileName().toString().startsWith("launch-")).findFirst().orElseThrow();
    }
    String kept = Files.readString(memo);
    List<String> fields = List.of(kept.trim().split("\\|"));
    assertThat(fields).hasSize(5).last().isEqualTo(archive.getFileName().toString().replaceAll("classes-(.*)-short\\.jsa", "$1"));
    for (String wrong : List.of(fields.get(0) + "|" + fields.get(1) + "|/bin/sh|" + fields.get(3) + "|1-1",
        String.join("|", fields.subList(0, 3)) + "|0.0|1-1", String.join("|", fields.subList(0, 4)) + "|1a")) {
      Files.writeString(memo, wrong + "\n");
      Processes.Result run = Processes.run(ROOT, Map.of("XDG_CACHE_HOME", cache.toString(), "CROSSBATCH_OPTS", "-XX:+PrintFlagsFinal"), List.of(cli, "--version"));
      assertThat(run.output()).as(wrong).containsPattern("SharedArchiveFile\\s+= " + java.util.regex.Pattern.quote(archive.toString()));
      assertThat(memo).as(wrong).hasContent(kept.trim());
    }
    Map<String, String> logged = Map.of("XDG_CACHE_HOME", cache.toString(), "CROSSBATCH_OPTS", "-Xlog:class+load=info");
    Processes.Result second = Processes.run(ROOT, logged, List.of(cli, "--version"));
    // status is in another group, with an archive of its own: trained here as an image would train
    // it, at once (a second training at nice 19 behind two busy cores would add minutes)
    Processes.Result training = Processes.run(ROOT, Map.of("XDG_CACHE_HOME", cache.toString(), "CROSSBATCH_CDS", "train"), List.of(cli, "status", "--help"));
    assertThat(training.exit()).as(training.output()).isZero();
    Path aws = trained(cache, "aws");
    // a command on one thread maps its archive where it was written; one with threads (status) lets
    // Java map it elsewhere, rewriting its pointers before any thread runs (docs/decisions/0045)
    Map<String, String> mapping = Map.of("XDG_CACHE_HOME", cache.toString(), "CROSSBATCH_OPTS", "-Xlog:cds=info");
    Processes.Result oneThread = Processes.run(ROOT, mapping, List.of(cli, "--version"));
    Processes.Result threads = Processes.run(ROOT, mapping, List.of(cli, "status", "--help"));
    Files.write(archive, new byte[] {1, 2, 3});
    Processes.Result broken = Processes.run(ROOT, env, List.of(cli, "--version"));

    assertThat(first.output()).startsWith("crossbatch ").hasLineCount(1);
    assertThat(second.output()).containsPattern("dev\\.crossbatch\\.cli\\.Main source: shared objects file \\(top\\)");
    String elsewhere = "always map archive(s) at an alternative address";
    assertThat(oneThread.output()).contains("Opened archive " + archive, "Mapped dynamic region #0").doesNotContain(elsewhere);
    assertThat(threads.output()).contains("Opened archive " + aws, "Mapped dynamic region #0", elsewhere);
    assertThat(Files.size(archive)).as("the short commands' archive holds fewer classes than the AWS commands'").isLessThan(Files.size(aws));
    assertThat(broken.exit()).isZero();
    assertThat(broken.output()).startsWith("crossbatch ").hasLineCount(1);
  }

  /** The archive of one group of commands, once the launcher's background training has written it. */
  private static Path trained(Path cache, String group) {
    return dev.crossbatch.core.testing.Await.value("the " + group + " commands' class-data archive to be trained under " + cache, java.time.Duration.ofMinutes(20), () -> {
      try (Stream<Path> files = Files.list(Files.createDirectories(cache.resolve("crossbatch")))) {
        return files.filter(p -> p.getFileName().toString().matches("classes-.*-" + group + "\\.jsa")).findFirst();
      }
    });
  }

  @Test
  void onJava25_theAotCacheTrainedOnRequestBeforeTheCommand_isUsed_andABrokenOneIsIgnoredQuietly(@TempDir Path cache) throws Exception {
    // the second JDK these machines have beside Java 17 (.ci/run's machine too)
    Path java25;
    try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
      java25 = jdks.filter(p -> p.getFileName().toString().matches("temurin-2[5-9].*")).findFirst()
          .orElseThrow(() -> new AssertionError("no Temurin 25 under /usr/lib/jvm: this machine should have one beside Java 17"));
    }
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_HOME", java25.toString());
    // CROSSBATCH_CDS=train: in the foreground at normal priority, as an image build would ask for it
    // (the background training above runs at nice 19, which two busy cores starved for 20 minutes)
    Map<String, String> train = Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_HOME", java25.toString(), "CROSSBATCH_CDS", "train");
    Processes.Result first = Processes.run(ROOT, train, List.of(ROOT.resolve("crossbatch").toString(), "--version"));
    Path aot;
    List<String> groups;
    try (Stream<Path> files = Files.list(cache.resolve("crossbatch"))) {
      groups = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".aot")).map(n -> n.replaceAll(".*-(\\w+)\\.aot", "$1")).sorted().toList();
    }
    try (Stream<Path> files = Files.list(cache.resolve("crossbatch"))) {
      aot = files.filter(p -> p.getFileName().toString().matches("classes-.*-short\\.aot")).findFirst().orElse(null);
    }
    Map<String, String> logged = Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_HOME", java25.toString(), "CROSSBATCH_OPTS", "-Xlog:class+load=info");
    Processes.Result second = Processes.run(ROOT, logged, List.of(ROOT.resolve("crossbatch").toString(), "--version"));
    assertThat(aot).as("the AOT cache, there when the command ran: " + first.output()).isNotNull();
    assertThat(groups).as("one AOT cache per group of commands").containsExactly("aws", "download", "release", "short");
    aot.toFile().setWritable(true);
    Files.write(aot, new byte[] {1, 2, 3});
    Processes.Result broken = Processes.run(ROOT, env, List.of(ROOT.resolve("crossbatch").toString(), "--version"));

    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output()).startsWith("crossbatch ").contains("Java 25").hasLineCount(1);
    assertThat(second.output()).containsPattern("dev\\.crossbatch\\.cli\\.Main source: shared objects file");
    assertThat(broken.exit()).isZero();
    assertThat(broken.output()).startsWith("crossbatch ").hasLineCount(1);
    try (Stream<Path> files = Files.list(cache.resolve("crossbatch"))) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no lock, no training left behind").noneMatch(n -> n.endsWith(".lock") || n.endsWith(".tmp"));
    }
  }

  @Test
  void aTrainingAskedForWhereNoArchiveCanBeKept_saysSo_andExits2(@TempDir Path tmp) throws Exception {
    // a cache folder that cannot be written: the archive cannot be kept
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Files.writeString(cache.resolve("crossbatch"), "a file where the folder would be");
    Processes.Result run = Processes.run(ROOT, Map.of("XDG_CACHE_HOME", cache.toString(), "CROSSBATCH_CDS", "train"),
        List.of(ROOT.resolve("crossbatch").toString(), "--version"));

    assertThat(run.exit()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).isEqualTo("crossbatch: cannot make " + cache.resolve("crossbatch")
        + " for the class-data archive; CROSSBATCH_CDS=0 runs without one\n");
  }
}
