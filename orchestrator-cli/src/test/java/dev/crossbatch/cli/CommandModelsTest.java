package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossbatch.cli.model.CommandModels;
import dev.crossbatch.cli.session.CliContext;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command models stored at build time give the very command line picocli makes from the
 * annotations: every attribute of every command, option and parameter, every help page, and the
 * values a command line leaves in the commands' fields.
 */
class CommandModelsTest {
  @TempDir Path dir;

  private CliContext context() {
    return CliContext.plain(dir, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  private CommandLine annotated(Class<?> named) {
    return CrossbatchCommand.commandLine(CrossbatchCommand.session(context()), named, Optional.empty());
  }

  private CommandLine stored(Class<?> named) throws Exception {
    byte[] file = CommandModels.bytes(annotated(null));
    return CrossbatchCommand.commandLine(CrossbatchCommand.session(context()), named, Optional.of(CommandModels.of(file)));
  }

  @Test
  void everyCommand_storedModel_describesAsTheAnnotationsDo() throws Exception {
    assertThat(describe(stored(null))).isEqualTo(describe(annotated(null)));
  }

  @Test
  void eachNamedCommand_storedModel_describesAsTheAnnotationsDo() throws Exception {
    for (Class<?> command : CrossbatchCommand.COMMANDS.values()) {
      if (command != CommandLine.HelpCommand.class) {
        assertThat(describe(stored(command))).as(command.getSimpleName()).isEqualTo(describe(annotated(command)));
      }
    }
  }

  @Test
  void specFields_holdTheirOwnCommandsModel() throws Exception {
    CommandLine root = stored(null);
    for (CommandLine command : List.of(root, root.getSubcommands().get("artifacts"))) {
      Object object = command.getCommandSpec().userObject();
      java.lang.reflect.Field spec = object.getClass().getDeclaredField("spec");
      spec.setAccessible(true);
      assertThat(spec.get(object)).as(object.getClass().getSimpleName()).isSameAs(command.getCommandSpec());
    }
  }

  @Test
  void theBuild_storedTheModelsOfTheseClasses() throws Exception {
    try (InputStream in = CommandModels.class.getResourceAsStream(CommandModels.RESOURCE)) {
      assertThat(in).as("target/classes/.../" + CommandModels.RESOURCE + ", written by ModelFile in process-classes").isNotNull();
      assertThat(in.readAllBytes()).isEqualTo(CommandModels.bytes(annotated(null)));
    }
    assertThat(CommandModels.stored()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "status --output json abc --region eu-west-1 --endpoint-url http://localhost:1 --junit j.xml -q",
      "artifacts download --platform linux/amd64 --platform darwin/arm64 --dest d --extract --parallel 3 --version v1 --local",
      "release --env A=B --env C=D --parallel 2 --allow-dirty --source-version HEAD~1 --codebuild --no-color",
      "start --local --wait --timeout 5 --platform linux/arm/v7 --build-timeout 9 --config x.yml",
      "validate a.yml b.yml --verbose", "generate --check --output TEXT", "completion fish", "verify out",
      "logs abc --platform linux/amd64", "init --force", "help status"})
  void aCommandLine_leavesTheSameValues_eitherWay(String line) throws Exception {
    String[] args = line.split(" ");
    assertThat(values(stored(CrossbatchCommand.named(args)), args)).isEqualTo(values(annotated(CrossbatchCommand.named(args)), args));
  }

  @Test
  void modelsOfOtherClasses_areLeftForTheAnnotations() throws Exception {
    byte[] other = CommandModels.bytes(new CommandLine(new Other()));
    CommandLine line = CrossbatchCommand.commandLine(CrossbatchCommand.session(context()), null, Optional.of(CommandModels.of(other)));
    assertThat(describe(line)).isEqualTo(describe(annotated(null)));
  }

  @CommandLine.Command(name = "other")
  static final class Other {
    @CommandLine.Option(names = "--x") boolean x;
  }

  @Test
  void aModelWithAKindOfOptionTheFileCannotHold_failsTheBuild() {
    CommandLine grouped = new CommandLine(new Grouped());
    assertThatThrownBy(() -> CommandModels.bytes(grouped)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("argument groups").hasMessageContaining("'grouped'");
  }

  @CommandLine.Command(name = "grouped")
  static final class Grouped {
    @CommandLine.ArgGroup(exclusive = true) Choice choice;

    static final class Choice {
      @CommandLine.Option(names = "--a") boolean a;
      @CommandLine.Option(names = "--b") boolean b;
    }
  }

  /** Each matched command's every option and parameter after parsing, with the value in its field. */
  private static String values(CommandLine line, String[] args) {
    StringBuilder out = new StringBuilder();
    CommandLine.ParseResult parsed = line.parseArgs(args);
    for (CommandLine command : parsed.asCommandLineList()) {
      for (ArgSpec arg : command.getCommandSpec().args()) {
        Object value = arg.getValue();
        out.append(command.getCommandName()).append(' ').append(arg.paramLabel()).append(Arrays.toString(names(arg))).append('=')
            .append(value instanceof Object[] a ? Arrays.toString(a) : String.valueOf(value)).append('\n');
      }
    }
    return out.toString();
  }

  private static String[] names(ArgSpec arg) {
    return arg instanceof CommandLine.Model.OptionSpec o ? o.names() : new String[0];
  }

  /** The whole tree: each command's attributes, help page and arguments, as their public getters give them. */
  private static String describe(CommandLine line) {
    StringBuilder out = new StringBuilder();
    describe(line, out);
    return out.toString();
  }

  private static void describe(CommandLine line, StringBuilder out) {
    CommandSpec spec = line.getCommandSpec();
    out.append("== ").append(spec.qualifiedName()).append('\n');
    out.append(getters(spec, "inherited", "mixins", "mixinAnnotatedElements", "specElements", "userObject", "commandLine",
        "parent", "root", "subcommands", "toString", "args", "options", "positionalParameters", "optionsMap", "negatedOptionsMap",
        "posixOptionsMap", "argGroups", "requiredArgs", "names", "usageMessage", "parser", "interpolator", "methodParams"));
    out.append("userObject ").append(spec.userObject().getClass().getName()).append('\n');
    out.append("version provider ").append(spec.versionProvider() == null ? "-" : spec.versionProvider().getClass().getName()).append('\n');
    out.append(getters(spec.usageMessage(), "messages", "width", "sectionMap", "sectionKeys", "helpFactory", "exitCodeList"));
    out.append(getters(spec.parser()));
    out.append(line.getUsageMessage(CommandLine.Help.Ansi.OFF));
    for (ArgSpec arg : spec.args()) {
      out.append("-- ").append(getters(arg, "getValue", "getTypedValues", "stringValues", "originalStringValues", "typedValues",
          "getter", "setter", "scope", "command", "group", "preprocessor", "parameterConsumer", "annotatedElement", "toString",
          "messages", "converters", "completionCandidates", "typeInfo", "root", "initialValue"));
      out.append("typeInfo ").append(getters(arg.typeInfo(), "getGenericType"));
      out.append("initialValue ").append(String.valueOf(arg.initialValue())).append('\n');
      out.append("candidates ").append(arg.completionCandidates() == null ? "-" : String.join(",", arg.completionCandidates())).append('\n');
      out.append("root ").append(arg.root() == null ? "-" : Arrays.toString(names(arg.root()))).append('\n');
    }
    line.getSubcommands().forEach((name, sub) -> {
      out.append("sub ").append(name).append('\n');
      describe(sub, out);
    });
  }

  /** Every public no-argument getter of {@code object}'s public types, but those named. */
  private static String getters(Object object, String... except) {
    TreeMap<String, String> values = new TreeMap<>();
    List<String> skipped = List.of(except);
    for (Method method : publicMethods(object.getClass())) {
      if (method.getParameterCount() == 0 && method.getReturnType() != void.class && !Modifier.isStatic(method.getModifiers())
          && !skipped.contains(method.getName()) && !List.of("hashCode", "getClass", "clone").contains(method.getName())
          && !method.getReturnType().getName().startsWith("picocli.CommandLine$Model$")) {
        try {
          Object value = method.invoke(object);
          String text = value instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(value);
          // an object's identity is not part of its model: a hash code after '@', in hex
          // (Object.toString: of any width, 0x3ca too) or in decimal (picocli's own toStrings)
          values.put(method.getName(), text.replaceAll("@[0-9a-f]+(?![0-9A-Za-z])", "@"));
        } catch (ReflectiveOperationException e) {
          values.put(method.getName(), "threw " + e.getCause());
        }
      }
    }
    StringBuilder out = new StringBuilder();
    values.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    return out.toString();
  }

  private static List<Method> publicMethods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (Modifier.isPublic(c.getModifiers())) {
        methods.addAll(Arrays.asList(c.getDeclaredMethods()));
      }
    }
    methods.removeIf(m -> !Modifier.isPublic(m.getModifiers()));
    methods.sort(Comparator.comparing(Method::getName));
    return methods;
  }
}
