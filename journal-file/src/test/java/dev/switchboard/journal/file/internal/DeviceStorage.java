package dev.switchboard.journal.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Storage that plays the device under the file journal, for the journal TCK: a {@link #crash()}
 * of the machine cuts every segment back to what was last forced (what only reached the page
 * cache is lost) and fails every later call, and while {@linkplain #broken broken} every write
 * fails as on a full disk. Every call holds one lock, so a crash falls between writes, never
 * inside one.
 */
final class DeviceStorage implements Storage {

  private final Storage real;
  private final Map<String, Long> forced = new HashMap<>();
  private boolean crashed;
  private boolean broken;

  DeviceStorage(Storage real) {
    this.real = real;
  }

  /** The machine stops: segments lose what was not forced, the lock goes with the process. */
  synchronized void crash() throws IOException {
    crashed = true;
    for (Map.Entry<String, Long> e : forced.entrySet()) {
      real.truncate(e.getKey(), e.getValue());
    }
    real.unlock();
  }

  /** Whether every write fails from now on. */
  synchronized void broken(boolean broken) {
    this.broken = broken;
  }

  private void check(boolean write) throws IOException {
    if (crashed) {
      throw new IOException("the machine crashed");
    }
    if (write && broken) {
      throw new IOException("No space left on device");
    }
  }

  @Override
  public String describe(String name) {
    return real.describe(name);
  }

  @Override
  public synchronized void lock() throws IOException {
    check(false);
    real.lock();
  }

  @Override
  public synchronized void unlock() throws IOException {
    if (!crashed) {
      real.unlock();
    }
  }

  @Override
  public synchronized List<String> list() throws IOException {
    check(false);
    return real.list();
  }

  @Override
  public synchronized byte[] read(String name) throws IOException {
    check(false);
    return real.read(name);
  }

  @Override
  public synchronized SegmentFile openForAppend(String name) throws IOException {
    check(true);
    SegmentFile file = real.openForAppend(name);
    forced.put(name, file.size());
    return new SegmentFile() {
      @Override
      public long size() throws IOException {
        synchronized (DeviceStorage.this) {
          check(false);
          return file.size();
        }
      }

      @Override
      public void append(ByteBuffer bytes) throws IOException {
        synchronized (DeviceStorage.this) {
          check(true);
          file.append(bytes);
        }
      }

      @Override
      public void force() throws IOException {
        synchronized (DeviceStorage.this) {
          check(true);
          file.force();
          forced.put(name, file.size());
        }
      }

      @Override
      public void close() throws IOException {
        file.close();
      }
    };
  }

  @Override
  public synchronized void writeAtomically(String name, byte[] content) throws IOException {
    check(true);
    real.writeAtomically(name, content);
  }

  @Override
  public synchronized void truncate(String name, long size) throws IOException {
    check(true);
    real.truncate(name, size);
    forced.computeIfPresent(name, (n, s) -> Math.min(s, size));
  }

  @Override
  public synchronized void rename(String from, String to) throws IOException {
    check(true);
    real.rename(from, to);
  }

  @Override
  public synchronized void delete(String name) throws IOException {
    check(true);
    real.delete(name);
    forced.remove(name);
  }
}
