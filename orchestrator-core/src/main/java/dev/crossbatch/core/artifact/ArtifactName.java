package dev.crossbatch.core.artifact;

import dev.crossbatch.core.platform.KnownPlatforms;
import dev.crossbatch.core.platform.Platform;
import dev.crossbatch.core.platform.Variant;
import dev.crossbatch.core.source.Commit;
import dev.crossbatch.core.text.PlaceholderTemplate.Part;
import dev.crossbatch.core.text.PlaceholderTemplate.TemplateException;
import dev.crossbatch.core.text.PlaceholderTemplate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one naming rule for artifacts. The generator writes it into the buildspec as a shell
 * expression, the local packer renders it, and listers parse it back into name, platform and
 * commit.
 */
public final class ArtifactName {
  /** {@code hello_linux_amd64_3f9c2e1}; a variant joins the arch: {@code hello_linux_armv7_3f9c2e1}. */
  public static final String DEFAULT_TEMPLATE = "{name}_{os}_{arch}{variant}_{commit7}";

  public static final String EXTENSION = ".zip";

  public static final Set<String> PLACEHOLDERS =
      Set.of("name", "os", "arch", "variant", "version", "version_no_v", "commit", "commit7");

  /** Shell variable CodeBuild sets to the full commit SHA. */
  public static final String COMMIT_VARIABLE = "CODEBUILD_RESOLVED_SOURCE_VERSION";

  /** Shell variable holding the commit's time in epoch seconds, the time of every archive entry (crossbatch sets it). */
  public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

  /** What may follow a name: an archive's extension, a windows binary's, or nothing (a bare binary). */
  static final List<String> EXTENSIONS = List.of(".zip", ".tar.gz", ".exe");

