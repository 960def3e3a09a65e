package dev.crossbatch.cli.render;

import dev.crossbatch.cli.render.json.BatchJson;
import dev.crossbatch.cli.render.json.PlanJson;
import dev.crossbatch.cli.render.json.ReleaseJson;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.batch.PlannedBuild;
import dev.crossbatch.core.generate.Generation;
import dev.crossbatch.core.local.LocalBatch;
import dev.crossbatch.core.release.CodeBuildRelease;
import dev.crossbatch.core.release.Manifest;
import dev.crossbatch.core.release.Release;
import dev.crossbatch.core.signing.Minisign;
import dev.crossbatch.core.signing.SigningKeys;
import dev.crossbatch.core.signing.VerifyingKey;
import dev.crossbatch.core.source.Commit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a release is shown: its plan (--dry-run), its outcome, and why it failed, on either backend. */
public final class ReleaseReport {
  /** The page every release writes beside SHA256SUMS. */
  public static final String HTML = "report.html";

  private ReleaseReport() {}

  /**
   * The plan of a local release: each build with the archive it will write ({@code archives}, by
   * identifier), and with --clean the folder emptied first.
   */
  public static void plan(Output output, String name, List<String> skipped, Release.Result result, Map<String, Path> archives, Path dist,
      boolean clean, Path workDir) {
    LocalBatch b = result.prepared().batch();
    if (output.json()) {
      output.json(new PlanJson(new PlanJson.Local(b.commit(), b.version(), b.dirty(), b.parallelism(),
          b.builds().stream().map(PlannedBuild::identifier).toList(), skipped,
          b.builds().stream().filter(p -> archives.containsKey(p.identifier()))
              .map(p -> new PlanJson.ArchiveJson(p.identifier(), archives.get(p.identifier()).toString())).toList(),
          clean ? dist.toString() : null, PlanJson.FileJson.of(result.generated()))));
      return;
    }
    PrintWriter out = output.out();
    out.println("would release " + name + " " + b.version() + " from commit " + Commit.abbreviate(b.commit())
        + (b.dirty() ? " with uncommitted changes" : "") + " on this machine, " + Plural.of(b.parallelism(), "build") + " at a time:");
    if (clean) {
      out.println("  first emptying " + BatchTable.relative(workDir, dist) + "/ (--clean)");
    }
    int width = b.builds().stream().mapToInt(p -> p.identifier().length()).max().orElse(0);
    for (PlannedBuild p : b.builds()) {
      Path archive = archives.get(p.identifier());
      String line = "  " + p.identifier() + (p.dependsOn().isEmpty() ? "" : " (after " + String.join(", ", p.dependsOn()) + ")");
      out.println(archive == null ? line : String.format("  %-" + width + "s  -> %s", p.identifier(), BatchTable.relative(workDir, archive)));
    }
    rest(out, skipped, result.generated());
    out.println("then SHA256SUMS and manifest.json in " + BatchTable.relative(workDir, dist) + "/");
    out.println("nothing was run or written (--dry-run)");
  }

  /** The plan of a release on CodeBuild project {@code project}. */
  public static void plan(Output output, String name, String project, List<String> skipped, CodeBuildRelease.Plan plan) {
    if (output.json()) {
      output.json(new PlanJson(new PlanJson.CodeBuild(BatchSnapshot.CODEBUILD, project, plan.start().request().sourceVersion(), plan.start().commit(),
          plan.start().version(), plan.builds().stream().map(PlannedBuild::identifier).toList(), skipped, plan.dest(), plan.publishTo(),
          PlanJson.FileJson.of(plan.generated()))));
      return;
    }
    PrintWriter out = output.out();
    String version = plan.start().version();
    out.println("would release " + name + (version == null ? "" : " " + version) + " from commit " + plan.commit()
        + " on CodeBuild project " + project + ", " + Plural.of(plan.builds().size(), "build") + ":");
    builds(out, plan.builds(), skipped, plan.generated());
    out.println("then download each build's zip from where CodeBuild reports it, check it against CodeBuild's SHA-256,");
    out.println("and write " + plan.dest() + "/" + Checksums.FILE + " and " + plan.dest() + "/" + Manifest.FILE);
    if (plan.publishTo() != null) {
      out.println("and publish " + plan.sums() + " and " + plan.manifest() + " next to the zips in " + plan.publishTo());
    }
    out.println("nothing was started or written (--dry-run)");
  }

  private static void builds(PrintWriter out, List<PlannedBuild> builds, List<String> skipped, List<Generation.FileResult> generated) {
    for (PlannedBuild p : builds) {
      out.println("  " + p.identifier() + (p.dependsOn().isEmpty() ? "" : " (after " + String.join(", ", p.dependsOn()) + ")"));
    }
    rest(out, skipped, generated);
  }

