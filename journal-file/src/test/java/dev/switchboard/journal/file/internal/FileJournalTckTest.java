package dev.switchboard.journal.file.internal;

import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.tck.Damage;
import dev.switchboard.journal.tck.DamageOutcome;
import dev.switchboard.journal.tck.Fencing;
import dev.switchboard.journal.tck.JournalTck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The file journal passes the journal TCK in {@code SYNC} mode, on a real directory seen through
 * a {@link DeviceStorage} that plays the disk: it can lose what was not forced (a crash of the
 * machine) and fail every write (a full disk). The directory is locked while a journal holds it
 * ({@link Fencing#EXCLUSIVE}), and damage is done to the files the format describes: a torn tail
 * is cut off, a corrupt or missing entry in the middle stops start-up, and a damaged newest
 * snapshot falls back to the older one, as {@code docs/durability.md} documents.
 */
class FileJournalTckTest extends JournalTck<Path> {

  private final Map<Journal, DeviceStorage> devices = new IdentityHashMap<>();

  @Override
  protected Path createStore() throws IOException {
    return Files.createTempDirectory("journal-tck");
  }

  @Override
  protected Journal openJournal(Path directory) {
    DeviceStorage device = new DeviceStorage(new FileStorage(directory));
    Journal journal = new FileJournal(device, durability(), 0, 64L << 20, 0, 2, false);
    devices.put(journal, device);
    return journal;
  }

  @Override
  protected void disposeStore(Path directory) throws IOException {
    devices.clear();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  protected Durability durability() {
    return Durability.SYNC;
  }

  @Override
  protected boolean simulatesCrash() {
    return true;
  }

  @Override
  protected void crash(Path directory, Journal journal) throws IOException {
    devices.get(journal).crash();
  }

  @Override
  protected boolean failsOnDemand() {
    return true;
  }

  @Override
  protected void failStore(Path directory, Journal journal) {
    devices.values().forEach(d -> d.broken(true));
  }

  @Override
  protected void repairStore(Path directory) {
    devices.values().forEach(d -> d.broken(false));
  }

  @Override
  protected Fencing fencing() {
    return Fencing.EXCLUSIVE;
  }

  @Override
  protected Optional<DamageOutcome> damageOutcome(Damage damage) {
    return Optional.of(switch (damage) {
      case TORN_LAST_ENTRY -> DamageOutcome.CUT_BEFORE_DAMAGE;
      case CORRUPT_ENTRY, MISSING_ENTRY -> DamageOutcome.REFUSED;
      case CORRUPT_NEWEST_SNAPSHOT -> DamageOutcome.RECOVERED_IN_FULL;
    });
  }

  @Override
  protected void damage(Path directory, Damage damage, long sequence) throws IOException {
    if (damage == Damage.CORRUPT_NEWEST_SNAPSHOT) {
      Path snapshot = directory.resolve(Format.snapshotName(sequence));
      byte[] file = Files.readAllBytes(snapshot);
      file[Format.SNAPSHOT_HEADER] ^= 0x40;
      Files.write(snapshot, file);
      return;
    }
    Path segment = segmentHolding(directory, sequence);
    byte[] file = Files.readAllBytes(segment);
    int at = recordOffset(file, sequence);
    int end = at + Format.RECORD_HEADER + ByteBuffer.wrap(file, at, 4).getInt();
    byte[] damaged = switch (damage) {
      case TORN_LAST_ENTRY -> Arrays.copyOf(file, end - 3);
      case CORRUPT_ENTRY -> {
        file[at + Format.RECORD_HEADER] ^= 0x40;
        yield file;
      }
      case MISSING_ENTRY -> {
        byte[] shorter = Arrays.copyOf(file, file.length - (end - at));
        System.arraycopy(file, end, shorter, at, file.length - end);
        yield shorter;
      }
      default -> throw new AssertionError(damage);
    };
    Files.write(segment, damaged);
  }

  /** The segment whose entries include {@code sequence}: the last one starting at or before it. */
  private static Path segmentHolding(Path directory, long sequence) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return Format.segments(files.map(p -> p.getFileName().toString()).toList())
          .floorEntry(sequence).getValue().transform(directory::resolve);
    }
  }

  /** The byte offset of the record with this sequence in a segment file. */
  private static int recordOffset(byte[] file, long sequence) {
    ByteBuffer b = ByteBuffer.wrap(file);
    int at = Format.SEGMENT_HEADER;
    while (b.getLong(at + 8) != sequence) {
      at += Format.RECORD_HEADER + b.getInt(at);
    }
    return at;
  }
}
