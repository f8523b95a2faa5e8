package dev.switchboard.examples.adapters.email;

/**
 * Text a server (or a library quoting it) wrote, made fit for a failure reason: one line of
 * printable characters, at most {@value #MAX_CHARS} long. SMTP replies end in CRLF and may span
 * lines; the SPI refuses control characters in a reason, and a refused reason would turn a
 * permanent refusal into a retried crash.
 */
final class ServerText {

  static final int MAX_CHARS = 1000;

  private ServerText() {}

  /** {@code text} on one line: control characters and runs of white space become one space. */
  static String line(String text) {
    if (text == null || text.isBlank()) {
      return "(no reason given)";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS));
    boolean space = false;
    for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c)) {
        space = out.length() > 0;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(c);
    }
    String s = out.toString();
    return s.isEmpty() ? "(no reason given)" : s;
  }
}
