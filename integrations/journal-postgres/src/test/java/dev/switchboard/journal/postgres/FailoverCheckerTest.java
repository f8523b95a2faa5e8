package dev.switchboard.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.journal.tck.failover.FailoverChecker;
import dev.switchboard.journal.tck.failover.FailoverClient;
import dev.switchboard.journal.tck.failover.FailoverNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover checker finds what it is there to find: on an honest run it reports nothing, and
 * each kind of broken record (a confirmed command missing from the log, a refused one in it, an
 * effect the log does not hold, one from a node that did not hold its epoch, an epoch going
 * back) is named.
 */
class FailoverCheckerTest {

  @RegisterExtension
  static final TestDatabase DATABASE = new TestDatabase();

  @TempDir
  Path dir;

  private DataSource db;
  private final List<FailoverClient.Sent> sent = new ArrayList<>();
  private final List<String> effects = Collections.synchronizedList(new ArrayList<>());

  /** An honest run: one leader, node "na", epoch 1, its effects recorded as nodes record them. */
  @BeforeEach
  void honestRun() throws Exception {
    db = DATABASE.dataSource(DATABASE.newDatabaseUrl());
    try (Switchboard engine = FailoverNode.engine().listener(this::effect)
        .journal(PostgresJournals.builder(db).domain("d0").snapshotInterval(5)
            .snapshotsKept(1000).build()).build()) {
      done(engine.addAgent(Agent.builder("a1").capacity(Channel.CHAT, 2).build()));
      done(engine.setPresence("a1", Presence.AVAILABLE));
      for (int i = 0; i < 6; i++) {
        done(engine.submit(WorkItem.builder("i" + i, Channel.CHAT).customer("c" + i).build()));
        sent.add(new FailoverClient.Sent("d0", "submit", "i" + i, FailoverClient.Status.ACKED,
            "na"));
      }
      done(engine.complete("a1", "i0", Outcome.RESOLVED));
      sent.add(new FailoverClient.Sent("d0", "finish", "i0", FailoverClient.Status.ACKED, "na"));
    } // closing lets the listeners finish: every effect is recorded
    execute("UPDATE switchboard_journal_epoch SET node = 'na'");
  }

  @Test
  void anHonestRun_breaksNoRule() throws Exception {
    assertThat(check().violations()).isEmpty();
    assertThat(check().effects()).isEqualTo(effects.size()).isGreaterThan(10);
  }

  @Test
  void aConfirmedCommandMissingFromTheLog_andARefusedOneInIt_areNamed() throws Exception {
    sent.add(new FailoverClient.Sent("d0", "submit", "ghost", FailoverClient.Status.ACKED, "na"));
    sent.add(new FailoverClient.Sent("d0", "submit", "i3", FailoverClient.Status.NOT_APPLIED,
        "NO_LEADER"));
    assertThat(check().violations()).containsExactlyInAnyOrder(
        "d0: submit of ghost ended ACKED (na) but the log holds it 0 time(s)",
        "d0: submit of i3 ended NOT_APPLIED (NO_LEADER) but the log holds it 1 time(s)");
  }

  @Test
  void effectsTheLogDoesNotHold_orFromANodeWithoutTheEpoch_areNamed() throws Exception {
    effects.add("1\td0\t2\tItemSubmitted[something else]");
    effects.add("1\td0\t9999\tItemSubmitted[beyond]");
    String first = effects.get(0);
    effects.add(first); // emitted twice
    assertThat(check().violations()).anySatisfy(v -> assertThat(v).startsWith(
        "d0: event 2 was emitted twice")).anySatisfy(v -> assertThat(v).startsWith(
        "d0: node na emitted event 2 as ItemSubmitted[something else], but the log's is"))
        .anySatisfy(v -> assertThat(v).startsWith("d0: node na emitted event 9999, which is not"
            + " in the log"))
        .anySatisfy(v -> assertThat(v).startsWith("d0: event 1 was emitted twice"));
    effects.clear();
    effects.add(first);
    Files.write(dir.resolve("nb.effects"), effects, StandardCharsets.UTF_8);
    FailoverChecker.Summary other = new FailoverChecker(new PostgresFailoverLog(db)).check(List.of("d0"), sent,
        Map.of("nb", dir.resolve("nb.effects")));
    assertThat(other.violations()).containsExactly(
        "d0: node nb emitted event 1 in epoch 1, which node na took");
  }

  @Test
  void anEpochGoingBack_orTakenByNoNode_isNamed() throws Exception {
    execute("UPDATE switchboard_journal_entry SET epoch = 0 WHERE sequence = 4");
    assertThat(check().violations()).containsExactly(
        "d0: entry 4 has epoch 0 after epoch 1",
        "d0: entry 4 has epoch 0, which no node took");
  }

  // ------------------------------------------------------------------ helpers

  private FailoverChecker.Summary check() throws Exception {
    Files.write(dir.resolve("na.effects"), effects, StandardCharsets.UTF_8);
    return new FailoverChecker(new PostgresFailoverLog(db)).check(List.of("d0"), sent,
        Map.of("na", dir.resolve("na.effects")));
  }

  private void effect(RoutingEvent event) {
    effects.add("1\td0\t" + event.sequence() + "\t"
        + event.toString().replace('\n', ' ').replace('\t', ' '));
  }

  private static <T> T done(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
