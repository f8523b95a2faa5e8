package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.Target;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.loop.ManualEngine;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.Journals;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.testing.RandomText;
import dev.switchboard.testing.RandomTries;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The public commands fuzzed: random sequences of every kind of call, with arguments drawn from
 * valid values, unknown ids, nulls, negative numbers, ill-formed and oversized text, duplicates.
 * Every call either works, throws {@link NullPointerException} or {@link
 * IllegalArgumentException} on the caller's thread, or fails its stage with a {@link
 * CommandRejectedException} naming the problem; never with {@code ENGINE_FAILED}. Whatever was
 * accepted comes back exactly when the engine is rebuilt from its journal.
 */
class PublicCommandsFuzzTest {

  static final int TRIES = Integer.getInteger("switchboard.fuzz.commands", 150);
  private static final int CALLS = 120;
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final Channel LETTERS = Channel.of("letters", ChannelTraits.asynchronous(10));

  /** One random sequence of calls, as the seed that makes it. */
  record Sequence(long seed) {
    static Sequence random(Random r) {
      return new Sequence(r.nextLong());
    }
  }

  @Test
  void randomCalls_areAcceptedOrRefusedClearly_andWhatWasAcceptedReplaysExactly() {
    int[] outcomes = new int[3]; // worked, refused on the caller's thread, rejected on the loop
    RandomTries.check("public commands", TRIES, 7_000, Sequence::random, sequence -> {
      Random r = new Random(sequence.seed());
      ManualClock clock = new ManualClock(T0);
      InMemoryJournal journal = Journals.inMemory(r.nextBoolean() ? 0 : 1 + r.nextInt(20));
      ManualSwitchboard sb = engine(clock, journal);
      for (int call = 0; call < CALLS; call++) {
        if (r.nextInt(10) == 0) {
          clock.advance(Duration.ofSeconds(r.nextInt(120)));
        }
        outcomes[apply(sb, r)]++;
      }
      sb.drain();
      StateImage before = ((ManualEngine) sb).engine().exportState();
      ManualSwitchboard restarted = engine(clock, new ForkedJournal(journal));
      restarted.drain(); // reads the clock, as the writer's last step did
      assertThat(((ManualEngine) restarted).engine().exportState())
          .as("rebuilt from the journal").isEqualTo(before);
      sb.close();
      restarted.close();
    });
    System.out.printf("public commands: %d calls worked, %d refused on the caller's thread,"
        + " %d rejected by the engine; none failed it%n", outcomes[0], outcomes[1], outcomes[2]);
    assertThat(outcomes).as("each kind of outcome happened").doesNotContain(0);
  }

  private static ManualSwitchboard engine(ManualClock clock, Journal journal) {
    return Switchboard.builder().clock(clock).channel(LETTERS).skills("billing", "spanish")
        .queue("vip", RoutingPolicy.of(PolicyStep.waitFor(Target.ownAgent(), Duration.ofMinutes(1)),
            PolicyStep.untilAnswered(Target.requiredSkills())))
        .journal(journal).buildManual();
  }

  /** Makes one random call; returns 0 worked, 1 refused at once, 2 rejected by the loop. */
  private static int apply(ManualSwitchboard sb, Random r) {
    CompletionStage<?> stage;
    try {
      stage = call(sb, r).get();
    } catch (NullPointerException | IllegalArgumentException e) {
      assertThat(e.getMessage()).as("a refusal says what is wrong").isNotBlank();
      return 1;
    }
    sb.drain();
    Throwable failure = stage.toCompletableFuture().handle((v, e) -> e).join();
    if (failure == null) {
      return 0;
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    assertThat(cause).as("a failed call is a rejection").isInstanceOf(
        CommandRejectedException.class);
    assertThat(((CommandRejectedException) cause).reason()).as(cause.getMessage())
        .isNotIn(Reason.ENGINE_FAILED, Reason.ENGINE_CLOSED);
    return 2;
  }

  private static Supplier<CompletionStage<?>> call(ManualSwitchboard sb, Random r) {
    return switch (r.nextInt(14)) {
      case 0, 1 -> () -> sb.addAgent(agent(r));
      case 2 -> () -> sb.updateAgent(agent(r));
      case 3 -> () -> sb.removeAgent(agentId(r));
      case 4 -> () -> sb.setPresence(agentId(r), r.nextInt(8) == 0 ? null
          : r.nextBoolean() ? Presence.AVAILABLE : Presence.away(RandomText.label(r, 40)));
      case 5, 6 -> () -> sb.submit(item(r));
      case 7 -> () -> sb.accept(agentId(r), itemId(r));
      case 8 -> () -> sb.reject(agentId(r), itemId(r));
      case 9 -> () -> sb.complete(agentId(r), itemId(r),
          r.nextInt(8) == 0 ? null : Outcome.of(r.nextBoolean() ? "resolved" : id(r)));
      case 10 -> () -> sb.transfer(itemId(r), r.nextInt(8) == 0 ? null
          : r.nextBoolean() ? TransferTarget.queue(r.nextBoolean() ? "vip" : id(r))
          : TransferTarget.agent(agentId(r)));
      case 11 -> () -> sb.cancel(itemId(r));
      case 12 -> () -> sb.finishWrapUp(agentId(r), itemId(r));
      default -> () -> sb.followUp(itemId(r), attributes(r));
    };
  }

  private static Agent agent(Random r) {
    Agent.Builder b = Agent.builder(agentId(r));
    int channels = r.nextInt(3);
    for (int i = 0; i < channels; i++) {
      b.capacity(channel(r), r.nextInt(7) - 1);
    }
    if (r.nextBoolean()) {
      b.skill(r.nextBoolean() ? "billing" : id(r), r.nextInt(12) - 1);
    }
    return b.build();
  }

  private static WorkItem item(Random r) {
    WorkItem.Builder b = WorkItem.builder(itemId(r), channel(r)).customer(id(r));
    if (r.nextBoolean()) {
      b.queue(r.nextBoolean() ? "vip" : id(r));
    }
    if (r.nextInt(4) == 0) {
      b.requireSkill(r.nextBoolean() ? "spanish" : id(r), r.nextInt(12) - 1);
    }
    if (r.nextInt(4) == 0) {
      b.priority(r.nextInt(300) - 100);
    }
    attributes(r).forEach(b::attribute);
    return b.build();
  }

  private static Map<String, Object> attributes(Random r) {
    return r.nextInt(10) == 0 ? Map.of() : RandomText.attributes(r, 3);
  }

  private static Channel channel(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> Channel.EMAIL;
      case 1 -> Channel.VOICE;
      case 2 -> LETTERS;
      case 3 -> Channel.of("pigeon", ChannelTraits.asynchronous(1)); // not registered
      default -> Channel.CHAT;
    };
  }

  private static String agentId(Random r) {
    return r.nextInt(6) == 0 ? id(r) : "agent-" + r.nextInt(4);
  }

  private static String itemId(Random r) {
    return r.nextInt(6) == 0 ? id(r) : "item-" + r.nextInt(12);
  }

  /** An id from anywhere: valid, unknown, null, empty, ill-formed or oversized. */
  private static String id(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> null;
      case 1 -> "";
      case 2 -> "x".repeat(200 + r.nextInt(400));
      default -> RandomText.id(r);
    };
  }
}
