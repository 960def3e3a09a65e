package dev.crossbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html loaded by Debian's chromium, headless: what its DOM holds after the page's script ran, and how it looks, light and dark. */
class ReportBrowserTest {
  /** Each build writes out/app.txt; the second command fails the build as each test asks. */
  static final String[] COMMANDS = {"mkdir -p out && printf 'hi %s\\n' \"$GOOS\" > out/app.txt",
      "test \"$GOOS\" != \"$FAIL_OS\" || { echo \"link error, missing symbol _frob for $GOOS\" >&2; exit 3; }"};

  @TempDir Path dir;
  Path repo;

  @BeforeEach
  void repository() {
    repo = Example.genericApp(dir.resolve("my app"), "[linux/amd64, darwin/arm64]", COMMANDS);
  }

  static String chromium(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--user-data-dir=" + dir.resolve("chromium-profile")));
    command.addAll(List.of(args));
    Processes.Result run = Processes.run(dir, Map.of(), command);
    assertThat(run.exit()).as(run.output()).isZero();
    return run.output();
  }

  @Test
  void theReleasesReport_inABrowser_showsEachPlatform_theFailure_theTimeline_copyButtons_andLinksOnlyToItsFiles() throws Exception {
    Cli.Run release = Cli.run(repo, "release", "--env", "FAIL_OS=darwin");
    assertThat(release.exit()).isEqualTo(1);
    Path report = repo.resolve("dist/report.html");
    assertThat(report).exists();

    String dom = chromium(dir, "--dump-dom", report.toUri().toString());

    assertThat(count(dom, "<th scope=\"col\"")).isEqualTo(6);
    assertThat(dom).contains("<th scope=\"row\">linux/amd64</th>", "<th scope=\"row\">darwin/arm64</th>",
        "<h3>darwin/arm64: FAILED in BUILD</h3>", "link error, missing symbol _frob for darwin");
    assertThat(count(dom, "<button type=\"button\" class=\"copy\" aria-label=\"Copy the SHA-256 of linux/amd64\">Copy</button>"))
        .as("the script ran and gave the one archive its copy button").isEqualTo(1);
    assertThat(dom).containsPattern("<svg class=\"timeline\"[^>]* role=\"img\" aria-labelledby=\"timeline-title timeline-desc\"");
    assertThat(dom).containsPattern("<rect class=\"build\"[^>]*><title>linux/amd64: BUILD [^<]+, SUCCEEDED</title>")
        .containsPattern("<rect class=\"failed\"[^>]*><title>darwin/arm64: BUILD [^<]+, FAILED</title>");
    List<String> links = attributes(dom, "(?:href|src)");
    assertThat(links).isNotEmpty().noneMatch(l -> l.matches("(?i)(https?:|//|file:).*"));
    for (String link : links) {
      assertThat(report.getParent().resolve(java.net.URLDecoder.decode(link, java.nio.charset.StandardCharsets.UTF_8))).as(link).exists();
    }
    assertThat(dom).doesNotContainPattern("<(?:link|script)[^>]+(?:href|src)=");
  }

  @Test
  void theReport_isLightOrDarkAsTheReaderPrefers_andReportWritesOneForAnyBatch() throws Exception {
    assertThat(Cli.run(repo, "release").exit()).isZero();

    Cli.Run json = Cli.run(repo, "report", "-o", "batch.html", "--output", "json");
    Path page = repo.resolve("batch.html");
    chromium(dir, "--window-size=1000,700", "--screenshot=" + dir.resolve("light.png"), page.toUri().toString());
    chromium(dir, "--window-size=1000,700", "--force-dark-mode", "--blink-settings=preferredColorScheme=0",
        "--screenshot=" + dir.resolve("dark.png"), page.toUri().toString());

    assertThat(json.exit()).as(json.err()).isZero();
    assertThat(new ObjectMapper().readTree(json.out()).get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(Files.readString(page)).contains("<th scope=\"row\">darwin/arm64</th>").doesNotContain("What failed");
    BufferedImage light = ImageIO.read(dir.resolve("light.png").toFile());
    BufferedImage dark = ImageIO.read(dir.resolve("dark.png").toFile());
    assertThat(light.getWidth()).isEqualTo(1000);
    assertThat(brightness(light.getRGB(5, 5))).as("light background").isGreaterThan(240);
    assertThat(brightness(dark.getRGB(5, 5))).as("dark background").isLessThan(40);
    assertThat(distinctColors(light)).as("a page, not a blank").isGreaterThan(50);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  private static List<String> attributes(String dom, String names) {
    List<String> values = new ArrayList<>();
    Matcher m = Pattern.compile("\\s" + names + "=\"([^\"]*)\"").matcher(dom);
    while (m.find()) {
      values.add(m.group(1).replace("&amp;", "&"));
    }
    return values;
  }

  private static int brightness(int rgb) {
    return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
  }

  private static int distinctColors(BufferedImage image) {
    java.util.Set<Integer> colors = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colors.add(image.getRGB(x, y));
      }
    }
    return colors.size();
  }
}