  /** Shell variable holding the release version (crossbatch sets it; buildspec default "dev"). */
  public static final String VERSION_VARIABLE = "VERSION";

  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._-]");
  private static final String LITERAL_HINT =
      " in an artifact name; use letters, digits, '.', '_' and '-' around the placeholders";

  private final PlaceholderTemplate template;
  /**
   * Compiled when a name is first matched: reading a config makes names, mostly to write them, and
   * the pattern (every known OS, architecture and variant) was a tenth of that read's time.
   */
  private volatile Pattern matcher;
  /** Listing parses every key of a bucket with the same binary name: compile its pattern once. */
  private final Map<String, Pattern> matchersByName = new ConcurrentHashMap<>();

  private ArtifactName(PlaceholderTemplate template) {
    this.template = template;
  }

  public static ArtifactName defaultName() {
    try {
      return parse(DEFAULT_TEMPLATE);
    } catch (TemplateException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks the template: known placeholders, each at most once, a commit and the platform present. */
  public static ArtifactName parse(String text) throws TemplateException {
    for (String extension : EXTENSIONS) {
      if (text.endsWith(extension)) {
        throw new TemplateException("leave out '" + extension + "': crossbatch adds the archive's extension", text.length() - extension.length());
      }
    }
    PlaceholderTemplate template = PlaceholderTemplate.parse(text, PLACEHOLDERS, LITERAL, LITERAL_HINT);
    for (String placeholder : template.placeholders()) {
      if (template.count(placeholder) > 1) {
        throw new TemplateException("'{" + placeholder + "}' is used more than once", text.lastIndexOf("{" + placeholder + "}"));
      }
    }
    Set<String> used = template.placeholders();
    if (!used.contains("commit7") && !used.contains("commit") && !used.contains("version") && !used.contains("version_no_v")) {
      throw new TemplateException(
          "the name needs {commit7}, {commit} or {version}, or releases of different commits overwrite each other", 0);
    }
    if (!used.contains("os") || !used.contains("arch")) {
      throw new TemplateException("the name needs {os} and {arch}, or platforms overwrite each other", 0);
    }
    return new ArtifactName(template);
  }

  public String template() {
    return template.source();
  }

  /** Its template's text: a config's values are told apart by their text (GenerationRecord). */
  @Override
  public String toString() {
    return template.source();
  }

  /** Whether a name says its commit; names by {@code {version}} alone map to theirs through the release's manifest.json. */
  public boolean namesCommit() {
    return template.placeholders().contains("commit") || template.placeholders().contains("commit7");
  }

  public boolean usesVariant() {
    return template.placeholders().contains("variant");
  }

  /** The file name for one platform: {@code hello_linux_amd64_3f9c2e1.zip} with extension {@code .zip}. */
  public String fileName(String name, Platform platform, String commit, String version, String extension) {
    return template.render(
            p -> switch (p) {
              case "name" -> name;
              case "os" -> platform.os();
              case "arch" -> platform.arch();
              case "variant" -> platform.variant();
              case "version" -> version;
              case "version_no_v" -> withoutV(version);
              case "commit" -> commit;
              case "commit7" -> Commit.abbreviate(commit);
              default -> throw new IllegalStateException(p);
            })
        + extension;
  }

  /**
   * The buildspec {@code artifacts/name}: a POSIX shell expression CodeBuild evaluates in the
   * build's environment, e.g. {@code hello_${GOOS}_${GOARCH}_$(echo ${CODEBUILD_RESOLVED_SOURCE_VERSION} | cut -c 1-7).zip}.
   *
   * @param variants the variants the batch uses; {@code {variant}} expands to their variables
   */
  public String shellExpression(String name, Collection<Variant> variants) {
    return shellBaseName(name, variants) + EXTENSION;
  }

  /** The name without an extension, as a shell expression: what a build that makes its own archive names it. */
  public String shellBaseName(String name, Collection<Variant> variants) {
    return template.render(p -> shellValue(p, name, variants));
  }

  /**
   * What a placeholder becomes in a buildspec command or name: a variable CodeBuild (or the
   * platform's build entry) sets, so one buildspec serves every platform. Shared by the artifact
   * name and the ldflags.
   */
  public static String shellValue(String placeholder, String name, Collection<Variant> variants) {
    return switch (placeholder) {
      case "name" -> name;
      case "os" -> "${GOOS}";
      case "arch" -> "${GOARCH}";
      case "variant" -> variantExpression(variants);
      case "version" -> "${" + VERSION_VARIABLE + "}";
      case "version_no_v" -> "${" + VERSION_VARIABLE + "#v}";
      case "commit" -> "${" + COMMIT_VARIABLE + "}";
      case "commit7" -> commit7Expression();
      default -> throw new IllegalArgumentException("unknown placeholder {" + placeholder + "}");
    };
  }

  /** First seven characters of the commit, in POSIX sh (CodeBuild's default shell is not always bash). */
  public static String commit7Expression() {
    return "$(echo ${" + COMMIT_VARIABLE + "} | cut -c 1-7)";
  }

  /** Each build sets only its own variant variable, so concatenating them yields that build's variant. */
  static String variantExpression(Collection<Variant> variants) {
    Set<String> seen = new LinkedHashSet<>();
    StringBuilder out = new StringBuilder();
    for (Variant v : variants) {
      if (seen.add(v.envName())) {
        out.append(v == Variant.ARM ? "${GOARM:+v${GOARM}}" : "${" + v.envName() + "}");
      }
    }
    return out.toString();
  }

  /** A version without its leading 'v' (v1.30.1 → 1.30.1), as GoReleaser's .Version. */
  public static String withoutV(String version) {
    return version.startsWith("v") ? version.substring(1) : version;
  }

  /** What a file name says, when it follows this rule. */
  public record Parsed(String name, Platform platform, String commit, String version) {}

  /**
   * Parses a file name (no folders) back into its parts; names that don't follow the rule give
   * empty. Without the binary's name, a template with two free-text parts ({name} and {version})
   * can split a name like {@code app-linux-v1-rc.1-...} two ways; {@link #match(String, String)}
   * does not guess.
   */
  public Optional<Parsed> match(String fileName) {
    Pattern pattern = matcher;
    if (pattern == null) {
      pattern = buildMatcher(template, null); // a race compiles the same pattern twice, harmlessly
      matcher = pattern;
    }
    return parse(pattern.matcher(fileName));
  }

  /** Parses a file name of the binary {@code name} (null: of any name). */
  public Optional<Parsed> match(String name, String fileName) {
    if (name == null) {
      return match(fileName);
    }
    return parse(matchersByName.computeIfAbsent(name, n -> buildMatcher(template, n)).matcher(fileName));
  }

  private Optional<Parsed> parse(Matcher m) {
    if (!m.matches()) {
      return Optional.empty();
    }
    String os = group(m, "os");
    String arch = group(m, "arch");
    String variant = group(m, "variant");
    if (!KnownPlatforms.isKnown(os, arch)) {
      return Optional.empty();
    }
    if (!variant.isEmpty()
        && Variant.forArch(arch).filter(v -> v.names().contains(variant)).isEmpty()) {
      return Optional.empty();
    }
    String commit7 = group(m, "commit7");
    String commit = group(m, "commit");
    if (!commit.isEmpty() && !commit7.isEmpty() && !commit.startsWith(commit7)) {
      return Optional.empty();
    }
    return Optional.of(
        new Parsed(
            group(m, "name"),
            new Platform(os, arch, variant),
            commit.isEmpty() ? commit7 : commit,
            group(m, "version")));
  }

  private static String group(Matcher m, String name) {
    try {
      String value = m.group(name);
      return value == null ? "" : value;
    } catch (IllegalArgumentException notInTemplate) {
      return "";
    }
  }

  private static Pattern buildMatcher(PlaceholderTemplate template, String knownName) {
    StringBuilder regex = new StringBuilder();
    for (Part part : template.parts()) {
      if (!part.isPlaceholder()) {
        regex.append(Pattern.quote(part.literal()));
        continue;
      }
      regex.append(
          switch (part.placeholder()) {
            case "name" -> knownName == null ? "(?<name>[A-Za-z0-9][A-Za-z0-9._-]*?)" : "(?<name>" + Pattern.quote(knownName) + ")";
            case "os" -> "(?<os>" + alternation(KnownPlatforms.operatingSystems()) + ")";
            case "arch" -> "(?<arch>" + alternation(KnownPlatforms.architectures()) + ")";
            case "variant" -> "(?<variant>" + alternation(allVariantNames()) + ")?";
            case "version" -> "(?<version>[A-Za-z0-9][A-Za-z0-9.+-]*?)";
            // which version it was cut from ("v1.2.0" or "1.2.0") only the release's manifest says
            case "version_no_v" -> "(?<versionnov>[A-Za-z0-9][A-Za-z0-9.+-]*?)";
            case "commit" -> "(?<commit>[0-9a-f]{40})";
            case "commit7" -> "(?<commit7>[0-9a-f]{7})";
            default -> throw new IllegalStateException(part.placeholder());
          });
    }
    regex.append(EXTENSIONS.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?:", ")?")));
    return Pattern.compile(regex.toString());
  }

  private static Set<String> allVariantNames() {
    return Arrays.stream(Variant.values())
        .flatMap(v -> v.names().stream())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Longest first, so {@code arm64} is tried before {@code arm}. */
  private static String alternation(Collection<String> words) {
    return words.stream()
        .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
        .map(Pattern::quote)
        .collect(Collectors.joining("|"));
  }
}
