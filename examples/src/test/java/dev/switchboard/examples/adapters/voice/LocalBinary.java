package dev.switchboard.examples.adapters.voice;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A Debian program a test starts: required (failing on CI, skipping elsewhere) and stopped. */
final class LocalBinary {

  private LocalBinary() {}

  /** Fails when {@code CI=true}, else skips the test, when {@code binary} is not installed. */
  static void require(Path binary, String debianPackage) {
    if (!Files.isExecutable(binary)) {
      if ("true".equals(System.getenv("CI"))) {
        fail(binary + " is missing on CI: .ci/run should have installed Debian's "
            + debianPackage);
      }
      Assumptions.abort("no " + binary + " here (apt-get install " + debianPackage
          + "); test skipped");
    }
  }

  /** Stops the process by its PID: politely, then forcibly after 5 s. */
  static void stop(Process process) throws InterruptedException {
    ProcessHandle handle = process.toHandle();
    if (handle.isAlive()) {
      handle.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
