package dev.switchboard.journal.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.testing.ChildJvm;
import dev.switchboard.testing.RecoveredChannels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real host of a channel adapter (a child JVM running {@link ChannelCrashChild}) with
 * SIGKILL at seeded random points, while customers' messages and agents' replies are in flight,
 * many times over one journal directory and one upstream (a {@link FolderChannelAdapter}'s inbox
 * and outbox, which outlive each host); every start recovers the journal and is redelivered the
 * messages left in the inbox. After each kill the journal is recovered twice, as a restart does
 * (from the newest snapshot) and from entry 1 with every routing and every delivery recorded,
 * and:
 *
 * <ul>
 *   <li>no customer's message was routed twice, across all redeliveries;
 *   <li>every message the adapter acknowledged upstream (deleted) was routed exactly once, and
 *       its key is remembered, so that a redelivery is answered as a duplicate;
 *   <li>the restart's state (items, outbox, remembered keys, dead letters) equals the whole
 *       replay's;
 *   <li>every reply whose stage completed is known under its delivery id with its body; no
 *       delivery id names two bodies and no body went out under two ids; every file in the
 *       outbox is a reply the journal knows, with its body;
 *   <li>every item whose complete completed is finished.
 * </ul>
 *
 * <p>A last, clean run lets the inbox and the retries drain; then every message written into the
 * inbox was routed exactly once and every reply the journal holds is in the outbox.
 *
 * <p>8 kills in the normal run; {@code -Dswitchboard.crash.channelRuns=80} (or any number) for the
 * long run, part of the crash campaign in docs/durability.md.
 */
class ChannelCrashTest {

  private static final long SEED = 20261214L;
  private static final int RUNS = Integer.getInteger("switchboard.crash.channelRuns", 8);

  @TempDir
  Path dir;

  /** What the children printed, over all runs. */
  private final Set<String> written = new LinkedHashSet<>();
  private final Set<String> acknowledged = new LinkedHashSet<>();
  private final Set<String> duplicates = new LinkedHashSet<>();
  private final Map<String, String> replies = new LinkedHashMap<>();
  private final List<String> idsReused = new ArrayList<>();
  private final Set<String> completed = new LinkedHashSet<>();
  private boolean closed;

  @Test
  void sigkillWithMessagesAndRepliesInFlight_losesNone_routesEachOnce_repliesUnderOneId()
      throws Exception {
    Random random = new Random(SEED);
    Path journal = dir.resolve("journal");
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path outbox = Files.createDirectories(dir.resolve("outbox"));
    RecoveredChannels last = null;
    for (int run = 0; run <= RUNS; run++) {
      boolean drain = run == RUNS;
      int killAfter = drain ? -1 : random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(400);
      Path log = dir.resolve("child-" + run + ".log");
      ChildJvm.Run child = ChildJvm.run(ChannelCrashChild.class, List.of(journal.toString(),
          inbox.toString(), outbox.toString(), "r" + run, Long.toString(random.nextLong()),
          drain ? "drain" : "crash"), log, killAfter, Duration.ofMinutes(2), this::record);
      String where = (drain ? "after the clean run " : "after run " + run + ", killed after "
          + killAfter + " lines") + " (seed " + SEED + "; child stderr: " + child.stderrTail()
          + ")";
      assertThat(child.lines()).as(where + ": printed READY").isPositive();
      if (drain) {
        assertThat(closed && child.exitCode() == 0).as(where + ": drained and closed").isTrue();
      } else {
        assertThat(child.killed() && !child.timedOut()).as(where + ": killed at its point")
            .isTrue();
      }
      last = check(journal, inbox, outbox, where);
    }
    String where = "at the end";
    assertThat(FolderChannelAdapter.waiting(inbox)).as(where + ": the inbox is empty").isZero();
    for (String key : written) {
      assertThat(last.routed().get(key)).as(where + ": message %s, written, routed", key)
          .isEqualTo(1);
    }
    assertThat(last.outbox()).as(where + ": every reply delivered").isEmpty();
    Map<String, String> delivered = outboxFiles(outbox);
    last.replies().forEach((id, bodies) -> assertThat(delivered.get(id))
        .as(where + ": the delivered reply %s", id).isEqualTo(first(bodies)));
    assertThat(replies).as("the runs made replies").hasSizeGreaterThan(RUNS);
    assertThat(completed).as("the runs completed work").isNotEmpty();
    System.out.printf("channel crash test: %d kills and a clean run; %d messages written, %d"
        + " acknowledged (%d redeliveries answered as duplicates), %d routed, each once; %d"
        + " replies confirmed, %d delivered, each under one id; %d completes confirmed%n", RUNS,
        written.size(), acknowledged.size(), duplicates.size(), last.routed().size(),
        replies.size(), delivered.size(), completed.size());
  }

