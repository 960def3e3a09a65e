package dev.crossbatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.core.error.CrossbatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {
  @TempDir Path dir;

  private static void git(Path dir, String... args) {
    TestGit.git(dir, args);
  }

  private Path repoWithApp() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    git(repo, "init", "-q", "-b", "main");
    Files.createDirectories(repo.resolve("apps/hello"));
    Files.writeString(repo.resolve("apps/hello/main.go"), "package main\n");
    Files.writeString(repo.resolve("apps/hello/build.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(repo.resolve("apps/hello/build.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(repo.resolve("README"), "top\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "one");
    return repo;
  }

  @Test
  void export_snapshotsTheWholeRepositoryAtTheCommit_notTheLiveTree_asCodeBuildChecksItOut() throws Exception {
    Path repo = repoWithApp();
    GitSource source = GitSource.locate(repo.resolve("apps/hello"));
    String sha = source.resolve(null);
    Files.writeString(repo.resolve("apps/hello/main.go"), "package main // edited\n");

    Path snapshot = Files.createDirectories(dir.resolve("snap"));
    SourceSnapshot.ofCommit(source, sha, snapshot);

    assertThat(source.folder()).isEqualTo("apps/hello");
    assertThat(sha).matches("[0-9a-f]{40}");
    assertThat(Files.readString(snapshot.resolve("apps/hello/main.go"))).isEqualTo("package main\n");
    assertThat(Files.isExecutable(snapshot.resolve("apps/hello/build.sh"))).isTrue();
    assertThat(snapshot.resolve("README")).hasContent("top");
    // a repository of its own at the commit, clean, its objects borrowed
    assertThat(GitSource.git(snapshot, List.of("rev-parse", "HEAD")).out().trim()).isEqualTo(sha);
    assertThat(GitSource.git(snapshot, List.of("rev-parse", "--show-toplevel")).out().trim()).isEqualTo(snapshot.toRealPath().toString());
    assertThat(GitSource.git(snapshot, List.of("status", "--porcelain")).out()).isEmpty();
    assertThat(snapshot.resolve(".git/objects/info/alternates")).content().startsWith(repo.toRealPath().resolve(".git/objects").toString());
  }

  @Test
  void export_isACheckoutOfItsOwn_thisRepositorysIndexAndSparsePatternsUntouched_symlinksAndExportIgnoredFilesKept() throws Exception {
    Path repo = repoWithApp();
    Files.createSymbolicLink(repo.resolve("apps/hello/link.go"), Path.of("main.go"));
    Files.writeString(repo.resolve(".gitattributes"), "README export-ignore\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "two");
    GitSource source = GitSource.locate(repo);
    String sha = source.resolve(null);
    // a change staged here, and this checkout thinned to one folder
    Files.writeString(repo.resolve("apps/hello/main.go"), "package main // staged\n");
    git(repo, "add", "apps/hello/main.go");
    git(repo, "sparse-checkout", "set", "--no-cone", "/apps/");

    Path snapshot = Files.createDirectories(dir.resolve("snap"));
    SourceSnapshot.ofCommit(source, sha, snapshot);

    assertThat(snapshot.resolve("README")).as("export-ignore is for archives; a clone has the file").hasContent("top");
    assertThat(snapshot.resolve("apps/hello/main.go")).hasContent("package main");
    assertThat(Files.readSymbolicLink(snapshot.resolve("apps/hello/link.go"))).isEqualTo(Path.of("main.go"));
    assertThat(GitSource.git(snapshot, List.of("status", "--porcelain")).out()).isEmpty();
    assertThat(GitSource.git(repo, List.of("diff", "--cached", "--name-only")).out().trim()).as("this repository's index").isEqualTo("apps/hello/main.go");
    assertThat(repo.resolve("README")).as("this checkout stays sparse").doesNotExist();
  }

  @Test
  void export_ofACommitThatIsNotThere_saysWhichAndLeavesNoIndex() throws Exception {
    Path repo = repoWithApp();
    GitSource source = GitSource.locate(repo);
    Path snapshot = Files.createDirectories(dir.resolve("snap"));

    assertThatThrownBy(() -> SourceSnapshot.ofCommit(source, "0123456789abcdef0123456789abcdef01234567", snapshot))
        .isInstanceOf(CrossbatchException.class)
        .hasMessageContaining("cannot check 0123456789abcdef0123456789abcdef01234567 out into " + snapshot);
    assertThat(snapshot.resolve(".git/index")).doesNotExist();
  }

  @Test
  void uncommitted_listsChangesAndUntrackedFiles_butNotTheIgnoredPaths() throws Exception {
    Path repo = repoWithApp();
    GitSource source = GitSource.locate(repo.resolve("apps/hello"));
    assertThat(source.uncommitted(List.of()).isEmpty()).isTrue();

    Files.writeString(repo.resolve("apps/hello/main.go"), "package main // edited\n");
    Files.writeString(repo.resolve("apps/hello/new.go"), "package main\n");
    Files.createDirectories(repo.resolve("apps/hello/dist"));
    Files.writeString(repo.resolve("apps/hello/dist/out"), "x");
    Files.writeString(repo.resolve("README"), "outside the folder\n");

    GitSource.Changes changes = source.uncommitted(List.of("dist"));
    assertThat(changes.files()).containsExactlyInAnyOrder("apps/hello/main.go", "apps/hello/new.go");
    assertThat(changes.summary()).contains("apps/hello/main.go").contains("apps/hello/new.go");
  }

  @Test
  void exportWorkingTree_copiesUncommittedChanges() throws Exception {
    Path repo = repoWithApp();
    GitSource source = GitSource.locate(repo.resolve("apps/hello"));
    Files.writeString(repo.resolve("apps/hello/main.go"), "package main // edited\n");
    Files.writeString(repo.resolve("apps/hello/new.go"), "package main\n");

    Path snapshot = Files.createDirectories(dir.resolve("snap"));
    SourceSnapshot.ofWorkingTree(source, source.resolve(null), snapshot);

    assertThat(Files.readString(snapshot.resolve("apps/hello/main.go"))).isEqualTo("package main // edited\n");
    assertThat(snapshot.resolve("apps/hello/new.go")).exists();
    assertThat(GitSource.git(snapshot, List.of("status", "--porcelain")).out()).contains(" M apps/hello/main.go", "?? apps/hello/new.go");
    assertThat(Files.isExecutable(snapshot.resolve("apps/hello/build.sh"))).isTrue();
    assertThat(snapshot.resolve("README")).hasContent("top");
  }

  @Test
  void locate_inAWorktreesFolderReachedThroughALink_borrowsTheMainRepositorysObjects() throws Exception {
    Path repo = repoWithApp();
    Path worktree = dir.resolve("wt");
    git(repo, "worktree", "add", "-q", worktree.toString());
    Path link = Files.createSymbolicLink(dir.resolve("link"), worktree.resolve("apps"));

    GitSource source = GitSource.locate(link.resolve("hello"));

    assertThat(source.root()).isEqualTo(worktree.toRealPath());
    assertThat(source.folder()).isEqualTo("apps/hello");
    assertThat(source.objects()).isEqualTo(repo.toRealPath().resolve(".git/objects").toString());
    // git prints the main repository's folder relative to the real one it runs in: "../../.git"
    Path intoRepo = Files.createSymbolicLink(dir.resolve("into-repo"), repo.resolve("apps"));
    assertThat(GitSource.locate(intoRepo.resolve("hello")).objects()).isEqualTo(source.objects());
    // a snapshot made from the worktree finds every object of the commit through it
    Path snapshot = Files.createDirectories(dir.resolve("snap"));
    SourceSnapshot.ofCommit(source, source.resolve(null), snapshot);
    assertThat(GitSource.git(snapshot, List.of("status", "--porcelain")).out()).isEmpty();
    assertThat(snapshot.resolve("apps/hello/main.go")).hasContent("package main");
  }

  @Test
  void folderOf_findsTheRepositoryAsGitDoes_withoutGit() throws Exception {
    Path repo = repoWithApp();
    assertThat(GitSource.folderOf(repo.resolve("apps/hello"))).isEqualTo("apps/hello").isEqualTo(GitSource.locate(repo.resolve("apps/hello")).folder());
    assertThat(GitSource.folderOf(repo)).isEmpty();
    assertThat(GitSource.folderOf(Files.createDirectories(dir.resolve("not-a-repo/sub")))).isEmpty();
  }

  @Test
  void describe_usesTheNearestTag_elseTheShortSha() throws Exception {
    Path repo = repoWithApp();
    GitSource source = GitSource.locate(repo);
    String sha = source.resolve(null);
    assertThat(source.describe(sha)).isEqualTo(sha.substring(0, 7));

    git(repo, "tag", "v1.2.3");
    assertThat(source.describe(sha)).isEqualTo("v1.2.3");
    assertThat(source.commitTime(sha)).isPositive();
  }

  @Test
  void locate_outsideARepository_saysHowToMakeOne() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));

    assertThatThrownBy(() -> GitSource.locate(plain))
        .isInstanceOfSatisfying(CrossbatchException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(plain + " is not in a git repository; local builds run on a snapshot of a commit");
          assertThat(e.hint()).contains("run 'git init && git add -A && git commit -m initial' there, then try again");
        });
  }

  @Test
  void resolve_unknownRef_isAUsageErrorNamingIt() throws Exception {
    GitSource source = GitSource.locate(repoWithApp());

    assertThatThrownBy(() -> source.resolve("v9.9.9"))
        .isInstanceOf(CrossbatchException.class)
        .hasMessage("'v9.9.9' is not a commit in " + source.root());
  }
}
