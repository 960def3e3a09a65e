package dev.crossbatch.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptCheckoutsTest {
  @TempDir Path dir;

  private Path checkout(String name) throws Exception {
    Path src = Files.createDirectories(dir.resolve(name).resolve("src/.git"));
    Files.writeString(src.resolve("index"), name);
    return src.getParent();
  }

  @Test
  void oneBuildAtATime_takesTheKeptCheckout_theOtherStartsAfresh_andOnlyOneIsKeptAgain() throws Exception {
    KeptCheckouts kept = new KeptCheckouts(dir.resolve("checkouts"));
    assertThat(kept.keep("linux_amd64", checkout("a"))).isTrue();

    Path first = Files.createDirectories(dir.resolve("first/src"));
    Path second = Files.createDirectories(dir.resolve("second/src"));
    assertThat(kept.take("linux_amd64", first)).isTrue();
    assertThat(first.resolve(".git/index")).hasContent("a");
    assertThat(kept.take("linux_amd64", second)).as("the same identifier at once").isFalse();
    assertThat(second).isEmptyDirectory();
    assertThat(kept.take("windows_amd64", Files.createDirectories(dir.resolve("third/src")))).as("none kept yet").isFalse();

    assertThat(kept.keep("linux_amd64", first)).isTrue();
    assertThat(kept.keep("linux_amd64", checkout("b"))).as("one is kept already: the caller deletes this one").isFalse();
    assertThat(dir.resolve("checkouts/linux_amd64/.git/index")).hasContent("a");
    assertThat(dir.resolve("b/src")).exists();
  }

  @Test
  void aFolderThatIsNoCheckout_isNotKept() throws Exception {
    KeptCheckouts kept = new KeptCheckouts(dir.resolve("checkouts"));

    assertThat(kept.keep("linux_amd64", Files.createDirectories(dir.resolve("failed-before-its-checkout/src")))).isFalse();
    assertThat(dir.resolve("checkouts/linux_amd64")).doesNotExist();
  }
}
