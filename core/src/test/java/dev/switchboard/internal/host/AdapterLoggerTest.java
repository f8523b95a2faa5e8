package dev.switchboard.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** Adapters' System.Logger writes to slf4j under the adapter's name, at the matching level. */
class AdapterLoggerTest {

  @Test
  void logger_isNamedAfterTheAdapter_andAcceptsEveryLevelAndForm() {
    AdapterLogger logger = new AdapterLogger("mailbox");

    assertThat(logger.getName()).isEqualTo("dev.switchboard.adapter.mailbox");
    assertThat(logger.isLoggable(System.Logger.Level.OFF)).isFalse();
    assertThat(logger.isLoggable(System.Logger.Level.ERROR)).isTrue();
    assertThatCode(() -> {
      logger.log(System.Logger.Level.WARNING, "poll of {0} failed after {1} ms", "INBOX", 30);
      logger.log(System.Logger.Level.INFO, () -> "connected", null);
      logger.log(System.Logger.Level.ERROR, "login refused", new IllegalStateException("401"));
      logger.log(System.Logger.Level.OFF, "never shown");
    }).doesNotThrowAnyException();
  }
}
