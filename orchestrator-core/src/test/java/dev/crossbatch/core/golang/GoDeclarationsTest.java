package dev.crossbatch.core.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossbatch.core.golang.GoDeclarations.Declaration;
import dev.crossbatch.core.golang.GoDeclarations.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What -X can set, read from declarations as Go projects write them. */
class GoDeclarationsTest {
  static List<Declaration> read(String source) {
    List<Declaration> found = new ArrayList<>();
    GoDeclarations.read("main.go", source, found);
    return found;
  }

  @Test
  void packageLevelDeclarations_areSortedByWhatTheLinkerCanSet() {
    List<Declaration> found = read("""
        package main

        var version string
        var Version = "dev" // set by -X
        var commit, date = "none", "unknown"
        const constVersion = "v1.0.0"
        var count int
        var computed = strings.TrimSpace(" x ")
        var raw = `raw // not a comment`
        var url = "https://example.com//x"

        var (
        \tbuiltBy  = "goreleaser"
        \tnumber int = 3
        )

        const (
        \tName = "app"
        )

        func main() {
        \tvar local = "not the package's"
        \t_ = local
        }
        """);

    assertThat(found).extracting(Declaration::name, Declaration::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("version", Kind.SETTABLE),
        org.assertj.core.groups.Tuple.tuple("Version", Kind.SETTABLE),
        org.assertj.core.groups.Tuple.tuple("commit", Kind.SETTABLE),
        org.assertj.core.groups.Tuple.tuple("date", Kind.SETTABLE),
        org.assertj.core.groups.Tuple.tuple("constVersion", Kind.CONSTANT),
        org.assertj.core.groups.Tuple.tuple("count", Kind.NOT_STRING),
        org.assertj.core.groups.Tuple.tuple("computed", Kind.COMPUTED),
        org.assertj.core.groups.Tuple.tuple("raw", Kind.SETTABLE),
        org.assertj.core.groups.Tuple.tuple("url", Kind.SETTABLE),
        org.assertj.core.groups.Tuple.tuple("builtBy", Kind.SETTABLE),
        org.assertj.core.groups.Tuple.tuple("number", Kind.NOT_STRING),
        org.assertj.core.groups.Tuple.tuple("Name", Kind.CONSTANT));
    assertThat(found.get(1).line()).isEqualTo(4);
  }

  @Test
  void xTargets_areReadFromLinkerFlagWords() {
    assertThat(LinkerVariables.targets(List.of("-s", "-w", "-X", "main.version=v1", "-X=main.commit=abc", "-extldflags", "-static", "-X")))
        .containsExactly("main.version", "main.commit");
  }
}
