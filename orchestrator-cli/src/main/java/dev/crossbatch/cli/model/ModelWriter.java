package dev.crossbatch.cli.model;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Writes the command models that picocli made from the annotations, as {@link ModelReader} reads
 * them back. Run at build time on the whole command tree; refuses (throws) any picocli feature the
 * reader does not rebuild, so that a new kind of option fails the build instead of behaving
 * differently at run time.
 */
final class ModelWriter {
  private final DataOutputStream out;
  /** Each option's object: its path of mixin fields from the command's object. */
  private final Map<Object, List<String>> paths = new IdentityHashMap<>();

  private ModelWriter(DataOutputStream out) {
    this.out = out;
  }

  /** The file: every command of the tree under {@code root}, each under its path of names ("" for the root). */
  static byte[] write(CommandLine root) throws IOException {
    List<CommandLine> all = new ArrayList<>();
    collect(root, all);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream file = new DataOutputStream(bytes);
    file.writeInt(ModelReader.MAGIC);
    file.writeInt(all.size());
    for (CommandLine command : all) {
      ByteArrayOutputStream record = new ByteArrayOutputStream();
      new ModelWriter(new DataOutputStream(record)).command(command.getCommandSpec());
      file.writeUTF(ModelReader.path(command.getCommandSpec()));
      file.writeInt(record.size());
      record.writeTo(file);
    }
    file.flush();
    return bytes.toByteArray();
  }

