package dev.switchboard.journal.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.Journals;
import dev.switchboard.journal.file.FileJournalBuilder;
import dev.switchboard.journal.file.FileJournals;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file journal end to end: what a restart recovers, segment rolling and snapshots, and the
 * documented outcome of each kind of damage (torn tail, flipped byte, missing segment, full
 * disk, a directory already in use).
 */
class FileJournalTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final String FIRST = Format.segmentName(1);

  @TempDir
  Path dir;

  private final ManualClock clock = new ManualClock(T0);

  private ManualSwitchboard engine(Journal journal) {
    return builder().journal(journal).buildManual();
  }

  private SwitchboardBuilder builder() {
    return Switchboard.builder().clock(clock);
  }

  private static <T> T ok(ManualSwitchboard sb, CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }

  /** An agent and {@code items} chat items: the agent holds 2, the rest queue. */
  private static void fill(ManualSwitchboard sb, int items) {
    ok(sb, sb.addAgent(Agent.builder("a1").capacity(Channel.CHAT, 2).build()));
    ok(sb, sb.setPresence("a1", Presence.AVAILABLE));
    for (int i = 0; i < items; i++) {
      ok(sb, sb.submit(WorkItem.builder("i" + i, Channel.CHAT).customer("c").build()));
    }
  }

  private static List<String> itemIds(ManualSwitchboard sb) {
    return ok(sb, sb.snapshot()).items().stream().map(v -> v.item().id()).toList();
  }

  @Test
  void restart_holdsEverythingWhoseCallCompleted() {
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      fill(sb, 5);
      ok(sb, sb.accept("a1", "i0"));
      ok(sb, sb.complete("a1", "i0", Outcome.RESOLVED));
    }
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      EngineSnapshot s = ok(sb, sb.snapshot());
      assertThat(s.items()).extracting(v -> v.item().id()).containsExactly("i1", "i2", "i3", "i4");
      assertThat(s.agents().get(0).presence()).isEqualTo(Presence.AVAILABLE);
      assertThat(s.items()).filteredOn(v -> v.state() == ItemState.OFFERED).hasSize(2);
      // the finished item is remembered: it cannot be submitted again
      CompletionStage<Void> again =
          sb.submit(WorkItem.builder("i0", Channel.CHAT).customer("c").build());
      sb.drain();
      assertThat(catchThrowable(() -> again.toCompletableFuture().join()))
          .hasCauseInstanceOf(CommandRejectedException.class).hasMessageContaining("DUPLICATE");
    }
  }

  @Test
  void async_completesAtOnce_andCloseWritesEverything() {
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).durability(Durability.ASYNC).build())) {
      fill(sb, 20);
    }
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      assertThat(itemIds(sb)).hasSize(20);
    }
  }

  @Test
  void groupCommitDelay_stillCompletesEveryCall_andRestartHoldsThem() {
    try (Switchboard sb = builder().journal(FileJournals.builder(dir)
        .groupCommitDelay(java.time.Duration.ofMillis(5)).build()).build()) {
      CompletionStage<?>[] stages = new CompletionStage<?>[100];
      for (int i = 0; i < stages.length; i++) {
        stages[i] = sb.submit(WorkItem.builder("g" + i, Channel.EMAIL).customer("c").build());
      }
      for (CompletionStage<?> stage : stages) {
        stage.toCompletableFuture().join();
      }
    }
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      assertThat(itemIds(sb)).hasSize(100);
    }
  }

  @Test
  void segmentsRoll_andSnapshotsRemoveTheSegmentsTheyCover() throws IOException {
    Journal journal = FileJournals.builder(dir).segmentBytes(4096).snapshotInterval(100).build();
    try (ManualSwitchboard sb = engine(journal)) {
      fill(sb, 450);
    }
    List<String> files = names();
    // 452 entries: the two newest snapshots are kept, and the log from the older one on
    assertThat(files).filteredOn(n -> n.startsWith("snap-"))
        .containsExactly(Format.snapshotName(300), Format.snapshotName(400));
    assertThat(files).filteredOn(n -> n.startsWith("seg-")).first()
        .isEqualTo(Format.segmentName(301));
    assertThat(files).doesNotContain(FIRST);
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      assertThat(itemIds(sb)).hasSize(450).startsWith("i0", "i1").endsWith("i449");
    }
  }

  @Test
  void tornTail_isCutOff_andTheEngineStartsWithTheRecordsBeforeIt() throws IOException {
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      fill(sb, 3);
    }
    Path segment = dir.resolve(FIRST);
    long size = Files.size(segment);
    try (var ch = java.nio.channels.FileChannel.open(segment,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size - 5); // the last record (submit i2) half written
    }
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      assertThat(itemIds(sb)).containsExactly("i0", "i1");
      ok(sb, sb.submit(WorkItem.builder("i2", Channel.CHAT).customer("c").build()));
    }
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      assertThat(itemIds(sb)).containsExactly("i0", "i1", "i2");
    }
  }

  @Test
  void garbageAfterTheLastRecord_isCutOffAsATornTail() throws IOException {
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      fill(sb, 3);
    }
    Files.write(dir.resolve(FIRST), new byte[] {0, 0, 0, 9, 1, 2, 3},
        java.nio.file.StandardOpenOption.APPEND);
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      assertThat(itemIds(sb)).hasSize(3);
    }
  }

  @Test
  void flippedByteInTheMiddle_stopsStartUpNamingFileAndOffset() throws IOException {
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      fill(sb, 3);
    }
    flip(dir.resolve(FIRST), Format.SEGMENT_HEADER + Format.RECORD_HEADER + 3);
    assertThatThrownBy(() -> engine(FileJournals.builder(dir).build()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(dir.resolve(FIRST).toString())
        .hasMessageContaining("at offset " + Format.SEGMENT_HEADER)
        .hasMessageContaining("CRC")
        .hasMessageContaining("recoverUpToCorruption");
    // the directory was released: the host may retry, here allowing recovery up to the damage
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).recoverUpToCorruption(true).build())) {
      assertThat(ok(sb, sb.snapshot()).agents()).isEmpty(); // the damage was in the first record
      fill(sb, 1);
    }
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      assertThat(itemIds(sb)).containsExactly("i0");
    }
  }

  @Test
  void missingSegment_stopsStartUp_orRecoversUpToTheGapWhenAllowed() throws IOException {
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).segmentBytes(4096)
        .snapshotInterval(0).build())) {
      fill(sb, 200);
    }
    List<String> segments = names().stream().filter(n -> n.startsWith("seg-")).toList();
    assertThat(segments.size()).isGreaterThanOrEqualTo(3);
    Files.delete(dir.resolve(segments.get(1)));
    long gapStart = Format.sequenceOf(segments.get(1), "seg-", ".log");
    assertThatThrownBy(() -> engine(FileJournals.builder(dir).build()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(segments.get(2))
        .hasMessageContaining("entries " + gapStart + " to ")
        .hasMessageContaining("missing");
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).recoverUpToCorruption(true).build())) {
      // entries 1 and 2 add the agent and make it available; each later one submits an item
      assertThat(itemIds(sb)).hasSize((int) gapStart - 3);
    }
    assertThat(names()).contains(segments.get(2) + ".discarded");
  }

  @Test
  void damagedNewestSnapshot_fallsBackToTheOlderOne() throws IOException {
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).snapshotInterval(5).build())) {
      fill(sb, 8); // 10 entries: snapshots after entries 5 and 10
    }
    String newest = Format.snapshotName(10);
    assertThat(names()).contains(Format.snapshotName(5), newest);
    flip(dir.resolve(newest), Format.SNAPSHOT_HEADER + 2);
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      assertThat(itemIds(sb)).containsExactly("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7");
    }
    assertThat(names()).contains(newest + ".discarded");
  }

  @Test
  void fullDisk_failsTheCallAndStopsTheEngine_andRestartHoldsWhatWasWritten() {
    AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
    Journal journal = new FileJournal(new FullDisk(new FileStorage(dir), budget),
        Durability.SYNC, 0, 1 << 20, 0, 2, false);
    ManualSwitchboard sb = engine(journal);
    fill(sb, 3);
    budget.set(10); // the next record gets 10 bytes on disk, then "no space left"
    CompletionStage<Void> submit =
        sb.submit(WorkItem.builder("i3", Channel.CHAT).customer("c").build());
    sb.drain();
    Throwable t = catchThrowable(() -> submit.toCompletableFuture().join());
    assertThat(t).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(CommandRejectedException.class);
    CommandRejectedException e = (CommandRejectedException) t.getCause();
    assertThat(e.reason()).isEqualTo(Reason.ENGINE_FAILED);
    assertThat(e).hasMessageContaining("journal").hasRootCauseMessage("No space left on device");
    CompletionStage<Void> later = sb.cancel("i0");
    sb.drain();
    assertThat(catchThrowable(() -> later.toCompletableFuture().join()))
        .hasCauseInstanceOf(CommandRejectedException.class).hasMessageContaining("ENGINE_FAILED");
    sb.close();
    try (ManualSwitchboard restarted = engine(FileJournals.builder(dir).build())) {
      assertThat(itemIds(restarted)).containsExactly("i0", "i1", "i2");
    }
  }

  @Test
  void secondEngineOnTheSameDirectory_isRefused() {
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      fill(sb, 1);
      assertThatThrownBy(() -> engine(FileJournals.builder(dir).build()))
          .isInstanceOf(JournalException.class).hasMessageContaining("in use");
    }
  }

  @Test
  void journalOption_isSetOnce_andFileOptionsAreChecked() {
    assertThatThrownBy(() -> builder().journal(Journals.inMemory()).journal(Journals.inMemory()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("journal");
    assertThatThrownBy(() -> FileJournals.builder(dir).durability(Durability.SYNC)
        .durability(Durability.ASYNC)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("durability");
    assertThatThrownBy(() -> FileJournals.builder(dir).segmentBytes(100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmentBytes is 100");
    assertThatThrownBy(() -> FileJournals.builder(dir).groupCommitDelay(java.time.Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groupCommitDelay");
    assertThatThrownBy(() -> FileJournals.builder(dir).snapshotInterval(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshotInterval");
    assertThatThrownBy(() -> builder().journal(null)).isInstanceOf(NullPointerException.class);
    FileJournalBuilder refusedFirst = FileJournals.builder(dir);
    assertThatThrownBy(() -> refusedFirst.segmentBytes(100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> refusedFirst.snapshotsKept(1))
        .isInstanceOf(IllegalArgumentException.class);
    refusedFirst.segmentBytes(4096).snapshotsKept(3); // a refused value does not count as set
    assertThatThrownBy(() -> refusedFirst.segmentBytes(8192))
        .isInstanceOf(IllegalStateException.class).hasMessage("segmentBytes was already set");
  }

  @Test
  void journalInstance_servesOneEngineOnly() {
    Journal journal = FileJournals.builder(dir).build();
    engine(journal).close();
    assertThatThrownBy(() -> engine(journal)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already opened");
  }

  @Test
  void threadedEngine_recordsCallsFromManyThreads() throws Exception {
    int threads = 4;
    int perThread = 50;
    try (Switchboard sb = builder().journal(FileJournals.builder(dir).build()).build()) {
      Thread[] workers = new Thread[threads];
      for (int w = 0; w < threads; w++) {
        int id = w;
        workers[w] = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            sb.submit(WorkItem.builder("t" + id + "-" + i, Channel.CHAT).customer("c").build())
                .toCompletableFuture().join();
          }
        });
        workers[w].start();
      }
      for (Thread w : workers) {
        w.join();
      }
    }
    try (ManualSwitchboard sb = engine(FileJournals.builder(dir).build())) {
      assertThat(itemIds(sb)).hasSize(threads * perThread).doesNotHaveDuplicates();
    }
  }

  @Test
  void threadedEngine_completesStagesInTheOrderCommandsWereApplied() {
    List<Integer> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (Switchboard sb = builder().journal(FileJournals.builder(dir).build()).build()) {
      CompletionStage<?> last = null;
      for (int i = 0; i < 300; i++) {
        int n = i;
        // every third one is rejected (unknown item): it waits for the entries before it too
        CompletionStage<Void> stage = n % 3 == 2 ? sb.cancel("nope" + n)
            : sb.submit(WorkItem.builder("o" + n, Channel.EMAIL).customer("c").build());
        last = stage.handle((v, e) -> order.add(n));
      }
      last.toCompletableFuture().join();
    }
    assertThat(order).hasSize(300).isSorted();
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void flip(Path file, int offset) throws IOException {
    byte[] data = Files.readAllBytes(file);
    data[offset] ^= 0x40;
    Files.write(file, data);
  }

  /** Storage whose device fills up: writes beyond the byte budget fail after a short write. */
  private static final class FullDisk implements Storage {
    private final Storage real;
    private final AtomicLong budget;

    FullDisk(Storage real, AtomicLong budget) {
      this.real = real;
      this.budget = budget;
    }

    @Override
    public SegmentFile openForAppend(String name) throws IOException {
      SegmentFile file = real.openForAppend(name);
      return new SegmentFile() {
        @Override
        public long size() throws IOException {
          return file.size();
        }

        @Override
        public void append(ByteBuffer bytes) throws IOException {
          long left = budget.get();
          if (bytes.remaining() > left) {
            ByteBuffer part = bytes.duplicate();
            part.limit(part.position() + (int) left);
            file.append(part);
            budget.set(0);
            throw new IOException("No space left on device");
          }
          budget.addAndGet(-bytes.remaining());
          file.append(bytes);
        }

        @Override
        public void force() throws IOException {
          file.force();
        }

        @Override
        public void close() throws IOException {
          file.close();
        }
      };
    }

    @Override
    public String describe(String name) {
      return real.describe(name);
    }

    @Override
    public void lock() throws IOException {
      real.lock();
    }

    @Override
    public void unlock() throws IOException {
      real.unlock();
    }

    @Override
    public List<String> list() throws IOException {
      return real.list();
    }

    @Override
    public byte[] read(String name) throws IOException {
      return real.read(name);
    }

    @Override
    public void writeAtomically(String name, byte[] content) throws IOException {
      real.writeAtomically(name, content);
    }

    @Override
    public void truncate(String name, long size) throws IOException {
      real.truncate(name, size);
    }

    @Override
    public void rename(String from, String to) throws IOException {
      real.rename(from, to);
    }

    @Override
    public void delete(String name) throws IOException {
      real.delete(name);
    }
  }
}
