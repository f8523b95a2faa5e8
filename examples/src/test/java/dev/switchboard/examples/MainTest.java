package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      return Main.run(args, o, e);
    }
  }

  @Test
  void noArguments_runsTheDemo() {
    assertThat(run()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Switchboard demo").contains("Summary");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void demoCommand_runsTheDemo() {
    assertThat(run("demo")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Summary");
  }

  @Test
  void unknownCommand_printsUsageOnStderrAndExitsWith2() {
    assertThat(run("frobnicate")).isEqualTo(2);
    String error = err.toString(StandardCharsets.UTF_8);
    assertThat(error).contains("unknown command: frobnicate").contains("usage:")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void unknownDemoOption_printsUsageOnStderrAndExitsWith2() {
    assertThat(run("demo", "--fast")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option for demo: --fast");
  }
}
