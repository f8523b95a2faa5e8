package dev.switchboard.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The normal tail the outlier tests use, against the printed table. */
class NormalTest {

  @Test
  void upperTail_matchesTheTable() {
    assertThat(Normal.upperTail(0)).isCloseTo(0.5, within(1e-7));
    assertThat(Normal.upperTail(1.96)).isCloseTo(0.0249979, within(1e-6));
    assertThat(Normal.upperTail(3)).isCloseTo(0.0013499, within(1e-6));
    assertThat(Normal.upperTail(-1.96)).isCloseTo(0.9750021, within(1e-6));
    assertThat(Normal.upperTail(6)).isCloseTo(9.866e-10, within(1e-11));
  }
}
