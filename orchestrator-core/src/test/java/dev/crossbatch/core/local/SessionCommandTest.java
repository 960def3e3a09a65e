package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionCommandTest {
  @Test
  void onPath_theFirstExecutableFileInPathOrder_byItsAbsolutePath(@TempDir Path tmp) throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(plain.resolve("tool"), "not executable");
    Path folder = Files.createDirectories(tmp.resolve("folder"));
    Files.createDirectories(folder.resolve("tool"));
    Path first = Files.createDirectories(tmp.resolve("first"));
    Path second = Files.createDirectories(tmp.resolve("second"));
    for (Path dir : new Path[] {first, second}) {
      Files.writeString(dir.resolve("tool"), "#!/bin/sh\n");
      Files.setPosixFilePermissions(dir.resolve("tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    assertThat(SessionCommand.onPath("tool", String.join(":", "", plain.toString(), folder.toString(), first.toString(), second.toString())))
        .isEqualTo(first.resolve("tool").toString());
    assertThat(SessionCommand.onPath("tool", plain + ":" + folder)).isNull();
    assertThat(SessionCommand.onPath("tool", null)).isNull();
  }

  @Test
  void bash_startsUnderSetsidByItsFullPath_withoutAShellBetween_andShToo() {
    // the machines this runs on have util-linux's setsid (the build's stop relies on it)
    assertThat(SessionCommand.SETSID).isNotNull();
    String bash = SessionCommand.onPath("bash", System.getenv("PATH"));

    assertThat(SessionCommand.of(false, bash, "DRIVER\n", "END\n")).containsExactly(SessionCommand.SETSID, bash, "--noprofile", "--norc", "-c", "DRIVER\nEND\n");
    assertThat(SessionCommand.of(true, bash, "DRIVER\n", "END\n")).containsExactly(SessionCommand.SETSID, "/bin/sh", "-c", "DRIVER\n");
    assertThat(Path.of(bash)).isAbsolute();
    // no bash on this machine's PATH: started by name, which fails and says so, never looked up on the build's PATH by setsid
    assertThat(SessionCommand.of(false, null, "DRIVER\n", "END\n")).containsExactly("bash", "--noprofile", "--norc", "-c", "DRIVER\n");
    // only a shell started under setsid leads a group of its own, the one a stop signals
    assertThat(SessionCommand.leadsGroup(SessionCommand.of(false, bash, "DRIVER\n", "END\n"))).isTrue();
    assertThat(SessionCommand.leadsGroup(SessionCommand.of(true, null, "DRIVER\n", "END\n"))).isTrue();
    assertThat(SessionCommand.leadsGroup(SessionCommand.of(false, null, "DRIVER\n", "END\n"))).isFalse();
  }
}
