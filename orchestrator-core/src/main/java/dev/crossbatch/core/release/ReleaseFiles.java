package dev.crossbatch.core.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbatch.core.artifact.Checksums;
import dev.crossbatch.core.batch.BatchSnapshot;
import dev.crossbatch.core.config.ProjectConfig;
import dev.crossbatch.core.io.AtomicFiles;
import dev.crossbatch.core.io.BoundedFiles;
import dev.crossbatch.core.signing.Dsse;
import dev.crossbatch.core.signing.ReleaseSigner;
import dev.crossbatch.core.source.GitSource;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a release writes beside its zips once they are verified, in this order, each atomically:
 * each zip's SBOM, the provenance (signed in its DSSE envelope when there is a key), SHA256SUMS
 * (zips, SBOMs, provenance), manifest.json, then the .minisig of SHA256SUMS and manifest.json.
 */
public final class ReleaseFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The host's name as the kernel has it, without a name lookup; elsewhere the JDK's. */
  private static final Path HOSTNAME = Path.of("/proc/sys/kernel/hostname");
  /** git's {@code [user@]host:path} form of an SSH URL (a ':' before any '/'). */
  private static final java.util.regex.Pattern SCP_LIKE = java.util.regex.Pattern.compile("([^/:@]+@[^/:]+|[^/:]{2,}):(?!//)(.+)");

  /** What was written. */
  public record Finished(Manifest manifest, Release.Written written, List<Path> signatures) {}

  private ReleaseFiles() {}

  public static Finished write(Path dist, ProjectConfig config, Manifest verified, BatchSnapshot batch, Optional<ReleaseSigner> signer) {
    return write(dist, config, verified, batch, signer, new EarlySboms());
  }

  static Finished write(Path dist, ProjectConfig config, Manifest verified, BatchSnapshot batch, Optional<ReleaseSigner> signer, EarlySboms early) {
    Manifest manifest = Sboms.write(dist, verified, early);
    String name = Provenance.fileName(manifest);
    Path file = dist.resolve(name);
    StringBuilder lines = new StringBuilder(earlierLines(file, dist, manifest));
    for (byte[] statement : Provenance.statements(manifest, batch, inputs(config))) {
      lines.append(signer.map(s -> s.envelope(Dsse.IN_TOTO, statement)).orElseGet(() -> Dsse.envelope(Dsse.IN_TOTO, statement, Optional.empty())))
          .append('\n');
    }
    byte[] text = lines.toString().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, text);
    manifest = manifest.withProvenance(name, Checksums.sha256Hex(text));
    Release.Written written = Release.write(dist, manifest, config);
    List<Path> signatures = Release.signatures(List.of(written.sums(), written.manifest()), signer);
    return new Finished(manifest, written, signatures);
  }

  /** The repository, crossbatch.yml's and the buildspec's digests, and this host. */
  static Provenance.Inputs inputs(ProjectConfig config) {
    Path dir = config.dir();
    GitSource.Result origin = GitSource.git(dir, List.of("config", "--get", "remote.origin.url"));
    String repository = origin.exit() == 0 && !origin.out().isBlank() ? repositoryUri(origin.out().trim(), dir) : dir.toUri().toString();
    Map<String, String> files = new LinkedHashMap<>();
    for (Path input : List.of(config.file().toAbsolutePath(), dir.resolve("buildspecs/buildspec.yml"))) {
      if (Files.isRegularFile(input)) {
        try {
          files.put(config.fromRepositoryRoot(dir.relativize(input).toString().replace('\\', '/')), Checksums.sha256(input));
        } catch (IOException e) {
          // an input that cannot be read is left out of the provenance, not guessed
        }
      }
    }
    String host;
    try {
      host = Files.isReadable(HOSTNAME) ? Files.readString(HOSTNAME).trim() : InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = null; // said as no host rather than guessed
    }
    return new Provenance.Inputs(repository, files, host);
  }

  /**
   * origin's URL as a URI: as it is when it has a scheme, {@code ssh://user@host/path} for git's
   * scp-like form, a {@code file:} URI for a path (relative ones from the repository's folder).
   */
  static String repositoryUri(String origin, Path dir) {
    if (origin.contains("://")) {
      return origin;
    }
    java.util.regex.Matcher scp = SCP_LIKE.matcher(origin);
    if (scp.matches()) {
      return "ssh://" + scp.group(1) + "/" + scp.group(2);
    }
    return dir.resolve(origin).normalize().toUri().toString();
  }

  /**
   * The lines an earlier release of the same commit left (release --platform of other platforms)
   * that still hold and prove more than this release's line: each of their subjects is still there
   * with its SHA-256 (a zip built again came out the same), and one at least is not rebuilt now.
   * They go on proving the zips SHA256SUMS keeps listing.
   */
  private static String earlierLines(Path file, Path dist, Manifest manifest) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    Set<String> now = manifest.artifacts().stream().map(Manifest.Entry::file).collect(Collectors.toSet());
    StringBuilder kept = new StringBuilder();
    try {
      for (String line : BoundedFiles.readString(file, Dsse.MAX_BYTES).split("\n")) {
        Map<String, String> subjects = subjects(line);
        if (!subjects.isEmpty() && Checksums.stillTrue(dist, subjects).size() == subjects.size() && !now.containsAll(subjects.keySet())) {
          kept.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      return ""; // not readable: this release's line replaces it
    }
    return kept.toString();
  }

  /** The subjects of an envelope's statement, by name; empty when the line is not one. */
  static Map<String, String> subjects(String line) {
    try {
      return Dsse.subjects(JSON.readTree(Base64.getDecoder().decode(JSON.readTree(line).path("payload").asText())));
    } catch (IOException | IllegalArgumentException e) {
      return Map.of();
    }
  }
}
