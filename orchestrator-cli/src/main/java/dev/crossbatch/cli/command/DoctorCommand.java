package dev.crossbatch.cli.command;

import dev.crossbatch.cli.options.AwsOptions;
import dev.crossbatch.cli.render.json.DoctorJson;
import dev.crossbatch.cli.session.ExitCodes;
import dev.crossbatch.cli.session.Session;
import dev.crossbatch.core.aws.AwsReadiness;
import dev.crossbatch.core.doctor.Check;
import dev.crossbatch.core.doctor.Doctor;
import dev.crossbatch.core.text.Printable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "doctor",
    description = {
      "Check that a release can work from here, and say what to fix.",
      "git and a commit, crossbatch.yml, Go (and the version the config asks for) and Java; with codebuild.project"
          + " also the AWS credentials and region, the CodeBuild project (there, batch builds on, its roles) and the"
          + " bucket (reachable, versioned, encrypted); then the local cache and the disk space for local.output."
          + " Exits 0 when nothing failed (warnings allowed), 1 when something did."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  crossbatch doctor",
      "  crossbatch doctor --profile release --output json \\",
      "      | jq '.checks[] | select(.state != \"ok\")'"
    })
public final class DoctorCommand implements Callable<Integer> {
  private final Session session;

  DoctorCommand(Session session) {
    this.session = session;
  }

  @Mixin AwsOptions aws;

  @Override
  public Integer call() {
    List<Check> checks = Doctor.run(new Doctor.Request(session.context().workDir(), session::config,
        config -> new AwsReadiness(session.aws(aws.settings(), config.codebuild().region()))));
    boolean healthy = Doctor.healthy(checks);
    if (session.output().json()) {
      session.output().json(DoctorJson.of(healthy, checks));
    } else {
      PrintWriter out = session.context().out();
      int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
      for (Check c : checks) {
        out.println(String.format("%-4s  %-" + width + "s  %s", word(c.state()), c.name(), Printable.escape(c.detail())));
        if (c.fix() != null) {
          out.println(" ".repeat(width + 8) + "-> " + Printable.escape(c.fix()));
        }
      }
      long failed = checks.stream().filter(c -> c.state() == Check.State.FAIL).count();
      long warned = checks.stream().filter(c -> c.state() == Check.State.WARN).count();
      out.println(healthy ? (warned == 0 ? "ready to release" : "ready to release, with " + warned + (warned == 1 ? " warning" : " warnings"))
          : failed + (failed == 1 ? " check failed" : " checks failed") + ": a release would not work until fixed");
    }
    return healthy ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static String word(Check.State state) {
    return state == Check.State.FAIL ? "FAIL" : state.name().toLowerCase(Locale.ROOT);
  }
}