  private static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    // aliases map to the same command line: each once
    command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
  }

  private void command(CommandSpec spec) throws IOException {
    refuse(!spec.argGroups().isEmpty(), spec, "argument groups");
    refuse(!spec.unmatchedArgsBindings().isEmpty(), spec, "unmatched arguments");
    refuse(!spec.parentCommandElements().isEmpty(), spec, "parent command fields");
    refuse(spec.defaultValueProvider() != null, spec, "default value providers");
    refuse(spec.subcommandsRepeatable(), spec, "repeatable commands");
    out.writeUTF(spec.userObject().getClass().getName());
    text(spec.name());
    texts(spec.aliases());
    text(spec.versionProvider() == null ? null : spec.versionProvider().getClass().getName());
    out.writeBoolean(spec.helpCommand());
    out.writeUTF(spec.scopeType().name());
    usage(spec.usageMessage(), spec);
    paths.put(spec.userObject(), List.of());
    mixins(spec, List.of());
    out.writeInt(spec.specElements().size());
    for (IAnnotatedElement element : spec.specElements()) {
      out.writeUTF(field(element.userObject(), spec).getName());
    }
    List<ArgSpec> own = spec.args().stream().filter(a -> !a.inherited()).toList();
    out.writeInt(own.size());
    for (ArgSpec arg : own) {
      arg(arg, spec);
    }
  }

  /** The mixins' objects and their paths, nested ones too; the standard help options' own object gets no path. */
  private void mixins(CommandSpec spec, List<String> path) {
    for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
      IAnnotatedElement element = spec.mixinAnnotatedElements().get(mixin.getKey());
      List<String> inner = new ArrayList<>(path);
      refuse(element == null && !mixin.getKey().equals(ModelReader.HELP_MIXIN), spec, "a mixin without a field: " + mixin.getKey());
      refuse(!mixin.getValue().specElements().isEmpty(), spec, "@Spec fields in the mixin " + mixin.getKey());
      inner.add(element == null ? ModelReader.OWN_OBJECT : field(element.userObject(), spec).getName());
      paths.put(mixin.getValue().userObject(), inner);
      mixins(mixin.getValue(), inner);
    }
  }

  private void usage(UsageMessageSpec usage, CommandSpec spec) throws IOException {
    refuse(!usage.exitCodeList().isEmpty() || spec.resourceBundle() != null, spec, "exit code lists or resource bundles");
    text(usage.headerHeading());
    texts(usage.header());
    text(usage.synopsisHeading());
    out.writeBoolean(usage.abbreviateSynopsis());
    texts(usage.customSynopsis());
    text(usage.synopsisSubcommandLabel());
    text(usage.descriptionHeading());
    texts(usage.description());
    text(usage.parameterListHeading());
    text(usage.optionListHeading());
    out.writeBoolean(usage.sortOptions());
    out.writeBoolean(usage.sortSynopsis());
    out.writeChar(usage.requiredOptionMarker());
    out.writeBoolean(usage.showDefaultValues());
    out.writeBoolean(usage.showAtFileInUsageHelp());
    out.writeBoolean(usage.showEndOfOptionsDelimiterInUsageHelp());
    text(usage.commandListHeading());
    text(usage.footerHeading());
    texts(usage.footer());
    out.writeBoolean(usage.hidden());
    out.writeBoolean(usage.autoWidth());
    out.writeInt(usage.longOptionsMaxWidth());
    out.writeBoolean(usage.adjustLineBreaksForWideCJKCharacters());
    text(usage.exitCodeListHeading());
  }

  private void arg(ArgSpec arg, CommandSpec spec) throws IOException {
    refuse(arg.converters().length > 0 || arg.parameterConsumer() != null || arg.preprocessor() != null && !arg.preprocessor().getClass().getName().startsWith("picocli.")
        || arg.group() != null || arg.showDefaultValue() != CommandLine.Help.Visibility.ON_DEMAND
        || arg.interactive(), spec, "converters, consumers, groups, shown defaults or prompts on " + arg);
    Field field = field(arg.userObject(), spec);
    List<String> path = paths.get(scope(arg));
    refuse(path == null, spec, "the object of " + arg);
    out.writeBoolean(path.equals(List.of(ModelReader.OWN_OBJECT)));
    out.writeBoolean(arg.isOption());
    texts(path.toArray(String[]::new));
    out.writeUTF(field.getDeclaringClass().getName());
    out.writeUTF(field.getName());
    if (arg.isOption()) {
      OptionSpec option = (OptionSpec) arg;
      texts(option.names());
      out.writeBoolean(option.usageHelp());
      out.writeBoolean(option.versionHelp());
      out.writeBoolean(option.help());
      out.writeBoolean(option.negatable());
      text(option.fallbackValue());
      out.writeInt(option.order());
    } else {
      PositionalParamSpec positional = (PositionalParamSpec) arg;
      text(positional.index().isUnspecified() ? null : positional.index().originalValue());
    }
    text(arg.arity().isUnspecified() ? null : arg.arity().originalValue());
    text(arg.paramLabel());
    out.writeBoolean(arg.hideParamSyntax());
    out.writeUTF(arg.typeInfo().getType().getName());
    Class<?>[] auxiliary = arg.typeInfo().getAuxiliaryTypes();
    out.writeInt(auxiliary.length);
    for (Class<?> type : auxiliary) {
      out.writeUTF(type.getName());
    }
    texts(arg.description());
    text(arg.descriptionKey());
    out.writeBoolean(arg.required());
    out.writeBoolean(arg.hidden());
    out.writeUTF(arg.scopeType().name());
    text(arg.splitRegex());
    text(arg.splitRegexSynopsisLabel());
    text(arg.defaultValue());
    text(arg.mapFallbackValue());
    text(arg.prompt());
    Iterable<String> candidates = arg.completionCandidates();
    boolean own = candidates != null && !arg.typeInfo().isEnum();
    text(own ? candidates.getClass().getName() : null);
  }

  private static Object scope(ArgSpec arg) {
    try {
      return arg.scope().get();
    } catch (Exception e) {
      throw new IllegalStateException("the object of " + arg, e);
    }
  }

  private static Field field(Object element, CommandSpec spec) {
    refuse(!(element instanceof Field), spec, "options on methods or parameters (" + element + ")");
    return (Field) element;
  }

  private static void refuse(boolean unsupported, CommandSpec spec, String what) {
    if (unsupported) {
      throw new IllegalStateException("the stored command model has no place for " + what + " in '" + spec.qualifiedName() + "'");
    }
  }

  private void text(String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private void texts(String[] values) throws IOException {
    out.writeInt(values.length);
    for (String value : values) {
      text(value);
    }
  }
}
