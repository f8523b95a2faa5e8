package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the README's screenshots, with headless Chromium: the dashboard and the wallboard as the
 * demo's day stands at 15:30, and the interval charts of the simulator's report of the blended
 * centre in docs/scenarios. Each is cut to at most 256 colours, which keeps it sharp at a
 * fraction of the size. Runs only when asked, with the folder to write to:
 * {@code ./mvnw -B -ntp -o -q test -pl examples -am -Dtest=ScreenshotsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots=$PWD/docs/images}.
 */
@EnabledIfSystemProperty(named = "screenshots", matches = ".+")
class ScreenshotsTest {

  @TempDir
  Path profile;

  @Test
  void writesTheDashboardWallboardAndReportScreenshots() throws Exception {
    Path out = Path.of(System.getProperty("screenshots"));
    Files.createDirectories(out);
    LiveDemo demo = new LiveDemo(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), 0, Duration.ZERO);
    demo.keepStateAt(Duration.ofMinutes(390));
    demo.run();
    String state = demo.keptState().orElseThrow();
    try (Dashboard d = new Dashboard(0, () -> state)) {
      shoot(d.url() + "#queue/default", "1280,1800", out.resolve("dashboard.png"));
      shoot(d.url() + "wallboard", "1280,560", out.resolve("wallboard.png"));
    }
    // the blended centre of docs/simulation.md, with 30 replications rather than 1,000
    String blend = Files.readString(Path.of("..", "docs", "scenarios", "blend.json"))
        .replace("\"replications\": 1000", "\"replications\": 30");
    assertThat(blend).contains("\"replications\": 30");
    // the report's heading and its charts, without the tables between (a headless screenshot
    // scrolled to the charts comes out blank)
    Path report = profile.resolve("blend-report.html");
    String page = IntradayCharts.simulationReport(Scenario.parse(blend).run(2),
        "Blended centre, 08:00-14:00", Scenario.serviceTarget(blend));
    Files.writeString(report, page.substring(0, page.indexOf("<h2>"))
        + page.substring(page.indexOf("<h2 id=\"interval-charts\">")));
    shoot(report.toUri().toString(), "1280,1180", out.resolve("report.png"));
  }

  private void shoot(String url, String size, Path png) throws Exception {
    Files.deleteIfExists(png);
    List<String> cmd = List.of("/usr/bin/chromium", "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--hide-scrollbars", "--user-data-dir=" + profile, "--virtual-time-budget=5000",
        "--window-size=" + size, "--screenshot=" + png.toAbsolutePath(), url);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(png).as(png + " written").isNotEmptyFile();
    fewerColours(png);
  }

  /**
   * Rewrites the PNG with a palette of its 256 most used colours, every other colour drawn as
   * the nearest of them: a page is mostly flat colour and anti-aliased text, so little is lost.
   */
  private static void fewerColours(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    Map<Integer, Integer> uses = new HashMap<>();
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int c : rgb) {
      uses.merge(c & 0xFFFFFF, 1, Integer::sum);
    }
    int[] palette = uses.entrySet().stream()
        .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(256).mapToInt(Map.Entry::getKey).toArray();
    byte[][] channels = new byte[3][palette.length];
    for (int i = 0; i < palette.length; i++) {
      channels[0][i] = (byte) (palette[i] >> 16);
      channels[1][i] = (byte) (palette[i] >> 8);
      channels[2][i] = (byte) palette[i];
    }
    BufferedImage indexed = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED,
        new IndexColorModel(8, palette.length, channels[0], channels[1], channels[2]));
    Map<Integer, Integer> nearest = new HashMap<>();
    WritableRaster raster = indexed.getRaster();
    for (int i = 0; i < rgb.length; i++) {
      int index = nearest.computeIfAbsent(rgb[i] & 0xFFFFFF, c -> nearest(palette, c));
      raster.setSample(i % w, i / w, 0, index);
    }
    assertThat(ImageIO.write(indexed, "png", png.toFile())).isTrue();
  }

  private static int nearest(int[] palette, int c) {
    int best = 0;
    long bestDistance = Long.MAX_VALUE;
    for (int i = 0; i < palette.length; i++) {
      long dr = ((palette[i] >> 16) & 0xFF) - ((c >> 16) & 0xFF);
      long dg = ((palette[i] >> 8) & 0xFF) - ((c >> 8) & 0xFF);
      long db = (palette[i] & 0xFF) - (c & 0xFF);
      long d = dr * dr + dg * dg + db * db;
      if (d < bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    return best;
  }
}
