package dev.switchboard.journal.file.internal;

import java.io.IOException;
import java.util.List;

/**
 * The file journal's view of its directory: the one seam through which it touches the disk, so
 * that tests can inject failures (a full disk, a short write) without a real device.
 */
public interface Storage {

  /** Where the files live, for messages. */
  String describe(String name);

  /** Takes the directory for this process alone; fails if another engine holds it. */
  void lock() throws IOException;

  /** Releases the directory. */
  void unlock() throws IOException;

  /** Names of the files in the directory. */
  List<String> list() throws IOException;

  /** The whole content of a file. */
  byte[] read(String name) throws IOException;

  /** Opens a file for appending at its end, creating it if missing. */
  SegmentFile openForAppend(String name) throws IOException;

  /**
   * Writes a file whole under its name, durably: a reader sees all of it or none of it. A crash
   * may leave a temporary file, the name followed by {@code .tmp}, beside it.
   */
  void writeAtomically(String name, byte[] content) throws IOException;

  /** Cuts a file to the size. */
  void truncate(String name, long size) throws IOException;

  /** Renames a file. */
  void rename(String from, String to) throws IOException;

  /** Deletes a file if present. */
  void delete(String name) throws IOException;

  /** An open file that grows at its end. */
  interface SegmentFile extends AutoCloseable {

    /** Current size in bytes. */
    long size() throws IOException;

    /** Writes all the bytes at the end. */
    void append(java.nio.ByteBuffer bytes) throws IOException;

    /** Forces what was written to the device. */
    void force() throws IOException;

    @Override
    void close() throws IOException;
  }
}
