package dev.switchboard.examples.adapters;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body strictly: a broken percent escape, a
 * field given twice or bytes that are not UTF-8 are refused ({@code bad-form}, {@code
 * bad-encoding}) rather than guessed at.
 */
public final class FormBody {

  private FormBody() {}

  /**
   * The fields of {@code body}, by name.
   *
   * @throws InboundRejected {@code bad-form} or {@code bad-encoding}, saying where and why
   */
  public static Map<String, String> parse(String body) throws InboundRejected {
    Map<String, String> fields = new HashMap<>();
    if (body.isEmpty()) {
      return fields;
    }
    for (String pair : body.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (fields.putIfAbsent(name, value) != null) {
        throw new InboundRejected("bad-form", "field '" + name + "' is given more than once");
      }
    }
    return fields;
  }

  private static String decode(String s) throws InboundRejected {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
        if (lo < 0) {
          throw new InboundRejected("bad-form", "broken percent escape at character " + i
              + ": expected %XY with two hex digits");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        throw new InboundRejected("bad-form", "raw non-ASCII character at " + i
            + "; form bodies percent-encode UTF-8");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new InboundRejected("bad-encoding", "form field is not valid UTF-8");
    }
  }
}
