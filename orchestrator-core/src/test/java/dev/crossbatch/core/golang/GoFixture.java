package dev.crossbatch.core.golang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Real Go binaries of the test module {@code src/test/resources/gomod/tool}, built once per test
 * run with Debian's Go: its dependency example.com/greet comes from a file GOPROXY written here (so
 * go.sum and the binary hold its real h1 hash), example.com/local through a replace directive.
 */
public final class GoFixture {
  private static final Path SOURCES = Path.of("src/test/resources/gomod");
  private static final Map<String, byte[]> BUILT = new ConcurrentHashMap<>();
  private static Path root;

  private GoFixture() {}

  /** The module's folder, with its go.sum. */
  public static synchronized Path module() {
    if (root == null) {
      try {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "gofixture").toAbsolutePath();
        copy(SOURCES.resolve("tool"), dir.resolve("tool"));
        writeProxy(SOURCES.resolve("proxy"), dir.resolve("goproxy"));
        root = dir;
        run(dir.resolve("tool"), List.of("go", "mod", "tidy"), Map.of()); // go.sum, from the proxy
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root.resolve("tool");
  }

  /** The bytes of {@code ./cmd/NAME} built for {@code goos/goarch} with {@code flags} (e.g. -mod=vendor). */
  public static byte[] binary(String name, String goos, String goarch, String... flags) {
    String key = name + "/" + goos + "/" + goarch + "/" + String.join(" ", flags);
    return BUILT.computeIfAbsent(key, k -> build(name, goos, goarch, flags));
  }

  /** The h1 hash go.sum records for {@code module@version}. */
  public static String sum(String module, String version) throws IOException {
    for (String line : Files.readAllLines(module().resolve("go.sum"))) {
      String[] f = line.split(" ");
      if (f[0].equals(module) && f[1].equals(version)) {
        return f[2];
      }
    }
    throw new AssertionError("go.sum has no " + module + " " + version);
  }

  /** Vendors the module's dependencies (go mod vendor), once. */
  public static synchronized void vendor() {
    if (!Files.isDirectory(module().resolve("vendor"))) {
      run(module(), List.of("go", "mod", "vendor"), Map.of());
    }
  }

  private static synchronized byte[] build(String name, String goos, String goarch, String... flags) {
    Path dir = module();
    Path out = dir.getParent().resolve("out").resolve(goos + "_" + goarch + "_" + String.join("", flags).replaceAll("[^a-z]", "")).resolve(name);
    List<String> command = new ArrayList<>(List.of("go", "build", "-o", out.toString()));
    command.addAll(List.of(flags));
    command.add("./cmd/" + name);
    run(dir, command, Map.of("GOOS", goos, "GOARCH", goarch));
    try {
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(Path dir, List<String> command, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().putAll(env);
      pb.environment().put("GOPROXY", dir.getParent().resolve("goproxy").toUri().toString().replaceAll("/$", ""));
      pb.environment().put("GOSUMDB", "off");
      // a module cache Maven's clean can delete (Go makes it read-only otherwise)
      pb.environment().put("GOFLAGS", command.contains("-mod=vendor") ? "-modcacherw" : "-mod=mod -modcacherw");
      pb.environment().put("GOMODCACHE", dir.getParent().resolve("modcache").toString());
      pb.environment().put("CGO_ENABLED", "0");
      pb.environment().remove("GOPATH");
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A file GOPROXY: MODULE/@v/{list, VERSION.info, VERSION.mod, VERSION.zip} from each MODULE@VERSION folder. */
  private static void writeProxy(Path sources, Path proxy) throws IOException {
    try (Stream<Path> modules = Files.list(sources.resolve("example.com"))) {
      for (Path m : modules.toList()) {
        String[] nv = m.getFileName().toString().split("@");
        String module = "example.com/" + nv[0];
        Path at = proxy.resolve(module).resolve("@v");
        Files.createDirectories(at);
        Files.writeString(at.resolve("list"), nv[1] + "\n");
        Files.writeString(at.resolve(nv[1] + ".info"), "{\"Version\":\"" + nv[1] + "\",\"Time\":\"2024-01-02T03:04:05Z\"}\n");
        Files.copy(m.resolve("go.mod"), at.resolve(nv[1] + ".mod"));
        try (OutputStream out = Files.newOutputStream(at.resolve(nv[1] + ".zip"));
             ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.list(m)) {
          for (Path f : files.sorted().toList()) {
            zip.putNextEntry(new ZipEntry(module + "@" + nv[1] + "/" + f.getFileName()));
            zip.write(Files.readAllBytes(f));
            zip.closeEntry();
          }
        }
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
