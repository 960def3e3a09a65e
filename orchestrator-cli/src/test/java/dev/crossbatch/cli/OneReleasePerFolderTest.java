package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.cli.Cli.Run;
import dev.crossbatch.cli.session.CliContext;
import dev.crossbatch.cli.session.Interrupts;
import dev.crossbatch.core.io.OutputLock;
import dev.crossbatch.core.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two releases of one folder at once: the second is refused (exit 2, naming the running batch) or
 * waits with --wait-lock, and neither spoils the other's zips, SHA256SUMS or manifest. Each build
 * waits at a gate the test opens, so the order of events is the test's, not the clock's.
 */
class OneReleasePerFolderTest {
  @TempDir Path dir;
  Path repo;
  Path gate;

  @BeforeEach
  void repository() throws Exception {
    gate = dir.resolve("gate");
    repo = Example.genericApp(dir.resolve("app"), "[linux/amd64, linux/arm64]", "mkdir -p out && printf 'hi %s\\n' \"$GOOS\" > out/app.txt", "while [ ! -f \"$GATE\" ]; do sleep 0.05; done");
  }

  CompletableFuture<Run> releaseInBackground(StringWriter err, String... more) {
    String[] args = new String[more.length + 3];
    args[0] = "release";
    args[1] = "--env";
    args[2] = "GATE=" + gate;
    System.arraycopy(more, 0, args, 3, more.length);
    return CompletableFuture.supplyAsync(() -> {
      StringWriter out = new StringWriter();
      int exit = Main.run(new CliContext(repo, new PrintWriter(out), new PrintWriter(err, true), false, false, System.getenv(), Clock.systemUTC(),
          dev.crossbatch.core.time.Sleeper.real(), Interrupts.manual()), args);
      return new Run(exit, out.toString(), err.toString());
    });
  }

  @Test
  void aSecondRelease_isRefusedNamingTheRunningBatch_orWaitsForIt_andBothEndWhole() throws Exception {
    CompletableFuture<Run> first = releaseInBackground(new StringWriter());
    String holder = Await.value("the first release to hold dist/", Await.LONG,
        () -> OutputLock.holder(repo.resolve("dist")).filter(h -> h.contains("of batch")));
    assertThat(holder).matches("crossbatch release of batch app-release:[0-9a-f-]{36} \\(pid \\d+, since \\d\\d:\\d\\d:\\d\\d\\)");

    Run refused = Cli.run(repo, "release", "--env", "GATE=" + gate);
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).startsWith("crossbatch: " + repo.resolve("dist") + " is in use by " + holder)
        .contains("add --wait-lock to wait for it here");

    StringWriter secondErr = new StringWriter();
    CompletableFuture<Run> second = releaseInBackground(secondErr, "--wait-lock");
    Await.until("the second release to say it waits", () -> secondErr.toString().contains("crossbatch: waiting for " + holder));
    assertThat(second).isNotDone();

    Files.writeString(gate, "open");
    Run one = first.get(120, TimeUnit.SECONDS);
    Run two = second.get(120, TimeUnit.SECONDS);

    assertThat(one.exit()).as(one.err()).isZero();
    assertThat(two.exit()).as(two.err()).isZero();
    Processes.Result check = Processes.run(repo.resolve("dist"), java.util.Map.of(), java.util.List.of("sha256sum", "-c", "SHA256SUMS"));
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output().lines()).hasSize(5).allMatch(l -> l.endsWith(": OK")); // 2 zips, their SBOMs, the provenance
    assertThat(repo.resolve("dist/" + OutputLock.FILE)).doesNotExist();
  }

  @Test
  void startLocal_whileAReleaseHoldsTheFolder_isRefusedBeforeAnythingStarts() throws Exception {
    CompletableFuture<Run> first = releaseInBackground(new StringWriter());
    Await.until("the first release to hold dist/", () -> OutputLock.holder(repo.resolve("dist")).filter(h -> h.contains("of batch")).isPresent());

    Run start = Cli.run(repo, "start", "--local");

    assertThat(start.exit()).isEqualTo(2);
    assertThat(start.err()).startsWith("crossbatch: " + repo.resolve("dist") + " is in use by crossbatch release of batch ");
    Files.writeString(gate, "open");
    assertThat(first.get(120, TimeUnit.SECONDS).exit()).isZero();
  }
}
