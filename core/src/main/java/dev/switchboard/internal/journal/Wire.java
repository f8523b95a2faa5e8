package dev.switchboard.internal.journal;

import dev.switchboard.internal.check.Checks;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binary writing and reading of the values commands and snapshots carry: strings, optionals,
 * instants, durations and JSON-like attribute values, each number type kept so that a value
 * read back equals the one written.
 *
 * <p>A string is read back exactly, whatever the Java string holds. A well-formed one (every
 * surrogate in a pair, nearly every string) is its UTF-8 length as a 4-byte int, then its UTF-8
 * bytes. One with a lone surrogate, which UTF-8 cannot carry (Java's encoder writes '?' instead),
 * is {@code -1 - n} for its {@code n} chars, then each char as 2 bytes (UTF-16BE): a negative
 * length never occurred before, so journals written earlier read the same, and an older reader
 * refuses such a string as malformed instead of misreading it.
 */
final class Wire {

  /** The most bytes one {@link Out} holds: a Java array's practical limit. */
  static final int MAX_BYTES = Integer.MAX_VALUE - 8;

  private Wire() {}

  /**
   * Thrown when writing would take an {@link Out} past its limit, before the bytes that do not
   * fit are produced (a long string is refused before it is encoded).
   */
  static final class TooLarge extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TooLarge(int limit) {
      super("the encoding needs more than " + limit + " bytes");
    }
  }

  /** Writes values into a growing byte array of at most a limit of bytes. */
  static final class Out {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final int limit;

    /** An output of at most {@link #MAX_BYTES}. */
    Out() {
      this(MAX_BYTES);
    }

    /** An output that throws {@link TooLarge} rather than grow past the limit. */
    Out(int limit) {
      this.limit = Math.min(limit, MAX_BYTES);
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }

    /** The bytes written so far. */
    int size() {
      return out.size();
    }

    private void room(long needed) {
      if (out.size() + needed > limit) {
        throw new TooLarge(limit);
      }
    }

    Out u8(int v) {
      room(1);
      return io(() -> out.writeByte(v));
    }

    Out bool(boolean v) {
      room(1);
      return io(() -> out.writeBoolean(v));
    }

    Out i32(int v) {
      room(4);
      return io(() -> out.writeInt(v));
    }

    Out i64(long v) {
      room(8);
      return io(() -> out.writeLong(v));
    }

    /** A string, exactly: see the class comment for the two forms. */
    Out str(String s) {
      if (Checks.loneSurrogate(s) < 0) {
        room(4L + s.length()); // UTF-8 takes at least a byte a char: refused before encoding
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        room(4L + utf8.length);
        return io(() -> {
          out.writeInt(utf8.length);
          out.write(utf8);
        });
      }
      room(4L + 2L * s.length());
      byte[] utf16 = new byte[2 * s.length()];
      ByteBuffer.wrap(utf16).asCharBuffer().put(s);
      return io(() -> {
        out.writeInt(-1 - s.length());
        out.write(utf16);
      });
    }

    Out optStr(Optional<String> s) {
      bool(s.isPresent());
      s.ifPresent(this::str);
      return this;
    }

    /** A nullable string. */
    Out nstr(String s) {
      bool(s != null);
      if (s != null) {
        str(s);
      }
      return this;
    }

    Out instant(Instant i) {
      return i64(i.getEpochSecond()).i32(i.getNano());
    }

    Out duration(Duration d) {
      return i64(d.getSeconds()).i32(d.getNano());
    }

    Out levels(Map<String, Integer> m) {
      i32(m.size());
      m.forEach((k, v) -> str(k).i32(v));
      return this;
    }

    Out attributes(Map<String, ?> m) {
      i32(m.size());
      m.forEach((k, v) -> str(k).value(k, v));
      return this;
    }

    private Out value(String path, Object v) {
      if (v instanceof String s) {
        return u8('s').str(s);
      } else if (v instanceof Integer n) {
        return u8('i').i32(n);
      } else if (v instanceof Long n) {
        return u8('l').i64(n);
      } else if (v instanceof Double n) {
        return u8('d').i64(Double.doubleToRawLongBits(n));
      } else if (v instanceof Float n) {
        return u8('f').i32(Float.floatToRawIntBits(n));
      } else if (v instanceof Short n) {
        return u8('h').i32(n);
      } else if (v instanceof Byte n) {
        return u8('b').i32(n);
      } else if (v instanceof BigInteger n) {
        return u8('I').str(n.toString());
      } else if (v instanceof BigDecimal n) {
        return u8('D').str(n.toString());
      } else if (v instanceof Boolean b) {
        return u8('z').bool(b);
      } else if (v instanceof List<?> list) {
        u8('L').i32(list.size());
        for (int i = 0; i < list.size(); i++) {
          value(path + "[" + i + "]", list.get(i));
        }
        return this;
      } else if (v instanceof Map<?, ?> map) {
        u8('M').i32(map.size());
        map.forEach((k, x) -> str((String) k).value(path + "." + k, x));
        return this;
      }
      throw new IllegalArgumentException("attribute " + path + " is a "
          + (v == null ? "null" : v.getClass().getName()) + ", which a journal cannot store;"
          + " allowed numbers: Integer, Long, Double, Float, Short, Byte, BigInteger, BigDecimal");
    }

    private Out io(IoAction action) {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a byte array does not fail
      }
      return this;
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  /** Reads values back; a malformed input throws {@link IOException}. */
  static final class In {
    private final DataInputStream in;

    In(byte[] data, int offset) {
      this.in = new DataInputStream(new java.io.ByteArrayInputStream(data, offset,
          data.length - offset));
    }

    int u8() throws IOException {
      return in.readUnsignedByte();
    }

    boolean bool() throws IOException {
      return in.readBoolean();
    }

    int i32() throws IOException {
      return in.readInt();
    }

    long i64() throws IOException {
      return in.readLong();
    }

    String str() throws IOException {
      int n = in.readInt();
      if (n >= 0) {
        if (n > in.available()) {
          throw new IOException("a string of " + n + " bytes does not fit the record");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
      }
      int chars = -1 - n; // the UTF-16 form of a string with a lone surrogate
      if (2L * chars > in.available()) {
        throw new IOException("a string of " + chars + " UTF-16 chars does not fit the record");
      }
      return ByteBuffer.wrap(in.readNBytes(2 * chars)).asCharBuffer().toString();
    }

    Optional<String> optStr() throws IOException {
      return bool() ? Optional.of(str()) : Optional.empty();
    }

    String nstr() throws IOException {
      return bool() ? str() : null;
    }

    Instant instant() throws IOException {
      return Instant.ofEpochSecond(i64(), i32());
    }

    Duration duration() throws IOException {
      return Duration.ofSeconds(i64(), i32());
    }

    int count() throws IOException {
      int n = i32();
      if (n < 0 || n > in.available()) {
        throw new IOException("a count of " + n + " does not fit the record");
      }
      return n;
    }

    Map<String, Integer> levels() throws IOException {
      int n = count();
      Map<String, Integer> m = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        m.put(str(), i32());
      }
      return m;
    }

    Map<String, Object> attributes() throws IOException {
      int n = count();
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        m.put(str(), value());
      }
      return m;
    }

    private Object value() throws IOException {
      int tag = u8();
      switch (tag) {
        case 's': return str();
        case 'i': return i32();
        case 'l': return i64();
        case 'd': return Double.longBitsToDouble(i64());
        case 'f': return Float.intBitsToFloat(i32());
        case 'h': return (short) i32();
        case 'b': return (byte) i32();
        case 'I': return new BigInteger(str());
        case 'D': return new BigDecimal(str());
        case 'z': return bool();
        case 'L': {
          int n = count();
          List<Object> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            list.add(value());
          }
          return list;
        }
        case 'M': return attributes();
        default: throw new IOException("unknown attribute value tag " + tag);
      }
    }

    boolean atEnd() throws IOException {
      return in.available() == 0;
    }
  }
}
