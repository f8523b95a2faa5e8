package dev.switchboard.kpi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LiveKpisBuilderTest {

  @Test
  void interval_thatDoesNotDivideADay_isRefused() {
    assertThatThrownBy(() -> LiveKpis.builder().interval(Duration.ofMinutes(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval PT7M is not allowed: it must divide a day into whole intervals"
            + " (e.g. PT5M, PT15M, PT30M, PT1H, P1D)");
    assertThatThrownBy(() -> LiveKpis.builder().interval(Duration.ZERO))
        .hasMessageContaining("interval PT0S is not allowed");
    assertThatThrownBy(() -> LiveKpis.builder().interval(Duration.ofDays(2)))
        .hasMessageContaining("interval PT48H is not allowed");
  }

  @Test
  void intervalsKept_outOfRange_isRefused() {
    assertThatThrownBy(() -> LiveKpis.builder().intervalsKept(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("intervalsKept is 0; allowed: 1 to 100000");
  }

  @Test
  void serviceTarget_outOfRange_isRefused() {
    assertThatThrownBy(() -> LiveKpis.builder().serviceTarget("vip", Duration.ofSeconds(20), 80))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service level target is 80.0; allowed: above 0 and at most 1"
            + " (a share, e.g. 0.8 for 80%)");
    assertThatThrownBy(() -> LiveKpis.builder().serviceTarget("vip", Duration.ofSeconds(-1), 0.8))
        .hasMessage("service level threshold is PT-1S; it must be zero or more");
    assertThatThrownBy(() -> LiveKpis.builder().serviceTarget(" ", Duration.ofSeconds(1), 0.8))
        .hasMessage("serviceTarget needs a queue name; got a blank one");
  }

  @Test
  void anOptionSetTwice_isRefused_namingTheFirstValue() {
    assertThatThrownBy(() -> LiveKpis.builder().zone(ZoneOffset.UTC).zone(ZoneOffset.UTC))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("zone is already set to Z; each option may be set once");
    assertThatThrownBy(() -> LiveKpis.builder()
        .serviceTarget("vip", Duration.ofSeconds(20), 0.8)
        .serviceTarget("vip", Duration.ofSeconds(30), 0.9))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("serviceTarget for queue vip is already set to ServiceTarget[threshold=PT20S,"
            + " target=0.8]; each queue's target may be set once");
  }

  @Test
  void reopenWindowAndConversationsKept_outOfRange_areRefused() {
    assertThatThrownBy(() -> LiveKpis.builder().reopenWindow(Duration.ZERO))
        .hasMessage("reopenWindow is PT0S; it must be positive");
    assertThatThrownBy(() -> LiveKpis.builder().conversationsKept(0))
        .hasMessage("conversationsKept is 0; allowed: 1 to 10000000");
  }
}
