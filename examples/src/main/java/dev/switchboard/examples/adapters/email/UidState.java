package dev.switchboard.examples.adapters.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Which mail of one IMAP folder the adapter has finished with (handed to the engine, or refused
 * and flagged), by UID within one UIDVALIDITY: every UID up to a watermark, and the UIDs above it
 * finished out of order (a sender's mail waiting for its flood limit holds the watermark back,
 * not the others). Unlike the {@code \Seen} flag, nobody else changes it: mail another client
 * marked read is still read. Kept in memory, and in a file when the settings name one, written
 * atomically (a new file moved over the old), so a crash leaves the old state or the new one;
 * mail finished after the last write is offered again and the engine answers it as a duplicate.
 * Not thread-safe: the poller thread owns it.
 */
final class UidState {

  private final Path file;
  private final String folder;
  private long validity = -1;
  private long watermark;
  private final TreeSet<Long> done = new TreeSet<>();
  private Instant saved;
  private boolean dirty;

  private UidState(Path file, String folder) {
    this.file = file;
    this.folder = folder;
  }

  /**
   * The state of {@code folder} kept in {@code file}, or an empty one if the file (null: none)
   * does not exist or is of another folder.
   *
   * @throws IOException if the file exists but cannot be read or is damaged
   */
  static UidState load(Path file, String folder) throws IOException {
    UidState s = new UidState(file, folder);
    if (file == null) {
      return s;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return s;
    }
    if (!folder.equals(p.getProperty("folder"))) {
      return s;
    }
    try {
      s.validity = Long.parseLong(p.getProperty("uidvalidity", "-1"));
      s.watermark = Long.parseLong(p.getProperty("watermark", "0"));
      for (String range : p.getProperty("done", "").split(",")) {
        if (!range.isBlank()) {
          String[] ends = range.strip().split("-", 2);
          long from = Long.parseLong(ends[0]);
          long to = ends.length == 2 ? Long.parseLong(ends[1]) : from;
          for (long uid = from; uid <= to && uid - from < 1_000_000; uid++) {
            s.done.add(uid);
          }
        }
      }
      s.saved = p.containsKey("saved") ? Instant.parse(p.getProperty("saved")) : null;
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IOException("state file " + file + " is damaged: " + e.getMessage(), e);
    }
    return s;
  }

  /** Whether this state is of the folder as it is now, with UIDVALIDITY {@code validity}. */
  boolean knows(long validity) {
    return this.validity == validity;
  }

  /** Whether a state of an earlier UIDVALIDITY was kept (the folder was since re-created). */
  boolean hadOtherValidity() {
    return validity >= 0;
  }

  /** When this state was last written, or null if never. */
  Instant saved() {
    return saved;
  }

  /** Starts over for UIDVALIDITY {@code validity}: every UID up to {@code watermark} is done. */
  void restart(long validity, long watermark) {
    this.validity = validity;
    this.watermark = Math.max(0, watermark);
    done.clear();
    dirty = true;
  }

  /** Every UID up to this one is finished. */
  long watermark() {
    return watermark;
  }

  boolean isDone(long uid) {
    return uid <= watermark || done.contains(uid);
  }

  void done(long uid) {
    if (!isDone(uid)) {
      done.add(uid);
      dirty = true;
    }
  }

  /**
   * Moves the watermark up after a poll: to just below {@code lowestPending}, the lowest UID
   * still waiting (0 if none), else to {@code highest}, the highest UID the poll saw. UIDs that
   * no longer exist are passed over.
   */
  void advance(long lowestPending, long highest) {
    long next = lowestPending > 0 ? lowestPending - 1 : highest;
    if (next > watermark) {
      watermark = next;
      done.headSet(next, true).clear();
      dirty = true;
    }
  }

  /** Writes the state to its file, if it has one and changed since the last write. */
  void save(Instant now) throws IOException {
    if (file == null || !dirty) {
      return;
    }
    StringBuilder ranges = new StringBuilder();
    Long from = null;
    Long to = null;
    for (long uid : done) {
      if (to != null && uid == to + 1) {
        to = uid;
        continue;
      }
      appendRange(ranges, from, to);
      from = uid;
      to = uid;
    }
    appendRange(ranges, from, to);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        Writer w = Channels.newWriter(ch, StandardCharsets.UTF_8)) {
      w.write("# Switchboard email adapter: mail of this folder already finished, by UID\n");
      w.write("folder=" + escape(folder) + "\n");
      w.write("uidvalidity=" + validity + "\n");
      w.write("watermark=" + watermark + "\n");
      w.write("done=" + ranges + "\n");
      w.write("saved=" + now + "\n");
      w.flush();
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    saved = now;
    dirty = false;
  }

  private static void appendRange(StringBuilder out, Long from, Long to) {
    if (from == null) {
      return;
    }
    if (out.length() > 0) {
      out.append(',');
    }
    out.append(from);
    if (!from.equals(to)) {
      out.append('-').append(to);
    }
  }

  /** A value as {@link Properties#load} reads it back. */
  private static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!'
          || (c == ' ' && out.length() == 0)) {
        out.append('\\');
      }
      if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
