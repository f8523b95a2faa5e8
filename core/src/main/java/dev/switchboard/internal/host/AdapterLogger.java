package dev.switchboard.internal.host;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link System.Logger} an adapter gets from its context, writing to the host's slf4j logging
 * under {@code dev.switchboard.adapter.<id>}: the SPI cannot depend on slf4j, but an operator
 * should find adapters' messages beside the engine's.
 */
final class AdapterLogger implements System.Logger {

  private final Logger log;

  AdapterLogger(String adapterId) {
    this.log = LoggerFactory.getLogger("dev.switchboard.adapter." + adapterId);
  }

  @Override
  public String getName() {
    return log.getName();
  }

  @Override
  public boolean isLoggable(Level level) {
    return switch (level) {
      case ALL, TRACE -> log.isTraceEnabled();
      case DEBUG -> log.isDebugEnabled();
      case INFO -> log.isInfoEnabled();
      case WARNING -> log.isWarnEnabled();
      case ERROR -> log.isErrorEnabled();
      case OFF -> false;
    };
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
    write(level, localized(bundle, message), thrown);
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    String pattern = localized(bundle, format);
    write(level, params == null || params.length == 0 ? pattern
        : MessageFormat.format(pattern, params), null);
  }

  @Override
  public void log(Level level, Supplier<String> message, Throwable thrown) {
    if (isLoggable(level)) {
      write(level, message.get(), thrown);
    }
  }

  private void write(Level level, String message, Throwable thrown) {
    switch (level) {
      case ALL, TRACE -> log.trace(message, thrown);
      case DEBUG -> log.debug(message, thrown);
      case INFO -> log.info(message, thrown);
      case WARNING -> log.warn(message, thrown);
      case ERROR -> log.error(message, thrown);
      case OFF -> { }
    }
  }

  private static String localized(ResourceBundle bundle, String key) {
    if (bundle == null || key == null || !bundle.containsKey(key)) {
      return key;
    }
    return bundle.getString(key);
  }
}
