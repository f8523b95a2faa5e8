package dev.switchboard.helpdesk.internal;

import dev.switchboard.Channel;
import dev.switchboard.crowd.PowerUser;
import dev.switchboard.crowd.Question;
import dev.switchboard.helpdesk.Actor;
import dev.switchboard.helpdesk.Classification;
import dev.switchboard.helpdesk.TicketRequest;
import dev.switchboard.spi.ChannelTraits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the desk's journal entries. A payload is {@code version (1) | tag (1) | clock
 * reading: epoch seconds (8), nanos (4) | fields}, big-endian through {@link DataOutputStream}.
 * The tag is the input type's place in {@link #TYPES}: append new types at the end, never
 * reorder. Fields are the record's components in order: strings as a presence byte then a
 * 4-byte length and UTF-8, attribute values as a type tag then the value (every number type kept
 * as it was), and the desk's value types field by field. A payload of another version is refused.
 */
final class DeskCodec {

  /** The layout written now; a reader refuses any other. */
  static final int VERSION = 1;

  /** Tag {@code i + 1} is {@code TYPES.get(i)}. Append only. */
  static final List<Class<? extends DeskInput>> TYPES = List.of(
      DeskInput.Open.class, DeskInput.Advance.class, DeskInput.MoveTo.class,
      DeskInput.Classify.class, DeskInput.Confirm.class, DeskInput.StillBroken.class,
      DeskInput.SolvedByUser.class, DeskInput.AddPowerUser.class, DeskInput.SetAvailable.class,
      DeskInput.Ask.class, DeskInput.AnswerQuestion.class, DeskInput.Accept.class,
      DeskInput.Reject.class, DeskInput.Withdraw.class, DeskInput.Redeem.class,
      DeskInput.Classified.class, DeskInput.Assigned.class, DeskInput.HolderLost.class,
      DeskInput.Escalated.class, DeskInput.Completed.class, DeskInput.Cancelled.class,
      DeskInput.Abandoned.class, DeskInput.Rejected.class, DeskInput.Tick.class);

  private static final int MAX_DEPTH = 16;

  /** An entry read back: the clock reading it was applied at, and the input. */
  record Decoded(Instant now, DeskInput input) {}

  private DeskCodec() {}

