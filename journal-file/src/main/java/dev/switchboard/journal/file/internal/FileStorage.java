package dev.switchboard.journal.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@link Storage} on a real directory, through {@link FileChannel}. */
public final class FileStorage implements Storage {

  private static final String LOCK = "journal.lock";

  private final Path directory;
  private FileChannel lockChannel;
  private FileLock lock;

  /** Storage in the directory, created when locked if missing. */
  public FileStorage(Path directory) {
    this.directory = directory.toAbsolutePath();
  }

  @Override
  public String describe(String name) {
    return directory.resolve(name).toString();
  }

  @Override
  public void lock() throws IOException {
    Files.createDirectories(directory);
    lockChannel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by another engine in this process
    }
    if (lock == null) {
      lockChannel.close();
      throw new IOException("journal directory " + directory + " is in use by another engine"
          + " (" + LOCK + " is locked)");
    }
  }

  @Override
  public void unlock() throws IOException {
    if (lockChannel != null) {
      lockChannel.close(); // releases the lock
      lockChannel = null;
      lock = null;
    }
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  @Override
  public byte[] read(String name) throws IOException {
    return Files.readAllBytes(directory.resolve(name));
  }

  @Override
  public SegmentFile openForAppend(String name) throws IOException {
    FileChannel channel = FileChannel.open(directory.resolve(name), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    channel.position(channel.size());
    syncDirectory();
    return new SegmentFile() {
      @Override
      public long size() throws IOException {
        return channel.size();
      }

      @Override
      public void append(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }

      @Override
      public void force() throws IOException {
        channel.force(false);
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  /**
   * Writes {@code name.tmp}, forces it, renames it over {@code name} and forces the directory: a
   * crash leaves the old file or the new one whole, and at worst a temporary file beside it.
   */
  @Override
  public void writeAtomically(String name, byte[] content) throws IOException {
    Path tmp = directory.resolve(name + Format.TEMPORARY_SUFFIX);
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer b = ByteBuffer.wrap(content);
        while (b.hasRemaining()) {
          channel.write(b);
        }
        channel.force(true);
      }
      try {
        Files.move(tmp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    syncDirectory();
  }

  @Override
  public void truncate(String name, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(directory.resolve(name),
        StandardOpenOption.WRITE)) {
      channel.truncate(size);
      channel.force(true);
    }
  }

  @Override
  public void rename(String from, String to) throws IOException {
    Files.move(directory.resolve(from), directory.resolve(to), StandardCopyOption.ATOMIC_MOVE);
    syncDirectory();
  }

  @Override
  public void delete(String name) throws IOException {
    Files.deleteIfExists(directory.resolve(name));
  }

  /** Makes file creations and renames durable (on file systems that allow it). */
  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // some platforms cannot open a directory; its entries are then as durable as they get
    }
  }
}
