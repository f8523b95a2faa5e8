package dev.switchboard.journal.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalFencedException;
import dev.switchboard.journal.JournalSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for {@link Journal}s: extend it in your journal's tests, say how to make
 * an empty store and open a journal on it, and it checks the SPI's numbered rules. Each test's
 * name carries its rule ({@code required_rule3_...}); optional rules your harness does not claim
 * (crash simulation, store failure, damage, fencing) are skipped visibly with the reason, never
 * passed silently. A failure names the rule and says what was expected.
 *
 * <pre>{@code
 * class MyJournalTckTest extends JournalTck<String> {
 *   protected String createStore() { return "tenant-" + UUID.randomUUID(); }
 *   protected Journal openJournal(String domain) {
 *     return MyJournals.builder(dataSource).domain(domain).build();
 *   }
 * }
 * }</pre>
 *
 * <p>The TCK plays the engine: it calls {@code recover} once per journal, then {@code append} and
 * {@code snapshot} from one thread, in sequence order, and {@code close}. Every test gets a store
 * from {@link #createStore()}; each {@link #openJournal} on it is a restart of the host. Journals
 * a test leaves open are closed after it (not those it crashed). Waits last at most {@link
 * #patience()}; the random choices (crash points) come from a fixed seed, so a failure repeats.
 *
 * <p>Rules: 1 round trip, 2 sequence, 3 completion order, 4 close, 5 snapshots, 6 entry limit, 7
 * crash, 8 failure is final, 9 recover once; optional: 10 to 13 damage ({@link Damage}), 14 and
 * 15 fencing ({@link Fencing}).
 *
 * @param <S> what identifies a store to the harness: a directory, a database domain, an instance
 * @since 0.2
 */
public abstract class JournalTck<S> {

  /** The seed of the TCK's random choices; fixed, so that a failure repeats. */
  private static final long SEED = 20261215L;
  /** Entries of rule 3 and 4, appended without waiting. */
  private static final int IN_FLIGHT = 300;
  /** The largest entry limit rule 6 allocates an entry at. */
  private static final int LARGEST_TESTED_LIMIT = 64 << 20;

  private S store;
  private final List<Journal> opened = new ArrayList<>();
  private final Set<Journal> finished = Collections.newSetFromMap(new IdentityHashMap<>());

  /** For subclasses: a journal's TCK test. */
  protected JournalTck() {}

  // ------------------------------------------------------------------ what the author supplies

  /** A new, empty store for one test: a temporary directory, a fresh domain, a new instance. */
  protected abstract S createStore() throws Exception;

  /**
   * A journal on the store, not yet recovered, as a host starting an engine would build it. Each
   * call is a restart; a journal whose instance is its store (an in-memory journal) may return
   * the same instance every time and declare {@link #recoversAgain()}.
   */
  protected abstract Journal openJournal(S store) throws Exception;

  /** Releases the store after a test, once the TCK closed what it left open. */
  protected void disposeStore(S store) throws Exception {}

  /** What the journals of {@link #openJournal} promise; {@link Durability#SYNC} by default. */
  protected Durability durability() {
    return Durability.SYNC;
  }

  /**
   * Whether the journal keeps snapshots (true by default). A journal that ignores them, as the
   * SPI allows, must then hand over every entry from 1; say false for it.
   */
  protected boolean storesSnapshots() {
    return true;
  }

  /**
   * Whether one journal instance may be recovered again, handing over the same contents; false
   * by default, when a second {@code recover} must throw (rule 9). True only for journals that
   * outlive their engine, like {@code Journals.inMemory()}.
   */
  protected boolean recoversAgain() {
    return false;
  }

  /** Whether the harness can stop a journal as a crash would, for rule 7; override with crash. */
  protected boolean simulatesCrash() {
    return false;
  }

  /**
   * Stops the journal at once, as a crash of its host (or of the machine) would: the store keeps
   * what the journal made durable and nothing else (what was only buffered is lost), and the
   * journal writes nothing more. The TCK never calls the journal again; release what it holds
   * that another process would not see (a lock), so that {@link #openJournal} opens the store.
   * Called while appends are in flight.
   */
  protected void crash(S store, Journal journal) throws Exception {
    throw new UnsupportedOperationException("override crash(...) with simulatesCrash()");
  }

  /** Whether the harness can make the store fail on demand, for rule 8; override failStore. */
  protected boolean failsOnDemand() {
    return false;
  }

  /**
   * Makes the store fail from now on, as a full disk or a database gone away would: every write
   * the journal tries fails. {@link #repairStore} undoes it.
   */
  protected void failStore(S store, Journal journal) throws Exception {
    throw new UnsupportedOperationException("override failStore(...) with failsOnDemand()");
  }

  /** Lets the store work again after {@link #failStore}. */
  protected void repairStore(S store) throws Exception {}

  /**
   * What the journal documents that {@code recover} does after the damage, or empty (the default)
   * when the harness cannot damage the store that way: the damage rule is then skipped visibly.
   */
  protected Optional<DamageOutcome> damageOutcome(Damage damage) {
    return Optional.empty();
  }

  /**
   * Damages the closed store: {@link Damage#TORN_LAST_ENTRY} and the entry ones at the entry with
   * this sequence, {@link Damage#CORRUPT_NEWEST_SNAPSHOT} at the snapshot after it. Called only
   * for damage {@link #damageOutcome} names an outcome for.
   */
  protected void damage(S store, Damage damage, long sequence) throws Exception {
    throw new UnsupportedOperationException("override damage(...) with damageOutcome(...)");
  }

  /** How the journal keeps two writers off one store; {@link Fencing#NONE} by default. */
  protected Fencing fencing() {
    return Fencing.NONE;
  }

  /** How long the TCK waits for a stage, a close or a failure; ten seconds by default. */
  protected Duration patience() {
    return Duration.ofSeconds(10);
  }

  // ------------------------------------------------------------------ fixture

  @BeforeEach
  final void createStoreUnderTest() throws Exception {
    store = createStore();
    assertThat(store).as("createStore() returned null").isNotNull();
  }

  @AfterEach
  final void disposeStoreUnderTest() throws Exception {
    try {
      for (Journal j : opened) {
        if (!finished.contains(j)) {
          finished.add(j);
          closeWithin(j, "after the test");
        }
      }
    } finally {
      opened.clear();
      disposeStore(store);
    }
  }

  /** The store of the current test. */
  protected final S store() {
    return store;
  }

  // ------------------------------------------------------------------ rule 1

  @Test
  void required_rule1_recoverHandsBackEveryEntryByteForByte() throws Exception {
    String rule = "rule 1 (round trip)";
    Journal first = open();
    Recovered empty = recover(first, rule);
    assertThat(empty.snapshot()).as(rule + ": a new store handed over a snapshot").isEmpty();
    assertThat(empty.entries()).as(rule + ": a new store handed over entries").isEmpty();
    int limit = first.maxEntryBytes();
    List<byte[]> payloads = new ArrayList<>();
    payloads.add(new byte[0]);
    byte[] every = new byte[256];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) i;
    }
    payloads.add(every);
    payloads.add(new byte[] {1, 0, 0});
    payloads.add("héllo ✓ 😀 \u0000 end".getBytes(StandardCharsets.UTF_8));
    byte[] large = new byte[Math.min(64 << 10, limit)];
    new Random(SEED).nextBytes(large);
    payloads.add(large);
    for (long seq = payloads.size() + 1; seq <= 40; seq++) {
      payloads.add(payload(seq));
    }
    List<byte[]> copies = payloads.stream().map(byte[]::clone).toList();
    for (int i = 0; i < payloads.size(); i++) {
      appendAndWait(first, i + 1, payloads.get(i), rule);
    }
    for (int i = 0; i < payloads.size(); i++) {
      assertThat(payloads.get(i)).as(rule + ": the journal changed the array handed to append"
          + " with entry " + (i + 1) + "; it must leave it as it was").isEqualTo(copies.get(i));
    }
    close(first, rule);

    Journal second = open();
    expectEntries(recover(second, rule), 1, copies, rule + ": after close and reopen");
    long next = copies.size() + 1;
    appendAndWait(second, next, payload(next), rule + " (appending after a reopen)");
    close(second, rule);
    List<byte[]> all = new ArrayList<>(copies);
    all.add(payload(next));
    expectEntries(recover(open(), rule), 1, all, rule + ": after a second reopen");
  }

  // ------------------------------------------------------------------ rule 2

  @Test
  void required_rule2_aSequenceGapOrRepeatIsRefused() throws Exception {
    String rule = "rule 2 (sequence)";
    Journal journal = open();
    recover(journal, rule);
    refused(journal, 2, rule, "entry 2 appended to an empty journal (where 1 is next)");
    appendAndWait(journal, 1, payload(1), rule);
    refused(journal, 1, rule, "entry 1 appended a second time");
    refused(journal, 3, rule, "entry 3 appended after entry 1");
    appendAndWait(journal, 2, payload(2), rule);
    close(journal, rule);

    Journal reopened = open();
    expectEntries(recover(reopened, rule), 1, payloads(1, 2), rule
        + ": after refused appends, close and reopen");
    refused(reopened, 2, rule, "entry 2 appended again after a reopen");
    refused(reopened, 4, rule, "entry 4 appended after a reopen at entry 2");
    appendAndWait(reopened, 3, payload(3), rule);
    close(reopened, rule);
    expectEntries(recover(open(), rule), 1, payloads(1, 3), rule + ": after a second reopen");
  }

  // ------------------------------------------------------------------ rule 3

  @Test
  void required_rule3_stagesCompleteInAppendOrder() throws Exception {
    String rule = "rule 3 (completion order)";
    Journal journal = open();
    recover(journal, rule);
    Queue<String> disorder = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<Void>> stages = new ArrayList<>();
    for (long seq = 1; seq <= IN_FLIGHT; seq++) {
      CompletableFuture<Void> stage = append(journal, seq, payload(seq));
      CompletableFuture<Void> before = stages.isEmpty() ? null : stages.get(stages.size() - 1);
      long s = seq;
      stage.whenComplete((v, e) -> {
        if (before != null && !before.isDone()) {
          disorder.add("the stage of entry " + s + " completed while that of entry " + (s - 1)
              + " was still pending");
        } else if (before != null && e == null && before.isCompletedExceptionally()) {
          disorder.add("the stage of entry " + s + " succeeded after that of entry " + (s - 1)
              + " failed");
        }
      });
      stages.add(stage);
    }
    for (int i = 0; i < stages.size(); i++) {
      await(stages.get(i), rule, "the stage of entry " + (i + 1));
    }
    assertThat(disorder).as(rule + ": stages must complete in the order of their entries, each"
        + " only once every earlier one has").isEmpty();
    close(journal, rule);
    expectEntries(recover(open(), rule), 1, payloads(1, IN_FLIGHT), rule + ": after reopen");
  }

  // ------------------------------------------------------------------ rule 4

  @Test
  void required_rule4_closeMakesEverythingDurableAndCompletesPendingStages() throws Exception {
    String rule = "rule 4 (close)";
    Journal journal = open();
    recover(journal, rule);
    List<CompletableFuture<Void>> stages = new ArrayList<>();
    for (long seq = 1; seq <= IN_FLIGHT; seq++) {
      stages.add(append(journal, seq, payload(seq)));
    }
    close(journal, rule);
    for (int i = 0; i < stages.size(); i++) {
      CompletableFuture<Void> stage = stages.get(i);
      if (!stage.isDone()) {
        fail(rule + ": close() returned while the stage of entry " + (i + 1) + " was still"
            + " pending; close must complete every pending stage");
      }
      if (stage.isCompletedExceptionally()) {
        fail(rule + ": the stage of entry " + (i + 1) + " failed on close (" + cause(stage)
            + "); close must make everything appended durable");
      }
    }
    expectEntries(recover(open(), rule), 1, payloads(1, IN_FLIGHT), rule
        + ": after closing with every stage pending");
  }

  // ------------------------------------------------------------------ rule 5

  @Test
  void required_rule5_recoverHandsTheNewestSnapshotThenTheEntriesAfterIt() throws Exception {
    String rule = "rule 5 (snapshots)";
    writeWithSnapshots(10, rule, 4, 7);

    Journal second = open();
    Recovered after10 = recover(second, rule);
    expectSnapshotThenEntries(after10, 7, state(7), 10, rule + ": after snapshots at 4 and 7");
    appendAndWait(second, 11, payload(11), rule + " (appending after a snapshot)");
    second.snapshot(new JournalSnapshot(11, new byte[0]));
    close(second, rule);

    Journal third = open();
    Recovered after11 = recover(third, rule);
    expectSnapshotThenEntries(after11, 11, new byte[0], 11, rule
        + ": after an empty snapshot at the last entry");
    appendAndWait(third, 12, payload(12), rule + " (appending after a snapshot of everything)");
    close(third, rule);
    expectSnapshotThenEntries(recover(open(), rule), 11, new byte[0], 12, rule
        + ": after the entry that followed a snapshot of everything");
  }

  /** On a new journal: entries 1 to {@code last}, a snapshot after each of {@code at}; closes. */
  private void writeWithSnapshots(long last, String rule, long... at) throws Exception {
    Journal journal = open();
    recover(journal, rule);
    for (long seq = 1; seq <= last; seq++) {
      appendAndWait(journal, seq, payload(seq), rule);
      for (long a : at) {
        if (a == seq) {
          journal.snapshot(new JournalSnapshot(seq, state(seq)));
        }
      }
    }
    close(journal, rule);
  }

  private void expectSnapshotThenEntries(Recovered got, long snapshotAt, byte[] state, long last,
      String what) {
    if (!storesSnapshots()) {
      assertThat(got.snapshot()).as(what + ": the harness says the journal stores no snapshot,"
          + " yet recover handed one").isEmpty();
      expectEntries(got, 1, payloads(1, last), what);
      return;
    }
    assertThat(got.snapshot()).as(what + ": recover handed no snapshot; it must hand the newest"
        + " one (override storesSnapshots() for a journal that ignores them)").isPresent();
    JournalSnapshot snapshot = got.snapshot().get();
    assertThat(snapshot.sequence()).as(what + ": recover handed the snapshot after entry "
        + snapshot.sequence() + "; the newest is after entry " + snapshotAt)
        .isEqualTo(snapshotAt);
    assertThat(snapshot.state()).as(what + ": the snapshot's state came back changed")
        .isEqualTo(state);
    expectEntries(got, snapshotAt + 1, payloads(snapshotAt + 1, last), what);
  }

  // ------------------------------------------------------------------ rule 6

  @Test
  void required_rule6_anEntryOverMaxEntryBytesIsRefused_andOneAtTheLimitKept() throws Exception {
    String rule = "rule 6 (entry limit)";
    Journal journal = open();
    recover(journal, rule);
    int limit = journal.maxEntryBytes();
    assumeTrue(limit < Integer.MAX_VALUE,
        "rule 6 (entry limit) skipped: maxEntryBytes() sets no limit");
    assumeTrue(limit <= LARGEST_TESTED_LIMIT, "rule 6 (entry limit) skipped: the limit, " + limit
        + " bytes, is over the " + LARGEST_TESTED_LIMIT + " the TCK allocates");
    appendAndWait(journal, 1, payload(1), rule);
    byte[] atLimit = new byte[limit];
    for (int i = 0; i < limit; i++) {
      atLimit[i] = (byte) (i % 251 + 1);
    }
    appendAndWait(journal, 2, atLimit, rule + " (an entry of exactly maxEntryBytes(), " + limit
        + " bytes)");
    refused(journal, 3, new byte[limit + 1], rule, "an entry of " + (limit + 1)
        + " bytes, over maxEntryBytes() " + limit + ",");
    close(journal, rule);
    expectEntries(recover(open(), rule), 1, List.of(payload(1), atLimit), rule
        + ": after an entry over the limit was refused");
  }

  // ------------------------------------------------------------------ rule 7

  @Test
  void required_rule7_aCrashKeepsEveryEntryWhoseStageCompleted() throws Exception {
    String rule = "rule 7 (crash)";
    assumeTrue(simulatesCrash(), "rule 7 (crash) skipped: the harness cannot stop the journal"
        + " abruptly (override simulatesCrash() and crash(...))");
    Random random = new Random(SEED);
    Map<Long, byte[]> written = new HashMap<>();
    long confirmed = 0;
    long appended = 0;
    for (int round = 1; round <= 6; round++) {
      String when = rule + ": after crash " + (round - 1);
      Journal journal = open();
      long held = checkPrefix(recover(journal, rule), written, appended, confirmed, when);
      int count = 20 + random.nextInt(200);
      int waitFor = random.nextInt(count);
      List<CompletableFuture<Void>> stages = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        long seq = held + i;
        byte[] p = crashPayload(round, seq, random);
        written.put(seq, p);
        stages.add(append(journal, seq, p));
      }
      await(stages.get(waitFor), rule, "the stage of entry " + (held + waitFor + 1)
          + " (before crash " + round + ")");
      crash(store, journal);
      finished.add(journal);
      appended = held + count;
      confirmed = held;
      for (int i = 0; i < count; i++) {
        CompletableFuture<Void> s = stages.get(i);
        if (s.isDone() && !s.isCompletedExceptionally()) {
          confirmed = held + i + 1;
        }
      }
    }
    Journal last = open();
    checkPrefix(recover(last, rule), written, appended, confirmed, rule + ": after crash 6");
  }

  /**
   * Checks that a recovery after a crash holds a gap-free prefix of what was appended, reaching
   * at least the last confirmed entry where the journal is SYNC; returns its last sequence.
   */
  private long checkPrefix(Recovered got, Map<Long, byte[]> written, long appended,
      long confirmed, String when) {
    assertThat(got.snapshot()).as(when + ": recover handed a snapshot, but none was taken")
        .isEmpty();
    long expected = 1;
    for (JournalEntry e : got.entries()) {
      if (e.sequence() != expected) {
        fail(when + ": recover handed entry " + e.sequence() + " where " + expected
            + " was next; it must hand a gap-free run from entry 1");
      }
      if (e.sequence() > appended) {
        fail(when + ": recover handed entry " + e.sequence() + ", but only " + appended
            + " were appended");
      }
      if (!Arrays.equals(e.payload(), written.get(e.sequence()))) {
        fail(when + ": entry " + e.sequence() + " came back as " + hex(e.payload())
            + " where " + hex(written.get(e.sequence())) + " was appended");
      }
      expected++;
    }
    long held = expected - 1;
    if (durability() == Durability.SYNC && held < confirmed) {
      fail(when + ": the stage of entry " + confirmed + " had completed before the crash, but the"
          + " reopened journal holds " + (held == 0 ? "no entry" : "entries 1 to " + held)
          + "; with SYNC a stage may complete only once its entry is durable");
    }
    return held;
  }

  private static byte[] crashPayload(int round, long seq, Random random) {
    byte[] tail = new byte[random.nextInt(48)];
    random.nextBytes(tail);
    byte[] head = ("crash round " + round + " entry " + seq + " ")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] p = Arrays.copyOf(head, head.length + tail.length + 1);
    System.arraycopy(tail, 0, p, head.length, tail.length);
    p[p.length - 1] = '.';
    return p;
  }

  // ------------------------------------------------------------------ rule 8

  @Test
  void required_rule8_afterAFailedAppendEveryLaterAppendFails() throws Exception {
    String rule = "rule 8 (failure is final)";
    assumeTrue(failsOnDemand(), "rule 8 (failure is final) skipped: the harness cannot make the"
        + " store fail (override failsOnDemand() and failStore(...))");
    Journal journal = open();
    recover(journal, rule);
    for (long seq = 1; seq <= 3; seq++) {
      appendAndWait(journal, seq, payload(seq), rule);
    }
    failStore(store, journal);
    long failedAt;
    try {
      failedAt = firstFailure(journal, 4, rule, "after the store failed");
    } finally {
      repairStore(store);
    }
    for (long seq = failedAt + 1; seq <= failedAt + 5; seq++) {
      refused(journal, seq, rule, "entry " + seq + ", appended after entry " + failedAt
          + " had failed (and the store works again),");
    }
    close(journal, rule);
    Map<Long, byte[]> written = new HashMap<>();
    for (long seq = 1; seq <= failedAt; seq++) {
      written.put(seq, payload(seq)); // the failed entry may or may not have been stored
    }
    checkPrefix(recover(open(), rule), written, failedAt, 3, rule
        + ": after the failure and a reopen");
  }

  /**
   * Appends from {@code from} on until an append fails; with SYNC each stage is awaited, with
   * ASYNC the journal is polled within the patience. Returns the sequence that failed.
   */
  private long firstFailure(Journal journal, long from, String rule, String when) {
    long deadline = System.nanoTime() + patience().toNanos();
    for (long seq = from; ; seq++) {
      Ending end = waitFor(append(journal, seq, payload(seq)));
      if (end.failure() != null) {
        return seq;
      }
      if (end.timedOut()) {
        fail(rule + ": the stage of entry " + seq + " neither completed nor failed within "
            + patience() + " " + when);
      }
      if (System.nanoTime() > deadline) {
        fail(rule + ": no append failed within " + patience() + " " + when + "; entries " + from
            + " to " + seq + " were all confirmed");
      }
      if (durability() == Durability.ASYNC) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // let the writer find out
      }
    }
  }

  // ------------------------------------------------------------------ rule 9

  @Test
  void required_rule9_aSecondRecoverIsRefused_unlessDeclaredRepeatable() throws Exception {
    String rule = "rule 9 (recover once)";
    Journal journal = open();
    recover(journal, rule);
    appendAndWait(journal, 1, payload(1), rule);
    appendAndWait(journal, 2, payload(2), rule);
    if (recoversAgain()) {
      expectEntries(recover(journal, rule), 1, payloads(1, 2), rule + ": a journal declared to"
          + " recover again (recoversAgain()) must hand over the same contents");
    } else {
      List<Object> handed = new ArrayList<>();
      Throwable thrown = null;
      try {
        journal.recover(new Journal.Recovery() {
          @Override
          public void snapshot(JournalSnapshot snapshot) {
            handed.add(snapshot);
          }

          @Override
          public void entry(JournalEntry entry) {
            handed.add(entry);
          }
        });
      } catch (RuntimeException e) {
        thrown = e;
      }
      if (thrown == null) {
        fail(rule + ": a second recover() on one journal returned normally; it must throw (an"
            + " instance serves one engine), or the harness must declare recoversAgain()");
      }
      assertThat(handed).as(rule + ": the refused second recover() handed over "
          + handed.size() + " items first").isEmpty();
    }
    appendAndWait(journal, 3, payload(3), rule + " (appending after the second recover())");
    close(journal, rule);
    expectEntries(recover(open(), rule), 1, payloads(1, 3), rule + ": after reopen");
  }

  // ------------------------------------------------------------------ rules 10 to 13: damage

  @Test
  void optional_rule10_aTornLastEntryIsHandledAsDocumented() throws Exception {
    checkDamage(Damage.TORN_LAST_ENTRY, "rule 10 (torn last entry)", 20);
  }

  @Test
  void optional_rule11_aCorruptEntryIsHandledAsDocumented() throws Exception {
    checkDamage(Damage.CORRUPT_ENTRY, "rule 11 (corrupt entry)", 15);
  }

  @Test
  void optional_rule12_aMissingEntryIsHandledAsDocumented() throws Exception {
    checkDamage(Damage.MISSING_ENTRY, "rule 12 (missing entry)", 15);
  }

  @Test
  void optional_rule13_aCorruptNewestSnapshotIsHandledAsDocumented() throws Exception {
    checkDamage(Damage.CORRUPT_NEWEST_SNAPSHOT, "rule 13 (corrupt snapshot)", 10);
  }

  /**
   * Writes entries 1 to 20 with snapshots after 5 and 10, closes, damages the store at {@code
   * target} and checks that recovery does what the harness documents, handing over no changed
   * byte and no gap.
   */
  private void checkDamage(Damage damage, String rule, long target) throws Exception {
    Optional<DamageOutcome> documented = damageOutcome(damage);
    assumeTrue(documented.isPresent(), rule + " skipped: the harness does not damage the store"
        + " this way (damageOutcome(" + damage + ") is empty)");
    writeWithSnapshots(20, rule, 5, 10);
    damage(store, damage, target);
    Journal reopened = open();
    String what = rule + ": after " + damage + " at " + target + ", documented as "
        + documented.get();
    switch (documented.get()) {
      case REFUSED -> {
        Recovered got = null;
        try {
          got = Recovered.from(reopened);
        } catch (JournalException expected) {
          return;
        } catch (RuntimeException e) {
          fail(what + ": recover threw " + e + "; it must throw JournalException", e);
        }
        fail(what + ": recover handed over " + got.describe() + " instead of throwing"
            + " JournalException");
      }
      case CUT_BEFORE_DAMAGE -> {
        Recovered got = recover(reopened, what);
        expectSnapshotThenEntries(got, 10, state(10), target - 1, what);
        byte[] again = ("again " + target).getBytes(StandardCharsets.US_ASCII);
        appendAndWait(reopened, target, again, what + " (appending where the damage was)");
        close(reopened, what);
        long from = storesSnapshots() ? 11 : 1;
        List<byte[]> after = new ArrayList<>(payloads(from, target - 1));
        after.add(again);
        expectEntries(recover(open(), what), from, after, what + ", then an append and a reopen");
      }
      case RECOVERED_IN_FULL -> {
        Recovered got = recover(reopened, what);
        long from = got.snapshot().map(JournalSnapshot::sequence).orElse(0L);
        if (got.snapshot().isPresent() && !(from == 5 || from == 10)) {
          fail(what + ": recover handed a snapshot after entry " + from + ", which was never"
              + " taken");
        }
        if (from > 0) {
          assertThat(got.snapshot().get().state()).as(what + ": the snapshot after entry " + from
              + " came back changed; a damaged snapshot must not be handed over")
              .isEqualTo(state(from));
        }
        expectEntries(got, from + 1, payloads(from + 1, 20), what);
      }
      default -> throw new AssertionError(documented.get());
    }
  }

  // ------------------------------------------------------------------ rules 14, 15: fencing

  @Test
  void optional_rule14_aSecondWriterIsRefusedWhileTheFirstHoldsTheStore() throws Exception {
    String rule = "rule 14 (exclusive writer)";
    assumeTrue(fencing() == Fencing.EXCLUSIVE, rule + " skipped: the harness declares fencing() "
        + fencing());
    Journal first = open();
    recover(first, rule);
    appendAndWait(first, 1, payload(1), rule);
    Journal second = open();
    Recovered stolen = null;
    try {
      stolen = Recovered.from(second);
    } catch (JournalException expected) {
      // refused, as it must be
    }
    if (stolen != null) {
      fail(rule + ": a second journal recovered the store (" + stolen.describe() + ") while the"
          + " first held it; it must throw JournalException");
    }
    appendAndWait(first, 2, payload(2), rule + " (the first writer, after the second was"
        + " refused)");
    close(first, rule);
    expectEntries(recover(open(), rule), 1, payloads(1, 2), rule + ": after the first closed");
  }

  @Test
  void optional_rule15_aNewerWriterFencesTheOlderOne() throws Exception {
    String rule = "rule 15 (fencing)";
    assumeTrue(fencing() == Fencing.EPOCH, rule + " skipped: the harness declares fencing() "
        + fencing());
    Journal older = open();
    recover(older, rule);
    for (long seq = 1; seq <= 3; seq++) {
      appendAndWait(older, seq, payload(seq), rule);
    }
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    for (long seq = 4; seq <= 40; seq++) {
      inFlight.add(append(older, seq, payload(seq)));
    }
    Journal newer = open();
    Recovered taken = recover(newer, rule);
    for (int i = 0; i < inFlight.size(); i++) {
      settle(inFlight.get(i), rule, "the older writer's stage of entry " + (i + 4));
    }
    long held = taken.nextSequence() - 1;
    expectEntries(taken, 1, payloads(1, held), rule + ": the newer writer's recovery");
    for (int i = 0; i < inFlight.size(); i++) {
      CompletableFuture<Void> s = inFlight.get(i);
      if (!s.isCompletedExceptionally() && durability() == Durability.SYNC && i + 4 > held) {
        fail(rule + ": the older writer's stage of entry " + (i + 4) + " completed, but the"
            + " newer writer recovered only up to entry " + held + "; what the older one"
            + " confirms must be what the newer one finds");
      }
    }
    long failedAt = firstFailure(older, 41, rule, "after a newer writer recovered the store");
    Throwable refusal = waitFor(append(older, failedAt + 1, payload(failedAt + 1))).failure();
    if (!fencedIn(refusal)) {
      fail(rule + ": entry " + (failedAt + 1) + " of the older writer failed with " + refusal
          + "; a writer fenced off by a newer one must say so with a JournalFencedException (in"
          + " the failure or its causes), so that the engine can answer NOT_LEADER");
    }
    byte[] mine = ("newer " + (held + 1)).getBytes(StandardCharsets.US_ASCII);
    appendAndWait(newer, held + 1, mine, rule + " (the newer writer, after entry " + failedAt
        + " of the older one failed)");
    close(newer, rule);
    close(older, rule);
    List<byte[]> expected = new ArrayList<>(payloads(1, held));
    expected.add(mine);
    expectEntries(recover(open(), rule), 1, expected, rule + ": after both closed (nothing the"
        + " older writer appended after the takeover may be kept)");
  }

  // ------------------------------------------------------------------ helpers

  /** A journal on the test's store, closed after the test if still open. */
  private Journal open() throws Exception {
    Journal journal = openJournal(store);
    assertThat(journal).as("openJournal() returned null").isNotNull();
    if (!opened.contains(journal)) {
      opened.add(journal);
    }
    finished.remove(journal);
    return journal;
  }

  private Recovered recover(Journal journal, String rule) {
    try {
      return Recovered.from(journal);
    } catch (AssertionError e) {
      throw new AssertionError(rule + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new AssertionError(rule + ": recover() threw " + e, e);
    }
  }

  private void close(Journal journal, String rule) {
    finished.add(journal);
    closeWithin(journal, rule);
  }

  private void closeWithin(Journal journal, String rule) {
    CompletableFuture<Void> closed = CompletableFuture.runAsync(journal::close, r -> {
      Thread t = new Thread(r, "tck-close");
      t.setDaemon(true);
      t.start();
    });
    await(closed, rule, "close()");
  }

  /** Appends; a refusal thrown by append becomes a failed stage. */
  private static CompletableFuture<Void> append(Journal journal, long seq, byte[] payload) {
    try {
      CompletionStage<Void> stage = journal.append(new JournalEntry(seq, payload));
      if (stage == null) {
        return CompletableFuture.failedFuture(new AssertionError("append(" + seq
            + ") returned null"));
      }
      return stage.toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void appendAndWait(Journal journal, long seq, byte[] payload, String rule) {
    await(append(journal, seq, payload), rule, "appending entry " + seq + " (" + payload.length
        + " bytes)");
  }

  private void refused(Journal journal, long seq, String rule, String what) {
    refused(journal, seq, payload(seq), rule, what);
  }

  private void refused(Journal journal, long seq, byte[] payload, String rule, String what) {
    Ending end = waitFor(append(journal, seq, payload));
    if (end.timedOut()) {
      fail(rule + ": " + what + " was neither accepted nor refused within " + patience());
    }
    if (end.failure() == null) {
      fail(rule + ": " + what + " was accepted; append must refuse it (throw, or fail its"
          + " stage)");
    }
  }

  private void await(CompletableFuture<?> stage, String rule, String what) {
    Ending end = waitFor(stage);
    if (end.timedOut()) {
      fail(rule + ": " + what + " did not complete within " + patience());
    }
    if (end.failure() != null) {
      fail(rule + ": " + what + " failed: " + end.failure(), end.failure());
    }
  }

  /** Waits until the stage completed or failed, either being fine. */
  private void settle(CompletableFuture<?> stage, String rule, String what) {
    if (waitFor(stage).timedOut()) {
      fail(rule + ": " + what + " neither completed nor failed within " + patience());
    }
  }

  /** How a stage ended: completed (no failure), failed, or not within the patience. */
  private record Ending(Throwable failure, boolean timedOut) {}

  private static boolean fencedIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JournalFencedException) {
        return true;
      }
    }
    return false;
  }

  private Ending waitFor(CompletableFuture<?> stage) {
    try {
      stage.get(patience().toMillis(), TimeUnit.MILLISECONDS);
      return new Ending(null, false);
    } catch (ExecutionException e) {
      return new Ending(e.getCause() == null ? e : e.getCause(), false);
    } catch (TimeoutException e) {
      return new Ending(null, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Ending(e, false);
    }
  }

  private void expectEntries(Recovered got, long first, List<byte[]> payloads, String what) {
    List<JournalEntry> entries = got.entries();
    long last = first + payloads.size() - 1;
    String wanted = payloads.isEmpty() ? "no entry" : "entries " + first + " to " + last;
    for (int i = 0; i < Math.max(entries.size(), payloads.size()); i++) {
      long seq = first + i;
      if (i >= entries.size()) {
        fail(what + ": recover handed over " + got.describe() + "; expected " + wanted
            + " (entry " + seq + " is missing)");
      }
      JournalEntry e = entries.get(i);
      if (i >= payloads.size() || e.sequence() != seq) {
        fail(what + ": recover handed over " + got.describe() + "; expected " + wanted
            + " (found entry " + e.sequence() + " where " + (i >= payloads.size() ? "none"
            : "entry " + seq) + " belongs)");
      }
      if (!Arrays.equals(e.payload(), payloads.get(i))) {
        fail(what + ": entry " + seq + " came back as " + hex(e.payload()) + " where "
            + hex(payloads.get(i)) + " was appended");
      }
    }
  }

  /** The payload the TCK appends as entry {@code seq}, unless a rule needs others. */
  private static byte[] payload(long seq) {
    StringBuilder s = new StringBuilder("entry ").append(seq).append(':');
    for (int i = 0; i < seq % 23; i++) {
      s.append(' ').append(Long.toString(seq * 31 + i, 36));
    }
    return s.append('.').toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static List<byte[]> payloads(long from, long to) {
    List<byte[]> list = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      list.add(payload(seq));
    }
    return list;
  }

  private static byte[] state(long seq) {
    return ("state after entry " + seq + " \u00e9\u00e8").getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] bytes) {
    if (bytes == null) {
      return "nothing";
    }
    StringBuilder s = new StringBuilder().append(bytes.length).append(" bytes [");
    for (int i = 0; i < Math.min(bytes.length, 24); i++) {
      s.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
    }
    return s.append(bytes.length > 24 ? " ...]" : "]").toString();
  }

  private static String cause(CompletableFuture<?> failed) {
    try {
      failed.getNow(null);
      return "no failure";
    } catch (RuntimeException e) {
      return String.valueOf(e.getCause());
    }
  }
}