  /**
   * The fields of an input, without the header; throws {@link IllegalArgumentException} naming
   * the value when one cannot be stored exactly (an attribute number of an unknown type).
   */
  static byte[] body(DeskInput input) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (RecordComponent c : input.getClass().getRecordComponents()) {
        write(out, c.getType(), c.getAccessor().invoke(input), c.getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
    return bytes.toByteArray();
  }

  /** The whole payload: header, then the body made by {@link #body}. */
  static byte[] payload(Instant now, DeskInput input, byte[] body) {
    int tag = TYPES.indexOf(input.getClass()) + 1;
    if (tag == 0) {
      throw new IllegalStateException("no journal tag for " + input.getClass().getName());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(14 + body.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(tag);
      out.writeLong(now.getEpochSecond());
      out.writeInt(now.getNano());
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads a payload; throws {@link IOException} saying what is wrong with it. */
  static Decoded decode(byte[] payload) throws IOException {
    try {
      return read(payload);
    } catch (RuntimeException e) {
      throw new IOException("a malformed entry: " + e.getMessage(), e);
    }
  }

  private static Decoded read(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    int version = in.readUnsignedByte();
    if (version != VERSION) {
      throw new IOException("entry layout version " + version + "; this help desk reads "
          + VERSION);
    }
    int tag = in.readUnsignedByte();
    if (tag < 1 || tag > TYPES.size()) {
      throw new IOException("unknown entry tag " + tag);
    }
    Instant now = Instant.ofEpochSecond(in.readLong(), in.readInt());
    Class<? extends DeskInput> type = TYPES.get(tag - 1);
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = read(in, types[i]);
    }
    if (in.available() > 0) {
      throw new IOException(in.available() + " bytes left after a " + type.getSimpleName());
    }
    try {
      Constructor<? extends DeskInput> make = type.getDeclaredConstructor(types);
      return new Decoded(now, make.newInstance(values));
    } catch (InvocationTargetException e) {
      throw new IOException("a " + type.getSimpleName() + " that does not validate: "
          + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- writing --------------------------------------------------------------------------------

  private static void write(DataOutputStream out, Class<?> type, Object v, String name)
      throws IOException {
    if (type == boolean.class) {
      out.writeBoolean((Boolean) v);
    } else if (type == int.class) {
      out.writeInt((Integer) v);
    } else if (type == long.class) {
      out.writeLong((Long) v);
    } else if (type == String.class) {
      string(out, (String) v);
    } else if (!present(out, v)) {
      return;
    } else if (type == DeskInput.Command.class) {
      out.writeByte(((DeskInput.Command) v).ordinal());
    } else if (type == Actor.class) {
      Actor a = (Actor) v;
      string(out, a.kind().name());
      string(out, a.id());
    } else if (type == Classification.class) {
      Classification c = (Classification) v;
      out.writeInt(c.categories().size());
      for (String s : c.categories()) {
        string(out, s);
      }
      levels(out, c.requiredSkills());
      out.writeInt(c.priority());
      out.writeDouble(c.confidence());
    } else if (type == TicketRequest.class) {
      TicketRequest r = (TicketRequest) v;
      string(out, r.ticketId());
      string(out, r.endUserId());
      string(out, r.channel().id());
      out.writeBoolean(r.channel().traits().synchronous());
      out.writeBoolean(r.channel().traits().singleLogon());
      out.writeInt(r.channel().traits().defaultConcurrency());
      string(out, r.subject());
      string(out, r.text());
      map(out, r.attributes(), name + ".attributes", 0);
    } else if (type == PowerUser.class) {
      PowerUser p = (PowerUser) v;
      string(out, p.id());
      out.writeBoolean(p.available());
      out.writeInt(p.openOffers());
      levels(out, p.acceptedAnswers());
    } else if (type == Question.class) {
      Question q = (Question) v;
      string(out, q.id());
      string(out, q.askerId());
      string(out, q.category());
      string(out, q.text());
      levels(out, q.staffSkills());
    } else {
      throw new IllegalStateException("no journal encoding for " + type.getName());
    }
  }

  private static boolean present(DataOutputStream out, Object v) throws IOException {
    out.writeBoolean(v != null);
    return v != null;
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    if (present(out, s)) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static void levels(DataOutputStream out, Map<String, Integer> m) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, Integer> e : m.entrySet()) {
      string(out, e.getKey());
      out.writeInt(e.getValue());
    }
  }

  private static void map(DataOutputStream out, Map<String, ?> m, String path, int depth)
      throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, ?> e : m.entrySet()) {
      string(out, e.getKey());
      value(out, e.getValue(), path + "." + e.getKey(), depth + 1);
    }
  }

  private static void value(DataOutputStream out, Object v, String path, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(path + " nests deeper than " + MAX_DEPTH + " levels");
    }
    if (v instanceof String s) {
      out.writeByte('S');
      string(out, s);
    } else if (v instanceof Boolean b) {
      out.writeByte('Z');
      out.writeBoolean(b);
    } else if (v instanceof Integer i) {
      out.writeByte('I');
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte('J');
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte('D');
      out.writeDouble(d);
    } else if (v instanceof Float f) {
      out.writeByte('F');
      out.writeFloat(f);
    } else if (v instanceof Short s) {
      out.writeByte('H');
      out.writeShort(s);
    } else if (v instanceof Byte b) {
      out.writeByte('B');
      out.writeByte(b);
    } else if (v instanceof BigInteger b) {
      out.writeByte('G');
      string(out, b.toString());
    } else if (v instanceof BigDecimal b) {
      out.writeByte('E');
      string(out, b.toString());
    } else if (v instanceof List<?> list) {
      out.writeByte('L');
      out.writeInt(list.size());
      for (int i = 0; i < list.size(); i++) {
        value(out, list.get(i), path + "[" + i + "]", depth + 1);
      }
    } else if (v instanceof Map<?, ?> m) {
      out.writeByte('M');
      @SuppressWarnings("unchecked")
      Map<String, ?> named = (Map<String, ?>) m;
      map(out, named, path, depth);
    } else {
      throw new IllegalArgumentException("attribute " + path + " is a "
          + (v == null ? "null" : v.getClass().getName()) + ", which the help desk's journal"
          + " cannot store exactly; allowed: string, boolean, Integer, Long, Double, Float,"
          + " Short, Byte, BigInteger, BigDecimal, list or map");
    }
  }

  // ---- reading --------------------------------------------------------------------------------

  private static Object read(DataInputStream in, Class<?> type) throws IOException {
    if (type == boolean.class) {
      return in.readBoolean();
    } else if (type == int.class) {
      return in.readInt();
    } else if (type == long.class) {
      return in.readLong();
    } else if (type == String.class) {
      return string(in);
    } else if (!in.readBoolean()) {
      return null;
    } else if (type == DeskInput.Command.class) {
      int i = in.readUnsignedByte();
      DeskInput.Command[] all = DeskInput.Command.values();
      if (i >= all.length) {
        throw new IOException("unknown command " + i);
      }
      return all[i];
    } else if (type == Actor.class) {
      return new Actor(Actor.Kind.valueOf(required(in)), required(in));
    } else if (type == Classification.class) {
      int n = count(in);
      List<String> categories = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        categories.add(required(in));
      }
      return new Classification(categories, levels(in), in.readInt(), in.readDouble());
    } else if (type == TicketRequest.class) {
      String id = required(in);
      String user = required(in);
      Channel channel = new Channel(required(in),
          new ChannelTraits(in.readBoolean(), in.readBoolean(), in.readInt()));
      return new TicketRequest(id, user, channel, required(in), required(in), map(in, 0));
    } else if (type == PowerUser.class) {
      return new PowerUser(required(in), in.readBoolean(), in.readInt(), levels(in));
    } else if (type == Question.class) {
      return new Question(required(in), required(in), required(in), required(in), levels(in));
    }
    throw new IllegalStateException("no journal encoding for " + type.getName());
  }

  private static String string(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    byte[] b = new byte[count(in)];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String required(DataInputStream in) throws IOException {
    String s = string(in);
    if (s == null) {
      throw new IOException("a required string is missing");
    }
    return s;
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("a length of " + n + " with " + in.available() + " bytes left");
    }
    return n;
  }

  private static Map<String, Integer> levels(DataInputStream in) throws IOException {
    int n = count(in);
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(required(in), in.readInt());
    }
    return m;
  }

  private static Map<String, Object> map(DataInputStream in, int depth) throws IOException {
    int n = count(in);
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(required(in), value(in, depth + 1));
    }
    return m;
  }

  private static Object value(DataInputStream in, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException("attributes nest deeper than " + MAX_DEPTH + " levels");
    }
    int tag = in.readUnsignedByte();
    switch (tag) {
      case 'S': return required(in);
      case 'Z': return in.readBoolean();
      case 'I': return in.readInt();
      case 'J': return in.readLong();
      case 'D': return in.readDouble();
      case 'F': return in.readFloat();
      case 'H': return in.readShort();
      case 'B': return in.readByte();
      case 'G': return new BigInteger(required(in));
      case 'E': return new BigDecimal(required(in));
      case 'L': {
        int n = count(in);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(value(in, depth + 1));
        }
        return Collections.unmodifiableList(list);
      }
      case 'M': return map(in, depth);
      default: throw new IOException("unknown attribute value tag " + tag);
    }
  }
}
