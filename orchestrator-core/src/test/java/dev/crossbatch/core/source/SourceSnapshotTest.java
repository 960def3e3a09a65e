package dev.crossbatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.io.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot taken into a folder that holds an earlier one: the same files as a fresh one, fewer written. */
class SourceSnapshotTest {
  @TempDir Path dir;
  Path repo;
  GitSource source;
  String first;

  @BeforeEach
  void repository() throws IOException {
    repo = Files.createDirectories(dir.resolve("repo"));
    TestGit.git(repo, "init", "-q", "-b", "main");
    Files.writeString(repo.resolve(".gitignore"), "bin/\n");
    Files.writeString(repo.resolve("main.go"), "package main\n");
    Files.writeString(repo.resolve("same.go"), "package main // never changes\n");
    Files.writeString(repo.resolve("gone.go"), "package main // deleted by the second commit\n");
    TestGit.git(repo, "add", "-A");
    TestGit.git(repo, "commit", "-q", "-m", "one");
    source = GitSource.locate(repo);
    first = source.resolve(null);
  }

  @Test
  void aKeptSnapshot_isBroughtToTheNewCommit_undoingWhatTheLastBuildDid_andWritesOnlyWhatDiffers() throws Exception {
    Path kept = Files.createDirectories(dir.resolve("kept"));
    SourceSnapshot.ofCommit(source, first, kept);
    Object sameInode = Files.getAttribute(kept.resolve("same.go"), "unix:ino");
    // what a build leaves: a tracked file changed in place, new files, ignored output, a nested repository, a tag
    Files.writeString(kept.resolve("main.go"), "package main // changed by the build\n");
    Files.writeString(kept.resolve("untracked.txt"), "x");
    Files.createDirectories(kept.resolve("bin"));
    Files.writeString(kept.resolve("bin/hello"), "binary");
    TestGit.git(Files.createDirectories(kept.resolve("vendor/nested")), "init", "-q");
    TestGit.git(kept, "tag", "left-by-the-build");
    // the next commit: one file changed, one deleted, one added
    Files.writeString(repo.resolve("main.go"), "package main // two\n");
    Files.delete(repo.resolve("gone.go"));
    Files.writeString(repo.resolve("new.go"), "package main // added\n");
    TestGit.git(repo, "add", "-A");
    TestGit.git(repo, "commit", "-q", "-m", "two");
    String second = source.resolve(null);

    SourceSnapshot.ofCommit(source, second, kept);
    Path fresh = Files.createDirectories(dir.resolve("fresh"));
    SourceSnapshot.ofCommit(source, second, fresh);

    assertThat(files(kept)).isEqualTo(files(fresh)).containsKeys("main.go", "new.go", "same.go").doesNotContainKey("gone.go");
    assertThat(kept.resolve("main.go")).hasContent("package main // two");
    assertThat(Files.getAttribute(kept.resolve("same.go"), "unix:ino")).as("an unchanged file is not written again").isEqualTo(sameInode);
    assertThat(GitSource.git(kept, List.of("rev-parse", "HEAD")).out().trim()).isEqualTo(second);
    assertThat(GitSource.git(kept, List.of("status", "--porcelain", "--ignored")).out()).isEmpty();
    assertThat(GitSource.git(kept, List.of("tag")).out()).as("its repository is made anew").isEmpty();
  }

  @Test
  void everySnapshot_namesTheRepositorysOrigin_asItWasWhenTheBatchBegan() throws Exception {
    Path without = Files.createDirectories(dir.resolve("without"));
    SourceSnapshot.ofCommit(GitSource.locate(repo), first, without);
    TestGit.git(repo, "remote", "add", "origin", "https://example.com/team/hello.git");
    GitSource batch = GitSource.locate(repo);
    Path one = Files.createDirectories(dir.resolve("one"));
    SourceSnapshot.ofCommit(batch, first, one);
    // asked of git once per batch: a change during the batch reaches its next batch, not its next build
    TestGit.git(repo, "remote", "set-url", "origin", "https://example.com/team/renamed.git");
    Path two = Files.createDirectories(dir.resolve("two"));
    SourceSnapshot.ofCommit(batch, first, two);
    Path next = Files.createDirectories(dir.resolve("next"));
    SourceSnapshot.ofCommit(GitSource.locate(repo), first, next);

    assertThat(GitSource.git(without, List.of("config", "--get", "remote.origin.url")).out()).isEmpty();
    assertThat(GitSource.git(one, List.of("config", "--get", "remote.origin.url")).out()).isEqualTo("https://example.com/team/hello.git\n");
    assertThat(GitSource.git(two, List.of("config", "--get", "remote.origin.url")).out()).isEqualTo("https://example.com/team/hello.git\n");
    assertThat(GitSource.git(next, List.of("config", "--get", "remote.origin.url")).out()).isEqualTo("https://example.com/team/renamed.git\n");
  }

  @Test
  void aDamagedKeptSnapshot_givesAFreshOne() throws Exception {
    Path kept = Files.createDirectories(dir.resolve("kept"));
    SourceSnapshot.ofCommit(source, first, kept);
    Files.writeString(kept.resolve(".git/index"), "not an index");
    Files.writeString(kept.resolve("untracked.txt"), "x");

    SourceSnapshot.ofCommit(source, first, kept);

    assertThat(files(kept)).containsOnlyKeys(".gitignore", "gone.go", "main.go", "same.go");
    assertThat(GitSource.git(kept, List.of("status", "--porcelain", "--ignored")).out()).isEmpty();
  }

  @Test
  void aKeptSnapshotWithoutAnIndex_aCheckoutThatNeverFinished_isPutAside_notBuiltOn() throws Exception {
    Path kept = Files.createDirectories(dir.resolve("kept"));
    SourceSnapshot.ofCommit(source, first, kept);
    Files.delete(kept.resolve(".git/index"));
    Files.writeString(kept.resolve("untracked.txt"), "x");
    Files.writeString(kept.resolve("main.go"), "package main // half written\n");

    SourceSnapshot.ofCommit(source, first, kept);

    assertThat(files(kept)).containsOnlyKeys(".gitignore", "gone.go", "main.go", "same.go");
    assertThat(kept.resolve("main.go")).hasContent("package main");
    assertThat(dir.resolve("kept.stale")).as("deleted once aside").doesNotExist();
    assertThat(GitSource.git(kept, List.of("status", "--porcelain", "--ignored")).out()).isEmpty();
  }

  @Test
  void aKeptFolderWithoutItsOwnRepository_neverCleansTheRepositoryAroundIt() throws Exception {
    // a kept folder inside the project whose .git went missing but for its index: git must not climb to the project
    Path kept = Files.createDirectories(repo.resolve(".crossbatch/checkouts/linux_amd64"));
    SourceSnapshot.ofCommit(source, first, kept);
    Files.writeString(repo.resolve("notes.txt"), "the user's own untracked file");
    Path index = kept.resolve(".git/index");
    byte[] bytes = Files.readAllBytes(index);
    Trees.delete(kept.resolve(".git"));
    Files.createDirectories(kept.resolve(".git"));
    Files.write(index, bytes);

    SourceSnapshot.ofCommit(source, first, kept);

    assertThat(repo.resolve("notes.txt")).hasContent("the user's own untracked file");
    assertThat(files(kept)).containsOnlyKeys(".gitignore", "gone.go", "main.go", "same.go");
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        String name = root.relativize(p).toString();
        if (!name.startsWith(".git/")) {
          files.put(name, Files.readString(p));
        }
      }
    }
    return files;
  }
}