  /** The pairs left out, and the generated files a release would rewrite. */
  private static void rest(PrintWriter out, List<String> skipped, List<Generation.FileResult> generated) {
    if (!skipped.isEmpty()) {
      out.println(skipping(skipped));
    }
    generated.stream().filter(f -> f.state() != Generation.State.UNCHANGED)
        .forEach(f -> out.println("would regenerate " + f.path() + " (" + f.state().name().toLowerCase(Locale.ROOT) + ")"));
  }

  /** With --verbose, which pairs of the platforms matrix are left out. */
  public static void skipped(Output output, List<String> skipped) {
    if (!skipped.isEmpty()) {
      output.detail(skipping(skipped));
    }
  }

  private static String skipping(List<String> skipped) {
    return "skipping " + String.join(", ", skipped) + " of the platforms matrix: Go does not support them";
  }

  /** Tells the user which generated files a command rewrote, so they commit them. */
  public static void regenerated(Output output, List<Generation.FileResult> files) {
    for (Generation.FileResult f : files) {
      if (f.state() == Generation.State.CREATED || f.state() == Generation.State.UPDATED) {
        output.say(f.state().name().toLowerCase(Locale.ROOT) + " " + f.path() + " from crossbatch.yml; commit it");
      }
    }
  }

  /**
   * The outcome of a local release that ran: the batch as JSON (with where its files went) or its summary
   * and the "released" line; why builds failed on stderr.
   *
   * @param sums null when the release failed
   */
  public static void outcome(Output output, String name, BatchSnapshot batch, int zips, Path sums, Path manifest, int earlier,
      Path workDir, Summary summary, List<Path> signatures) {
    if (output.json()) {
      output.json(ReleaseJson.of(BatchJson.of(batch), sums, manifest, null, signatures));
    } else if (output.summaries()) {
      summary.print(batch);
      if (output.forPeople()) {
        output.out().println();
      }
    }
    List<String> failures = BatchTable.failures(batch, workDir);
    if (sums == null) {
      failures.forEach(output.err()::println);
      return;
    }
    if (output.forPeople()) {
      failures.forEach(output.out()::println); // failed builds with ignore-failure
      output.out().println(BatchTable.released(name, batch, zips, sums, manifest, earlier, workDir));
    }
  }

  /**
   * The line after a signed release: which key signed what, and how anyone checks it: with minisign
   * for a minisign key ({@code secretKey} its file), with crossbatch verify for a key in KMS.
   */
  public static void signed(Output output, List<Path> signatures, VerifyingKey key, String reference, Path secretKey, Path workDir) {
    if (!output.forPeople() || signatures.isEmpty()) {
      return;
    }
    Path first = signatures.get(0);
    String signed = String.join(", ", signatures.stream().map(p -> BatchTable.relative(workDir, p)).toList());
    if (secretKey == null) {
      String minisign = key instanceof Minisign.PublicKey pub ? " or minisign -Vm " + BatchTable.relative(workDir,
          first.resolveSibling(first.getFileName().toString().replaceFirst("\\.minisig$", ""))) + " -P " + pub.base64() : "";
      output.out().println("signed " + signed + " with KMS key " + reference.substring(reference.indexOf(':') + 1) + "; check: crossbatch verify "
          + BatchTable.relative(workDir, first.getParent()) + " --key " + reference + minisign);
      return;
    }
    String signedFile = BatchTable.relative(workDir, first.resolveSibling(first.getFileName().toString().replaceFirst("\\.minisig$", "")));
    output.out().println("signed " + signed + " with key " + key.id() + "; check: minisign -Vm " + signedFile + " -p "
        + BatchTable.relative(workDir, SigningKeys.publicKeyFile(secretKey)));
  }

  /** Prints the summary table of an ended batch. */
  public interface Summary {
    void print(BatchSnapshot batch);
  }

  /** How many of the builds that count did not succeed. */
  public static long failed(BatchSnapshot batch) {
    return batch.builds().stream().filter(b -> b.counts() && !b.succeeded()).count();
  }

  /** The last word of a release whose batch did not succeed, on either backend. */
  public static String failure(BatchSnapshot batch) {
    long failed = failed(batch);
    if (batch.onCodeBuild()) {
      return "release failed: batch " + batch.id() + " " + batch.status().toLowerCase(Locale.ROOT)
          + (failed > 0 ? ", " + failed + " of " + batch.builds().size() + " builds did not succeed" : "") + "; nothing was downloaded";
    }
    return "release failed: " + failed + " of " + batch.builds().size() + " builds did not succeed; no SHA256SUMS was written";
  }
}
