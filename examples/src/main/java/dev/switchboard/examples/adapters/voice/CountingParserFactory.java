package dev.switchboard.examples.adapters.voice;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SIP stack's own message parser, counting the datagrams it cannot parse. The stack answers a
 * malformed request it can still address with 400 and drops the rest; this lets the adapter count
 * both. Public only because the stack makes it by name; the counters are found by stack name.
 */
public final class CountingParserFactory implements MessageParserFactory {

  private static final Map<String, Runnable> COUNTERS = new ConcurrentHashMap<>();

  private final MessageParserFactory parsers = new StringMsgParserFactory();

  /** Made by the stack from its properties. */
  public CountingParserFactory() {}

  /** Counts with {@code counter} the malformed messages of the stack named {@code stackName}. */
  static void count(String stackName, Runnable counter) {
    COUNTERS.put(stackName, counter);
  }

  /** Stops counting for the stack named {@code stackName}. */
  static void forget(String stackName) {
    COUNTERS.remove(stackName);
  }

  @Override
  public MessageParser createMessageParser(SIPTransactionStack stack) {
    MessageParser parser = parsers.createMessageParser(stack);
    String name = stack instanceof SipStackImpl s ? s.getStackName() : "";
    return (bytes, readBody, strict, listener) -> {
      try {
        return parser.parseSIPMessage(bytes, readBody, strict, listener);
      } catch (ParseException e) {
        COUNTERS.getOrDefault(name, () -> { }).run();
        throw e;
      }
    };
  }
}