  private void record(String line) {
    String[] f = line.split(" ", 3);
    switch (f[0]) {
      case "W" -> written.add(f[1]);
      case "A" -> {
        acknowledged.add(f[1]);
        if (f[2].equals("DUPLICATE")) {
          duplicates.add(f[1]);
        }
      }
      case "R" -> {
        String before = replies.putIfAbsent(f[1], f[2]);
        if (before != null) {
          idsReused.add(f[1] + " named '" + before + "' and '" + f[2] + "'");
        }
      }
      case "C" -> completed.add(f[1]);
      case "CLOSED" -> closed = true;
      default -> { }
    }
  }

  private RecoveredChannels check(Path journal, Path inbox, Path outbox, String where)
      throws IOException {
    RecoveredChannels whole = recover(segmentsOnly(journal), inbox, outbox);
    RecoveredChannels restart = recover(journal, inbox, outbox);
    assertThat(whole.fromSnapshot()).as(where + ": the log from entry 1 is replayed").isFalse();

    Map<String, Integer> twice = new HashMap<>(whole.routed());
    twice.values().removeIf(n -> n == 1);
    assertThat(twice).as(where + ": messages routed more than once").isEmpty();
    for (String key : acknowledged) {
      assertThat(whole.routed().get(key)).as(where + ": message %s, acknowledged, routed", key)
          .isEqualTo(1);
    }
    Set<String> forgotten = new LinkedHashSet<>(whole.routed().keySet());
    forgotten.removeAll(restart.recentKeys().get(FolderChannelAdapter.ID));
    assertThat(forgotten).as(where + ": routed messages whose keys the restart forgot").isEmpty();
    assertThat(restart.recentKeys().get(FolderChannelAdapter.ID)).as(where + ": keys remembered")
        .hasSameSizeAs(whole.routed().keySet());

    assertThat(restart.state()).as(where + ": restart and whole replay, routing")
        .isEqualTo(whole.state());
    assertThat(restart.outbox()).as(where + ": restart and whole replay, outbox")
        .isEqualTo(whole.outbox());
    assertThat(restart.recentKeys()).as(where + ": restart and whole replay, keys")
        .isEqualTo(whole.recentKeys());
    assertThat(restart.deadLetters()).as(where + ": no dead letters").isEmpty();

    assertThat(idsReused).as(where + ": delivery ids confirmed for two bodies").isEmpty();
    Map<String, String> bodyToId = new HashMap<>();
    whole.replies().forEach((id, bodies) -> {
      assertThat(bodies).as(where + ": bodies handed out under %s", id).hasSize(1);
      String other = bodyToId.put(first(bodies), id);
      assertThat(other).as(where + ": '%s' handed out under %s and another id", first(bodies), id)
          .isNull();
    });
    replies.forEach((id, body) -> assertThat(whole.replies().get(id))
        .as(where + ": the journal's reply %s, confirmed", id).isEqualTo(Set.of(body)));
    try (Stream<Path> files = Files.list(outbox)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as(where + ": an id delivered again with another body").noneMatch(n ->
              n.contains(".conflict-"));
    }
    outboxFiles(outbox).forEach((id, body) -> assertThat(whole.replies().get(id))
        .as(where + ": the journal's reply %s, delivered", id).isEqualTo(Set.of(body)));
    for (String item : completed) {
      assertThat(whole.state().finished().contains(item))
          .as(where + ": item %s, whose complete completed, is finished", item).isTrue();
    }
    return whole;
  }

  /** Recovers a journal directory with the child's configuration. */
  private static RecoveredChannels recover(Path journal, Path inbox, Path outbox) {
    return RecoveredChannels.recover(ChannelCrashChild.configure(Switchboard.builder(),
        new FolderChannelAdapter(inbox, outbox, (key, status) -> { })),
        ChannelCrashChild.journal(journal));
  }

  /** A fresh copy of the journal's segments without its snapshots: recovery replays them all. */
  private Path segmentsOnly(Path journal) throws IOException {
    Path copy = dir.resolve("replay");
    if (Files.exists(copy)) {
      try (Stream<Path> old = Files.walk(copy)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(journal)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("seg-")).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  /** The delivered replies: delivery id to body. */
  private static Map<String, String> outboxFiles(Path outbox) throws IOException {
    Map<String, String> delivered = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(outbox)) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".msg")).toList()) {
        String name = f.getFileName().toString();
        delivered.put(name.substring(0, name.length() - ".msg".length()),
            Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return delivered;
  }

  private static String first(Set<String> bodies) {
    return bodies.iterator().next();
  }
}
