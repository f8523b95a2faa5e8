package dev.switchboard.examples.adapters.voice;

import gov.nist.core.ServerLogger;
import gov.nist.core.StackLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.lang.System.Logger.Level;
import java.util.Properties;
import javax.sip.SipStack;

/**
 * The SIP stack's log, sent to {@link System.Logger} (errors as warnings, its warnings as debug)
 * instead of the log4j the stack would otherwise load. Public only because the stack makes it by
 * name.
 */
public final class QuietStackLogger implements StackLogger {

  private static final System.Logger LOG = System.getLogger("dev.switchboard.voice.sip");
  /** The stack's messages can carry a whole datagram, printed byte by byte: kept this short. */
  private static final int MAX_MESSAGE = 300;

  /** Made by the stack from its properties. */
  public QuietStackLogger() {}

  @Override
  public void logStackTrace() {}

  @Override
  public void logStackTrace(int level) {}

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable t) {
    LOG.log(Level.WARNING, "SIP stack", t);
  }

  @Override
  public void logDebug(String message) {}

  @Override
  public void logDebug(String message, Exception e) {}

  @Override
  public void logTrace(String message) {}

  @Override
  public void logFatalError(String message) {
    LOG.log(Level.ERROR, shortened(message));
  }

  @Override
  public void logError(String message) {
    LOG.log(Level.WARNING, shortened(message));
  }

  @Override
  public boolean isLoggingEnabled() {
    return true;
  }

  @Override
  public boolean isLoggingEnabled(int level) {
    return level <= TRACE_WARN;
  }

  @Override
  public void logError(String message, Exception e) {
    LOG.log(Level.WARNING, shortened(message), e);
  }

  @Override
  public void logWarning(String message) {
    // the stack warns of routine settings (TLS defaults) too
    LOG.log(Level.DEBUG, shortened(message));
  }

  private static String shortened(String message) {
    return message == null || message.length() <= MAX_MESSAGE ? message
        : message.substring(0, MAX_MESSAGE) + "... (" + message.length() + " characters)";
  }

  @Override
  public void logInfo(String message) {}

  @Override
  public void disableLogging() {}

  @Override
  public void enableLogging() {}

  @Override
  public void setBuildTimeStamp(String stamp) {}

  @Override
  public void setStackProperties(Properties properties) {}

  @Override
  public String getLoggerName() {
    return LOG.getName();
  }

  /** The stack's message log: not kept (messages carry callers' numbers). */
  public static final class Server implements ServerLogger {

    /** Made by the stack from its properties. */
    public Server() {}

    @Override
    public void closeLogFile() {}

    @Override
    public void logMessage(SIPMessage m, String from, String to, boolean sender, long time) {}

    @Override
    public void logMessage(SIPMessage m, String from, String to, String status, boolean sender,
        long time) {}

    @Override
    public void logMessage(SIPMessage m, String from, String to, String status,
        boolean sender) {}

    @Override
    public void logException(Exception e) {
      LOG.log(Level.WARNING, "SIP stack", e);
    }

    @Override
    public void setStackProperties(Properties properties) {}

    @Override
    public void setSipStack(SipStack stack) {}
  }
}
