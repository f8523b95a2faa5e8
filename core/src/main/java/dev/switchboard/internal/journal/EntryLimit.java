package dev.switchboard.internal.journal;

import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.internal.loop.Command;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The journal's limit on one entry, applied when a command is encoded, before it is applied: a
 * command whose payload would not fit is refused with a message that names the limit and the
 * field taking the most room (for a batch of campaign contacts, also how many of them fit), so
 * that the caller can act on it. The journal is then never handed an entry it cannot store,
 * which would stop the engine.
 */
final class EntryLimit {

  private static final long MIB = 1 << 20;
  private static final int MAX_DEPTH = 40;
  private static final int MAX_KEY_SHOWN = 40;

  private EntryLimit() {}

  /**
   * The command's payload, of at most {@code maxBytes}. Throws {@link IllegalArgumentException}
   * saying why when it is larger, before the bytes past the limit are produced.
   */
  static byte[] encode(CommandCodec codec, Command command, long time, int maxBytes) {
    try {
      return codec.encode(command, time, maxBytes);
    } catch (Wire.TooLarge e) {
      throw new IllegalArgumentException(tooLarge(command, time, maxBytes));
    }
  }

  /** Why the command does not fit an entry of {@code maxBytes}. */
  static String tooLarge(Command command, long time, int maxBytes) {
    Largest largest = largestField(command);
    String limit = "more than " + bytes(maxBytes) + " in the journal, the most one entry holds";
    String field = largest.path.isEmpty() ? ""
        : "; its largest field is " + largest.path + ", " + bytes(largest.bytes);
    if (command instanceof Command.AddContacts c && c.contacts().size() > 1) {
      int fit = contactsThatFit(c, time, maxBytes);
      if (fit > 0) {
        return "contacts: these " + c.contacts().size() + " contacts need " + limit
            + "; the first " + fit + " fit, so add them in batches of at most " + fit + field;
      }
    }
    return command.getClass().getSimpleName() + " needs " + limit + field
        + ". Keep large content outside the engine and pass a reference to it";
  }

  /** How many of the batch's contacts, from the first, fit one entry with the batch's header. */
  private static int contactsThatFit(Command.AddContacts c, long time, int maxBytes) {
    Wire.Out o = new Wire.Out(maxBytes);
    int fit = 0;
    try {
      o.u8(0).i64(time).str(c.campaignId()).i32(c.contacts().size());
      for (CampaignContact contact : c.contacts()) {
        CommandCodec.contact(o, contact);
        fit++;
      }
    } catch (Wire.TooLarge e) {
      return fit;
    }
    return fit;
  }

  /** The string in the command that takes the most bytes, with its path. */
  static Largest largestField(Command command) {
    Largest largest = new Largest();
    RecordComponent[] components = command.getClass().getRecordComponents();
    if (components.length == 1 && value(components[0], command) instanceof Record only) {
      walk(only, "", largest, 0); // Submit(item): name the item's fields, "attributes.note"
    } else {
      walk(command, "", largest, 0);
    }
    return largest;
  }

  private static void walk(Object value, String path, Largest largest, int depth) {
    if (value == null || depth > MAX_DEPTH) {
      return;
    }
    if (value instanceof String s) {
      largest.offer(path, encodedLength(s));
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        String child = join(path, shown(String.valueOf(k)));
        if (k instanceof String key) {
          largest.offer(child + " (the key)", encodedLength(key));
        }
        walk(v, child, largest, depth + 1);
      });
    } else if (value instanceof Collection<?> collection) {
      int i = 0;
      for (Object element : collection) {
        walk(element, path + "[" + i++ + "]", largest, depth + 1);
      }
    } else if (value instanceof Optional<?> optional) {
      optional.ifPresent(v -> walk(v, path, largest, depth + 1));
    } else if (value instanceof Record) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        walk(value(c, value), join(path, c.getName()), largest, depth + 1);
      }
    }
    // numbers, booleans, enums, times: a few bytes each, never the field to blame
  }

  private static Object value(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // a record this module cannot read is left out of the message
    }
  }

  /** The bytes {@link Wire.Out#str} writes for the string, without the length. */
  static long encodedLength(String s) {
    if (Checks.loneSurrogate(s) >= 0) {
      return 2L * s.length();
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4; // with its low surrogate, which is skipped
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String shown(String key) {
    String shown = key.length() <= MAX_KEY_SHOWN ? key
        : key.substring(0, MAX_KEY_SHOWN - 8) + "...(" + key.length() + " chars)";
    return Checks.escapeLoneSurrogates(shown);
  }

  private static String bytes(long n) {
    return n < MIB ? n + " bytes"
        : n + " bytes (" + String.format(Locale.ROOT, "%.1f MiB", n / (double) MIB) + ")";
  }

  /** The largest string found so far and where. */
  static final class Largest {
    String path = "";
    long bytes = -1;

    void offer(String at, long size) {
      if (size > bytes) {
        bytes = size;
        path = at;
      }
    }
  }
}
