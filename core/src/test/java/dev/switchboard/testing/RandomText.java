package dev.switchboard.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random text and attribute values for property tests of what the engine stores: anything a
 * Java string holds (ASCII, NUL and other control characters, any BMP char including
 * noncharacters, lone surrogates of both kinds, astral code points as surrogate pairs, white
 * space), sometimes hundreds of thousands of chars long; ids that are sometimes invalid, with an
 * oracle written independently of the engine's checks; and attribute maps with every value type.
 */
public final class RandomText {

  private static final String SPECIALS = " \t\n\r\u00A0\u0085\u2028\u2029\u3000\uFEFF\uFFFE\uFFFF";

  private RandomText() {}

  /** Any text: usually short, sometimes empty, now and then very long. */
  public static String text(Random r) {
    int roll = r.nextInt(100);
    if (roll < 2) {
      return longText(r);
    }
    if (roll < 8) {
      return "";
    }
    int length = 1 + r.nextInt(roll < 80 ? 16 : 300);
    StringBuilder b = new StringBuilder(length * 2);
    for (int i = 0; i < length; i++) {
      piece(b, r);
    }
    return b.toString();
  }

  /** Text of 10,000 to 400,000 chars: a random unit repeated. */
  public static String longText(Random r) {
    StringBuilder unit = new StringBuilder();
    int pieces = 1 + r.nextInt(40);
    for (int i = 0; i < pieces; i++) {
      piece(unit, r);
    }
    int length = 10_000 + r.nextInt(390_000);
    return unit.toString().repeat(length / unit.length() + 1);
  }

  /** Text that is not empty. */
  public static String nonEmpty(Random r) {
    String s = text(r);
    return s.isEmpty() ? String.valueOf((char) r.nextInt(0x10000)) : s;
  }

  /**
   * Free text that passes the adapter SPI's text rules (a channel identity's value, a presence
   * activity): not blank, no control character, at most {@code max} chars; it may hold lone
   * surrogates.
   */
  public static String label(Random r, int max) {
    StringBuilder b = new StringBuilder();
    text(r).chars().filter(c -> !Character.isISOControl(c)).limit(max - 1)
        .forEach(c -> b.append((char) c));
    if (b.toString().isBlank()) {
      b.append('L');
    }
    return b.toString();
  }

  /**
   * A candidate id: three times in four one the rules allow (possibly with astral chars and
   * white space inside), otherwise any text, which the rules often refuse.
   */
  public static String id(Random r) {
    if (r.nextInt(4) == 0) {
      return text(r);
    }
    StringBuilder b = new StringBuilder();
    int length = 1 + r.nextInt(r.nextInt(10) == 0 ? 128 : 12);
    while (b.length() < length) {
      switch (r.nextInt(6)) {
        case 0 -> b.appendCodePoint(0x10000 + r.nextInt(0x100000));
        case 1 -> b.append((char) (0xA0 + r.nextInt(0xD800 - 0xA0)));
        case 2 -> b.append(' ');
        default -> b.append((char) ('!' + r.nextInt(94)));
      }
    }
    String id = b.length() > 128 ? b.substring(0, 127) + "x" : b.toString();
    return id.isBlank() || !wellFormed(id) ? "id" + id.strip().length() : id;
  }

  /**
   * Whether the engine must accept the text as an id, by the documented rules: not blank, at
   * most 128 chars, no control character, and well-formed (it survives UTF-8 and back).
   */
  public static boolean validId(String s) {
    return !s.isBlank() && s.length() <= 128 && s.chars().noneMatch(Character::isISOControl)
        && wellFormed(s);
  }

  /** True when the text has no lone surrogate, judged by a round trip through UTF-8. */
  public static boolean wellFormed(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
  }

  /** An attribute map of up to five entries with random keys, nested up to {@code depth}. */
  public static Map<String, Object> attributes(Random r, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      m.put(nonEmpty(r), value(r, depth));
    }
    return m;
  }

  /** One attribute value of any allowed type. */
  public static Object value(Random r, int depth) {
    int kinds = depth > 0 ? 12 : 10;
    return switch (r.nextInt(kinds)) {
      case 0, 1 -> text(r);
      case 2 -> r.nextInt();
      case 3 -> r.nextLong();
      case 4 -> switch (r.nextInt(6)) {
        case 0 -> Double.NaN;
        case 1 -> -0.0d;
        case 2 -> Double.NEGATIVE_INFINITY;
        case 3 -> Double.longBitsToDouble(r.nextLong()); // any bits, odd NaNs included
        default -> r.nextGaussian() * 1e6;
      };
      case 5 -> r.nextBoolean() ? Float.intBitsToFloat(r.nextInt()) : r.nextFloat();
      case 6 -> (short) r.nextInt();
      case 7 -> (byte) r.nextInt();
      case 8 -> r.nextBoolean() ? new BigInteger(1 + r.nextInt(300), r)
          : new BigDecimal(new BigInteger(1 + r.nextInt(200), r).negate(), r.nextInt(80) - 40);
      case 9 -> r.nextBoolean();
      case 10 -> {
        List<Object> list = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          list.add(value(r, depth - 1));
        }
        yield list;
      }
      default -> attributes(r, depth - 1);
    };
  }

  /** The value as Java source would write it, shortened, for a failure message. */
  public static String escape(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = new StringBuilder();
    int shown = Math.min(s.length(), 300);
    for (int i = 0; i < shown; i++) {
      char c = s.charAt(i);
      if (c >= ' ' && c < 0x7F) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04X", (int) c));
      }
    }
    return s.length() > shown ? b + "...(" + s.length() + " chars)" : b.toString();
  }

  private static void piece(StringBuilder b, Random r) {
    switch (r.nextInt(12)) {
      case 0, 1, 2, 3 -> b.append((char) (' ' + r.nextInt(95)));
      case 4 -> b.append('\0');
      case 5 -> b.append((char) r.nextInt(0x20));
      case 6 -> b.append((char) (0x80 + r.nextInt(0x10000 - 0x80)));
      case 7 -> b.append((char) (0xD800 + r.nextInt(0x400))); // a high surrogate, often alone
      case 8 -> b.append((char) (0xDC00 + r.nextInt(0x400))); // a low surrogate, often alone
      case 9 -> b.appendCodePoint(0x10000 + r.nextInt(0x100000));
      case 10 -> b.appendCodePoint(0x1F600 + r.nextInt(0x50)); // emoji
      default -> b.append(SPECIALS.charAt(r.nextInt(SPECIALS.length())));
    }
  }
}
