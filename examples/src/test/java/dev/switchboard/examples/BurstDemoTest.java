package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BurstDemoTest {

  private record Run(BurstDemo.Summary summary, String output) {}

  private static Run run(boolean verbose) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      BurstDemo.Summary summary = new BurstDemo(out, verbose).run();
      return new Run(summary, bytes.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void demo_accountsForEveryItem() {
    BurstDemo.Summary s = run(false).summary();

    assertThat(s.submitted()).isGreaterThanOrEqualTo(40);
    assertThat(s.completed()).isEqualTo(s.submitted());
    assertThat(s.cancelled() + s.abandoned() + s.live()).isZero();
    assertThat(s.submittedPerChannel().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(s.submitted());
    assertThat(s.completedPerAgent().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(s.completed());
    assertThat(s.submittedPerChannel()).containsOnlyKeys("chat", "email", "sms", "voice");
  }

  @Test
  void demo_showsEveryKindOfDecisionItPromises() {
    BurstDemo.Summary s = run(false).summary();

    assertThat(s.rejected()).as("rejected offers").isEqualTo(1);
    assertThat(s.timedOut()).as("timed-out offers").isEqualTo(1);
    assertThat(s.transfers()).as("transfers").isEqualTo(1);
    assertThat(s.escalations()).as("policy step escalations").isPositive();
    assertThat(s.followUps()).as("follow-ups").isEqualTo(3);
    // every item is offered at least once; rejected, timed-out and transferred ones again
    assertThat(s.offers()).isGreaterThanOrEqualTo(s.submitted() + s.rejected() + s.timedOut());
    assertThat(s.averageWait()).isPositive().isLessThanOrEqualTo(s.longestWait());
    assertThat(s.simulated()).isBetween(Duration.ofMinutes(5), Duration.ofHours(1));
  }

  @Test
  void demo_printsReadableDecisionsAndSummary() {
    Run run = run(false);
    BurstDemo.Summary s = run.summary();
    String[] lines = run.output().split("\n");

    assertThat(lines.length).isBetween(60, 130);
    assertThat(run.output())
        .contains("items        submitted " + s.submitted() + ", completed " + s.completed()
            + ", cancelled 0, abandoned 0, live 0")
        .contains("REJECTED by zoe")
        .contains("offer to sam TIMED OUT")
        .contains("TRANSFERRED by")
        .contains("escalated from step 0 to 1")
        .contains("customer wrote again");
  }

  @Test
  void demo_isDeterministic() {
    assertThat(run(false).output()).isEqualTo(run(false).output());
  }

  @Test
  void verboseDemo_printsEveryEventButDecidesTheSame() {
    Run quiet = run(false);
    Run verbose = run(true);

    assertThat(verbose.summary()).isEqualTo(quiet.summary());
    assertThat(verbose.output().split("\n").length)
        .isGreaterThan((int) quiet.summary().events() - 20);
  }
}
