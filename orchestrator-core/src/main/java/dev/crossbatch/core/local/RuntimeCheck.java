package dev.crossbatch.core.local;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * runtime-versions on this machine: CodeBuild installs the runtime a buildspec asks for; locally
 * the tool must already be on the PATH. A missing tool fails the install phase; another version
 * only warns, because the build may well work with it.
 */
final class RuntimeCheck {
  /** How to ask a runtime for its version, and how to install it when it is missing. */
  record Tool(String command, String versionCommand, Pattern version, String install) {}

  static final Map<String, Tool> TOOLS = Map.of(
      "golang", new Tool("go", "go version", Pattern.compile("go(\\d+\\.\\d+(?:\\.\\d+)?)"), "apt-get install -y golang-go"),
      "nodejs", new Tool("node", "node --version", Pattern.compile("v(\\d+\\.\\d+\\.\\d+)"), "apt-get install -y nodejs"),
      "python", new Tool("python3", "python3 --version", Pattern.compile("Python (\\d+\\.\\d+\\.\\d+)"), "apt-get install -y python3"),
      "java", new Tool("java", "java -version", Pattern.compile("version \"(\\d+)"), "apt-get install -y openjdk-17-jdk-headless"),
      "ruby", new Tool("ruby", "ruby --version", Pattern.compile("ruby (\\d+\\.\\d+\\.\\d+)"), "apt-get install -y ruby"),
      "php", new Tool("php", "php --version", Pattern.compile("PHP (\\d+\\.\\d+\\.\\d+)"), "apt-get install -y php-cli"),
      "dotnet", new Tool("dotnet", "dotnet --version", Pattern.compile("(\\d+\\.\\d+\\.\\d+)"), "see https://learn.microsoft.com/dotnet/core/install/linux"));

  /** The outcome for one runtime: a failure message, a warning, or nothing to say. */
  record Verdict(String failure, String warning) {
    static Verdict ok() {
      return new Verdict(null, null);
    }
  }

  private RuntimeCheck() {}

  /**
   * @param output what {@code versionCommand} printed, or empty when the tool is missing
   */
  static Verdict judge(String runtime, String requested, Optional<String> output) {
    Tool tool = TOOLS.get(runtime);
    if (tool == null) {
      return new Verdict(null, "runtime " + runtime + " " + requested + ": crossbatch cannot check it locally; the build uses what is on the PATH");
    }
    if (output.isEmpty()) {
      return new Verdict("runtime " + runtime + " " + requested + ": '" + tool.command() + "' was not found on the PATH; install it ("
          + tool.install() + ")", null);
    }
    Matcher m = tool.version().matcher(output.get());
    if (!m.find()) {
      return new Verdict(null, "runtime " + runtime + " " + requested + ": cannot read the version of '" + tool.command() + "' (" + output.get().trim() + ")");
    }
    String found = m.group(1);
    if (!matches(requested, found)) {
      return new Verdict(null, "runtime " + runtime + " " + requested + " requested; building with " + tool.command() + " " + found + " from the PATH");
    }
    return Verdict.ok();
  }

  /** "1.x" and "latest" accept any version; "1.22" accepts 1.22 and 1.22.5; "corretto17" accepts 17. */
  static boolean matches(String requested, String found) {
    String want = requested.replaceAll("^[a-z]+", "");
    if (want.isEmpty() || requested.equals("latest")) {
      return true;
    }
    if (want.endsWith(".x")) {
      want = want.substring(0, want.length() - 2);
    }
    return found.equals(want) || found.startsWith(want + ".");
  }
}
