package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A page's DOM after its scripts ran, as Debian's headless Chromium serialises it. On CI a
 * missing browser fails the test; on a developer's machine it is skipped with a message saying
 * so.
 */
final class ChromiumDom {

  private ChromiumDom() {}

  /** The DOM of {@code url} in a window of {@code windowSize} ({@code width,height}). */
  static String of(Path profile, String url, String windowSize)
      throws IOException, InterruptedException {
    Path chromium = Path.of("/usr/bin/chromium");
    if (!Files.isExecutable(chromium)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("/usr/bin/chromium is missing on CI: .ci/run should have installed Debian's chromium");
      }
      Assumptions.abort("no /usr/bin/chromium here (apt-get install chromium); browser test skipped");
    }
    List<String> cmd = List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--virtual-time-budget=5000",
        "--window-size=" + windowSize, "--dump-dom", url);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 60 s");
    }
    return dom;
  }
}
