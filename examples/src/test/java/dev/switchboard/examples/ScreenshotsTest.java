package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the README's screenshots of the dashboard and the wallboard, as the demo's day stands at
 * 15:30, with headless Chromium. Runs only when asked, with the folder to write to:
 * {@code ./mvnw -B -ntp -o -q verify -pl examples -Dtest=ScreenshotsTest
 * -Dscreenshots=$PWD/docs/images}.
 */
@EnabledIfSystemProperty(named = "screenshots", matches = ".+")
class ScreenshotsTest {

  @TempDir
  Path profile;

  @Test
  void writesTheDashboardAndWallboardScreenshots() throws Exception {
    Path out = Path.of(System.getProperty("screenshots"));
    Files.createDirectories(out);
    LiveDemo demo = new LiveDemo(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), 0, Duration.ZERO);
    demo.keepStateAt(Duration.ofMinutes(390));
    demo.run();
    String state = demo.keptState().orElseThrow();
    try (Dashboard d = new Dashboard(0, () -> state)) {
      shoot(d.url() + "#queue/default", "1280,2300", out.resolve("dashboard.png"));
      shoot(d.url() + "wallboard", "1280,560", out.resolve("wallboard.png"));
    }
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
  }
}
