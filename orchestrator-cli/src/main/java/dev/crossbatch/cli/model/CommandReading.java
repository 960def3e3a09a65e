package dev.crossbatch.cli.model;

import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/** One command's stored model read back into picocli's, in the order {@link ModelWriter} wrote it. */
final class CommandReading {
  private final DataInputStream in;
  private final IFactory factory;
  private final Map<List<String>, Object> objects = new HashMap<>();

  CommandReading(DataInputStream in, Object command, IFactory factory) {
    this.in = in;
    this.factory = factory;
    objects.put(List.of(), command);
  }

  ModelReader.Built command(IVersionProvider rootVersion, boolean helpLater) throws Exception {
    Object command = objects.get(List.of());
    String className = in.readUTF();
    if (!className.equals(command.getClass().getName())) {
      throw new IllegalStateException("the stored model is of " + className + ", not " + command.getClass().getName());
    }
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command, factory);
    String name = text();
    if (name != null) {
      spec.name(name);
    }
    spec.aliases(texts());
    String version = text();
    if (version != null) {
      spec.versionProvider(rootVersion != null && rootVersion.getClass().getName().equals(version) ? rootVersion
          : (IVersionProvider) factory.create(type(version)));
    }
    spec.helpCommand(in.readBoolean());
    spec.scopeType(CommandLine.ScopeType.valueOf(in.readUTF()));
    usage(spec.usageMessage());
    int specFields = in.readInt();
    for (int i = 0; i < specFields; i++) {
      field(command.getClass(), in.readUTF()).set(command, spec);
    }
    CommandSpec help = null;
    for (int args = in.readInt(); args > 0; args--) {
      boolean ownObject = in.readBoolean();
      ArgSpec arg = arg();
      if (ownObject) {
        // -h and -V in a mixin of their own, as picocli adds them: their command then says it has the standard help options
        help = help != null ? help : CommandSpec.wrapWithoutInspection(holder(arg));
        help.addOption((OptionSpec) arg);
        continue;
      }
      if (help != null) {
        spec.addMixin(ModelReader.HELP_MIXIN, help);
        help = null;
      }
      if (arg.isOption()) {
        spec.addOption((OptionSpec) arg);
      } else {
        spec.addPositional((PositionalParamSpec) arg);
      }
    }
    if (help != null && !helpLater) {
      spec.addMixin(ModelReader.HELP_MIXIN, help);
      help = null;
    }
    return new ModelReader.Built(spec, help);
  }

  private void usage(UsageMessageSpec usage) throws IOException {
    usage.headerHeading(text());
    usage.header(texts());
    usage.synopsisHeading(text());
    usage.abbreviateSynopsis(in.readBoolean());
    usage.customSynopsis(texts());
    usage.synopsisSubcommandLabel(text());
    usage.descriptionHeading(text());
    usage.description(texts());
    usage.parameterListHeading(text());
    usage.optionListHeading(text());
    usage.sortOptions(in.readBoolean());
    usage.sortSynopsis(in.readBoolean());
    usage.requiredOptionMarker(in.readChar());
    usage.showDefaultValues(in.readBoolean());
    usage.showAtFileInUsageHelp(in.readBoolean());
    usage.showEndOfOptionsDelimiterInUsageHelp(in.readBoolean());
    usage.commandListHeading(text());
    usage.footerHeading(text());
    usage.footer(texts());
    usage.hidden(in.readBoolean());
    usage.autoWidth(in.readBoolean());
    usage.longOptionsMaxWidth(in.readInt());
    usage.adjustLineBreaksForWideCJKCharacters(in.readBoolean());
    usage.exitCodeListHeading(text());
  }

  private ArgSpec arg() throws Exception {
    boolean option = in.readBoolean();
    List<String> path = List.of(texts());
    Class<?> declaring = type(in.readUTF());
    Field field = field(declaring, in.readUTF());
    Object holder = object(path, declaring);
    FieldAccess access = new FieldAccess(holder, field);
    // the same calls twice, one statement each: the builders' shared superclass is not public, so
    // it can be neither named nor its calls chained
    if (option) {
      OptionSpec.Builder b = OptionSpec.builder(texts());
      b.usageHelp(in.readBoolean()).versionHelp(in.readBoolean()).help(in.readBoolean()).negatable(in.readBoolean());
      b.fallbackValue(text()).order(in.readInt());
      Common c = common();
      if (c.arity != null) {
        b.arity(c.arity);
      }
      b.paramLabel(c.paramLabel);
      b.hideParamSyntax(c.hideParamSyntax);
      b.type(c.type);
      b.auxiliaryTypes(c.auxiliary);
      b.description(c.description);
      b.descriptionKey(c.descriptionKey);
      b.required(c.required);
      b.hidden(c.hidden);
      b.scopeType(c.scope);
      b.splitRegex(c.splitRegex);
      b.splitRegexSynopsisLabel(c.splitLabel);
      b.defaultValue(c.defaultValue);
      b.mapFallbackValue(c.mapFallback);
      b.prompt(c.prompt);
      b.completionCandidates(c.candidates);
      b.userObject(field);
      b.getter(access);
      b.setter(access);
      b.initialValue(access.get());
      b.hasInitialValue(true);
      return b.build();
    }
    PositionalParamSpec.Builder b = PositionalParamSpec.builder();
    String index = text();
    if (index != null) {
      b.index(index);
    }
    Common c = common();
    if (c.arity != null) {
      b.arity(c.arity);
    }
    b.paramLabel(c.paramLabel);
    b.hideParamSyntax(c.hideParamSyntax);
    b.type(c.type);
    b.auxiliaryTypes(c.auxiliary);
    b.description(c.description);
    b.descriptionKey(c.descriptionKey);
    b.required(c.required);
    b.hidden(c.hidden);
    b.scopeType(c.scope);
    b.splitRegex(c.splitRegex);
    b.splitRegexSynopsisLabel(c.splitLabel);
    b.defaultValue(c.defaultValue);
    b.mapFallbackValue(c.mapFallback);
    b.prompt(c.prompt);
    b.completionCandidates(c.candidates);
    b.userObject(field);
    b.getter(access);
    b.setter(access);
    b.initialValue(access.get());
    b.hasInitialValue(true);
    return b.build();
  }

  /** What options and positional parameters have alike, as {@link ModelWriter} wrote it. */
  private record Common(CommandLine.Range arity, String paramLabel, boolean hideParamSyntax, Class<?> type, Class<?>[] auxiliary,
      String[] description, String descriptionKey, boolean required, boolean hidden, CommandLine.ScopeType scope, String splitRegex,
      String splitLabel, String defaultValue, String mapFallback, String prompt, Iterable<String> candidates) {}

  private Common common() throws Exception {
    String arity = text();
    String paramLabel = text();
    boolean hideParamSyntax = in.readBoolean();
    Class<?> type = type(in.readUTF());
    Class<?>[] auxiliary = new Class<?>[in.readInt()];
    for (int i = 0; i < auxiliary.length; i++) {
      auxiliary[i] = type(in.readUTF());
    }
    String[] description = texts();
    String descriptionKey = text();
    boolean required = in.readBoolean();
    boolean hidden = in.readBoolean();
    CommandLine.ScopeType scope = CommandLine.ScopeType.valueOf(in.readUTF());
    String splitRegex = text();
    String splitLabel = text();
    String defaultValue = text();
    String mapFallback = text();
    String prompt = text();
    String candidates = text();
    @SuppressWarnings("unchecked")
    Iterable<String> made = candidates == null ? null : (Iterable<String>) factory.create(type(candidates));
    // an arity not written down is left to picocli, which makes it from the type, as for annotations
    return new Common(arity == null ? null : CommandLine.Range.valueOf(arity), paramLabel, hideParamSyntax, type, auxiliary,
        description, descriptionKey, required, hidden, scope, splitRegex, splitLabel, defaultValue,
        mapFallback == null ? CommandLine.Option.NULL_VALUE : mapFallback, prompt, made);
  }

  private static Object holder(ArgSpec arg) {
    return ((FieldAccess) arg.getter()).object();
  }

  /** The object at {@code path}: a mixin held in a field (made and put there when empty), or one the model makes. */
  private Object object(List<String> path, Class<?> declaring) throws Exception {
    Object known = objects.get(path);
    if (known != null) {
      return known;
    }
    Object outer = object(path.subList(0, path.size() - 1), null);
    String step = path.get(path.size() - 1);
    Object made;
    if (step.equals(ModelReader.OWN_OBJECT)) {
      // the standard help options' object: picocli's own (package-private) class
      made = made(declaring);
    } else {
      Field field = field(outer.getClass(), step);
      made = field.get(outer);
      if (made == null) {
        made = factory.create(field.getType());
        field.set(outer, made);
      }
    }
    objects.put(path, made);
    return made;
  }

  private String text() throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private String[] texts() throws IOException {
    List<String> values = new ArrayList<>();
    for (int n = in.readInt(); n > 0; n--) {
      values.add(text());
    }
    return values.toArray(String[]::new);
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException e) {
        // declared further up
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + name);
  }

  private static final Map<String, Class<?>> PRIMITIVES = Map.of("boolean", boolean.class, "int", int.class, "long", long.class,
      "double", double.class, "float", float.class, "short", short.class, "byte", byte.class, "char", char.class);

  private static Class<?> type(String name) throws ClassNotFoundException {
    Class<?> primitive = PRIMITIVES.get(name);
    return primitive != null ? primitive : Class.forName(name, false, ModelReader.class.getClassLoader());
  }

  private static <T> T made(Class<T> type) throws ReflectiveOperationException {
    Constructor<T> constructor = type.getDeclaredConstructor();
    constructor.setAccessible(true);
    return constructor.newInstance();
  }
}
