package dev.switchboard;

import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static dev.switchboard.Fixture.chatBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.spi.ChannelTraits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad input gets a clear error naming what was wrong, and leaves the engine exactly
 * as it was: the same snapshot, no events.
 */
class BadInputTest {

  private final Fixture f = Fixture.of(b -> b.skills("billing")
      .queue("twoStep", RoutingPolicy.of(
          PolicyStep.waitFor(Target.requiredSkills(), Duration.ofSeconds(30)),
          PolicyStep.untilAnswered(Target.skills(Map.of())))));

  /** ann is available and holds e1 (offered) and e2 (assigned); bob is available with nothing. */
  private void busyAnn() {
    f.addAvailable(chatAgent("ann", 2));
    f.submit(chat("e1"));
    f.submit(chat("e2"));
    f.accept("ann", "e2");
    f.addAvailable(chatAgent("bob", 1));
    assertThat(f.state("e1")).isEqualTo(ItemState.OFFERED);
    assertThat(f.state("e2")).isEqualTo(ItemState.ASSIGNED);
  }

  // ------------------------------------------------------------ malformed values

  @Test
  void agentBuilder_nullOrBlankId_isRejected() {
    assertThatThrownBy(() -> Agent.builder(null).channel(Channel.CHAT).build())
        .isInstanceOf(NullPointerException.class).hasMessage("agent id");
    assertThatThrownBy(() -> Agent.builder("  ").channel(Channel.CHAT).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("agent id must not be blank");
    assertThatThrownBy(() -> Agent.builder("a").channel(Channel.CHAT).team(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("team must not be blank");
    assertThatThrownBy(() -> Agent.builder("a").channel(Channel.CHAT).skill(null, 3).build())
        .isInstanceOf(NullPointerException.class).hasMessage("skill name");
  }

  @Test
  void workItemBuilder_nullOrBlankFields_areRejected() {
    assertThatThrownBy(() -> WorkItem.builder(null, Channel.CHAT).customer("c").build())
        .isInstanceOf(NullPointerException.class).hasMessage("item id");
    assertThatThrownBy(() -> WorkItem.builder("", Channel.CHAT).customer("c").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("item id must not be blank");
    assertThatThrownBy(() -> WorkItem.builder("i", null).customer("c").build())
        .isInstanceOf(NullPointerException.class).hasMessage("channel");
    assertThatThrownBy(() -> WorkItem.builder("i", Channel.CHAT).build())
        .isInstanceOf(NullPointerException.class).hasMessageStartingWith("customer id of item i is missing");
    assertThatThrownBy(() -> chatBuilder("i").queue("\t").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("queue must not be blank");
    assertThatThrownBy(() -> chatBuilder("i").conversation(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("conversation id must not be blank");
    assertThatThrownBy(() -> chatBuilder("i\n").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
    assertThatThrownBy(() -> chatBuilder("x".repeat(129)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item id is 129 characters");
  }

  @Test
  void commands_withNullOrBlankIds_areRefusedOnTheCallersThread_andChangeNothing() {
    busyAnn();
    assertThat(f.thrownUnchanged(() -> f.sb.accept(null, "e1")))
        .isInstanceOf(NullPointerException.class).hasMessage("agentId");
    assertThat(f.thrownUnchanged(() -> f.sb.accept("ann", " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("itemId must not be blank");
    assertThat(f.thrownUnchanged(() -> f.sb.submit(null)))
        .isInstanceOf(NullPointerException.class).hasMessage("item");
    assertThat(f.thrownUnchanged(() -> f.sb.addAgent(null)))
        .isInstanceOf(NullPointerException.class).hasMessage("agent");
    assertThat(f.thrownUnchanged(() -> f.sb.setPresence("ann", null)))
        .isInstanceOf(NullPointerException.class).hasMessage("presence");
    assertThat(f.thrownUnchanged(() -> f.sb.complete("ann", "e2", null)))
        .isInstanceOf(NullPointerException.class).hasMessage("outcome");
    assertThat(f.thrownUnchanged(() -> f.sb.transfer("e1", null)))
        .isInstanceOf(NullPointerException.class).hasMessage("target");
    assertThat(f.thrownUnchanged(() -> f.sb.removeAgent("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("agentId must not be blank");
    assertThat(f.thrownUnchanged(() -> f.sb.followUp(null, Map.of())))
        .isInstanceOf(NullPointerException.class).hasMessage("conversationId");
    assertThat(f.thrownUnchanged(() -> f.sb.cancel(null)))
        .isInstanceOf(NullPointerException.class).hasMessage("itemId");
  }

  @Test
  void presence_awayWithoutActivity_orOtherWithActivity_isRejected() {
    assertThatThrownBy(() -> Presence.away(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named activity");
    assertThatThrownBy(() -> new Presence(Presence.Status.OFFLINE, "lunch"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OFFLINE was given 'lunch'");
  }

  @Test
  void priority_outOfRange_isRejected() {
    assertThatThrownBy(() -> chatBuilder("p1").priority(101).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("priority of item p1 is 101; allowed: 0 to 100");
    assertThatThrownBy(() -> chatBuilder("p2").priority(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("priority of item p2 is -1; allowed: 0 to 100");
    assertThatThrownBy(() -> PolicyStep.untilAnswered(Target.requiredSkills()).withPriorityBoost(101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("priorityBoost is 101");
  }

  @Test
  void skillLevel_outside1to10_isRejected() {
    assertThatThrownBy(() -> Agent.builder("a").channel(Channel.CHAT).skill("billing", 0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("agent a proficiency for skill 'billing' is 0; allowed: 1 to 10");
    assertThatThrownBy(() -> Agent.builder("a").channel(Channel.CHAT).skill("billing", 11).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("for skill 'billing' is 11");
    assertThatThrownBy(() -> chatBuilder("i").requireSkill("billing", 11).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("item i minimum level for skill 'billing' is 11; allowed: 1 to 10");
    assertThatThrownBy(() -> Target.skills(Map.of("billing", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("for skill 'billing' is 0");
  }

  @Test
  void capacity_zeroOrNegative_isRejected() {
    assertThatThrownBy(() -> chatAgent("a", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("agent a capacity on channel chat is 0; allowed: 1 to 1000");
    assertThatThrownBy(() -> chatAgent("a", -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is -2");
    assertThatThrownBy(() -> Agent.builder("a").channel(Channel.CHAT).totalCapacity(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("agent a totalCapacity is 0; allowed: 1 to 1000");
    assertThatThrownBy(() -> Agent.builder("a").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent a has no channel capacity");
    assertThatThrownBy(() -> Agent.builder("a").channel(Channel.CHAT).exclusive(Channel.VOICE).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("marks channel voice exclusive but has no capacity on it");
  }

  // ------------------------------------------------------------ unknown names

  @Test
  void commands_unknownAgent_areRejected() {
    busyAnn();
    for (var command : List.<Supplier<CompletionStage<?>>>of(
        () -> f.sb.accept("ghost", "e1"),
        () -> f.sb.reject("ghost", "e1"),
        () -> f.sb.complete("ghost", "e2", Outcome.RESOLVED),
        () -> f.sb.setPresence("ghost", Presence.AVAILABLE),
        () -> f.sb.removeAgent("ghost"),
        () -> f.sb.updateAgent(chatAgent("ghost")),
        () -> f.sb.transfer("e1", TransferTarget.agent("ghost")))) {
      assertThat(f.rejectedUnchanged(command, Reason.UNKNOWN_AGENT))
          .hasMessageContaining("'ghost'");
    }
  }

  @Test
  void commands_unknownItem_areRejected() {
    busyAnn();
    for (var command : List.<Supplier<CompletionStage<?>>>of(
        () -> f.sb.accept("ann", "nope"),
        () -> f.sb.complete("ann", "nope", Outcome.RESOLVED),
        () -> f.sb.cancel("nope"),
        () -> f.sb.abandon("nope"),
        () -> f.sb.transfer("nope", TransferTarget.nextStep()))) {
      assertThat(f.rejectedUnchanged(command, Reason.UNKNOWN_ITEM))
          .hasMessageContaining("no live item 'nope'");
    }
  }

  @Test
  void submit_unknownChannel_isRejected() {
    busyAnn();
    Channel fax = Channel.of("fax", ChannelTraits.asynchronous(1));
    assertThat(f.rejectedUnchanged(
        () -> f.sb.submit(WorkItem.builder("f1", fax).customer("c").build()),
        Reason.UNKNOWN_CHANNEL)).hasMessageContaining("channel 'fax' is not registered");
    assertThat(f.rejectedUnchanged(
        () -> f.sb.addAgent(Agent.builder("faxer").channel(fax).build()),
        Reason.UNKNOWN_CHANNEL)).hasMessageContaining("'fax'");
  }

  @Test
  void submit_unknownSkill_isRejected() {
    busyAnn();
    assertThat(f.rejectedUnchanged(
        () -> f.sb.submit(chatBuilder("s1").requireSkill("french", 2).build()),
        Reason.UNKNOWN_SKILL))
        .hasMessageContaining("skill 'french' is not registered; registered skills: [billing]");
    assertThat(f.rejectedUnchanged(
        () -> f.sb.updateAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).skill("french", 3).build()),
        Reason.UNKNOWN_SKILL)).hasMessageContaining("'french'");
  }

  @Test
  void submit_unknownQueue_isRejected() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.submit(chatBuilder("q1").queue("vip").build()),
        Reason.UNKNOWN_QUEUE)).hasMessageContaining("queue 'vip' is not configured");
    assertThat(f.rejectedUnchanged(() -> f.sb.transfer("e1", TransferTarget.queue("vip")),
        Reason.UNKNOWN_QUEUE)).hasMessageContaining("'vip'");
  }

  @Test
  void followUp_unknownConversation_isRejected() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.followUp("conv-x", Map.of("text", "hi")),
        Reason.UNKNOWN_CONVERSATION)).hasMessageContaining("conversation 'conv-x' is not known");
  }

  @Test
  void followUp_onAForgottenConversation_isRejectedAsUnknown() {
    Fixture small = Fixture.of(b -> b.conversationMemory(1));
    small.submit(chatBuilder("m1").conversation("old").build());
    small.ok(small.sb.cancel("m1"));
    small.submit(chatBuilder("m2").conversation("new").build());
    small.ok(small.sb.cancel("m2")); // now two idle conversations: the eldest is forgotten
    assertThat(small.rejectedUnchanged(() -> small.sb.followUp("old", Map.of()),
        Reason.UNKNOWN_CONVERSATION)).hasMessageContaining("forgotten after 1 newer");
  }

  // ------------------------------------------------------------ duplicates and conflicts

  @Test
  void addAgent_duplicateId_isRejected() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.addAgent(chatAgent("ann", 5)),
        Reason.DUPLICATE_AGENT)).hasMessageContaining("agent 'ann' already exists");
  }

  @Test
  void submit_duplicateOfLiveItem_isRejected() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.submit(chat("e1")), Reason.DUPLICATE_ITEM))
        .hasMessageContaining("item 'e1' is already live (OFFERED)");
  }

  @Test
  void submit_duplicateOfRecentlyFinishedItem_isRejected() {
    busyAnn();
    f.complete("ann", "e2");
    assertThat(f.rejectedUnchanged(() -> f.sb.submit(chat("e2")), Reason.DUPLICATE_ITEM))
        .hasMessageContaining("item 'e2' has already finished");
  }

  @Test
  void submit_ofAnIdFinishedLongAgo_isAccepted_onceFinishedItemMemoryHasMovedOn() {
    Fixture small = Fixture.of(b -> b.finishedItemMemory(2));
    for (int i = 0; i < 3; i++) {
      small.submit(chat("e" + i));
      small.ok(small.sb.cancel("e" + i));
    }
    small.rejected(small.sb.submit(chat("e2")), Reason.DUPLICATE_ITEM);
    small.submit(chat("e0"));
    assertThat(small.state("e0")).isEqualTo(ItemState.QUEUED);
  }

  @Test
  void submit_onConversationWithLiveItem_isRejectedAsConversationActive() {
    busyAnn();
    f.submit(chatBuilder("m1").conversation("conv-1").build());
    assertThat(f.rejectedUnchanged(
        () -> f.sb.submit(chatBuilder("m2").conversation("conv-1").build()),
        Reason.CONVERSATION_ACTIVE))
        .hasMessageContaining("conversation 'conv-1' already has live item 'm1'");
  }

  // ------------------------------------------------------------ wrong state or agent

  @Test
  void accept_afterTheOfferTimedOut_isRejected() {
    f.addAvailable(chatAgent("ann"));
    f.submit(chat("e1"));
    f.advance(Duration.ofSeconds(31));
    assertThat(f.events(RoutingEvent.OfferTimedOut.class)).hasSize(1);
    assertThat(f.rejectedUnchanged(() -> f.sb.accept("ann", "e1"), Reason.WRONG_STATE))
        .hasMessageContaining("it is waiting in queue 'default', offered to no one (an earlier"
            + " offer, if any, timed out or was revoked)");
  }

  @Test
  void accept_ofAnItemNeverOffered_orOfferedToAnother_saysSo() {
    f.add(chatAgent("ann"));                         // offline: nothing is offered to her
    f.addAvailable(chatAgent("bob"));
    f.submit(chat("e1"));                            // offered to bob
    assertThat(f.rejectedUnchanged(() -> f.sb.accept("ann", "e1"), Reason.WRONG_AGENT))
        .hasMessageContaining("it is offered to agent 'bob', not to this agent");
    f.ok(f.sb.setPresence("bob", Presence.away("lunch"))); // bob leaves: e1 waits unoffered
    assertThat(f.rejectedUnchanged(() -> f.sb.accept("ann", "e1"), Reason.WRONG_STATE))
        .hasMessageContaining("offered to no one")
        .hasMessageContaining("an agent may accept only an item the engine offers it");
  }

  @Test
  void workItem_withoutACustomer_namesTheFieldAndWhatToDo() {
    assertThatThrownBy(() -> WorkItem.builder("w1", Channel.CHAT).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("customer id of item w1 is missing")
        .hasMessageContaining(".customer(id)");
  }

  @Test
  void accept_byAnotherAgent_isRejectedAsWrongAgent() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.accept("bob", "e1"), Reason.WRONG_AGENT))
        .hasMessageContaining("it is offered to agent 'ann', not to this agent");
    assertThat(f.rejectedUnchanged(() -> f.sb.reject("bob", "e1"), Reason.WRONG_AGENT))
        .hasMessageContaining("agent 'bob' cannot reject item 'e1'");
  }

  @Test
  void complete_byAnotherAgent_isRejectedAsWrongAgent() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.complete("bob", "e2", Outcome.RESOLVED),
        Reason.WRONG_AGENT)).hasMessageContaining("it is held by agent 'ann'");
  }

  @Test
  void complete_ofAnOfferedItem_isRejectedAsWrongState() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.complete("ann", "e1", Outcome.RESOLVED),
        Reason.WRONG_STATE)).hasMessageContaining("it is OFFERED, not ASSIGNED");
  }

  @Test
  void accept_ofAnAssignedItem_isRejectedAsWrongState() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.accept("ann", "e2"), Reason.WRONG_STATE))
        .hasMessageContaining("it is ASSIGNED");
  }

  @Test
  void abandon_ofAnAssignedItem_isRejectedAsWrongState() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.abandon("e2"), Reason.WRONG_STATE))
        .hasMessageContaining("item 'e2' is ASSIGNED; only QUEUED, OFFERED or HELD");
  }

  @Test
  void finishWrapUp_ofAnItemNotWrappingUp_isRejectedAsWrongState() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.finishWrapUp("ann", "e2"), Reason.WRONG_STATE))
        .hasMessageContaining("it is ASSIGNED, not WRAPPING_UP");
  }

  @Test
  void transfer_nextStep_atTheLastStep_isRejected() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.transfer("e1", TransferTarget.nextStep()),
        Reason.WRONG_STATE)).hasMessageContaining("at the last step of queue 'default'");
  }

  @Test
  void transfer_nextStep_ofAnItemPinnedToAnAgent_isRejected() {
    busyAnn();
    f.ok(f.sb.transfer("e1", TransferTarget.agent("bob")));
    assertThat(f.rejectedUnchanged(() -> f.sb.transfer("e1", TransferTarget.nextStep()),
        Reason.WRONG_STATE)).hasMessageContaining("waiting for agent 'bob'");
  }

  @Test
  void updateAgent_capacityBelowCurrentLoad_isRejectedAsOverCapacity() {
    busyAnn();
    assertThat(f.rejectedUnchanged(() -> f.sb.updateAgent(chatAgent("ann", 1)),
        Reason.OVER_CAPACITY))
        .hasMessageContaining("agent 'ann' holds 2 chat item(s) but the new capacity on chat is 1");
    assertThat(f.rejectedUnchanged(
        () -> f.sb.updateAgent(Agent.builder("ann").channel(Channel.EMAIL).build()),
        Reason.OVER_CAPACITY)).hasMessageContaining("new capacity on chat is 0");
    assertThat(f.rejectedUnchanged(
        () -> f.sb.updateAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).totalCapacity(1).build()),
        Reason.OVER_CAPACITY)).hasMessageContaining("new total capacity is 1");
  }

  // ------------------------------------------------------------ configuration

  static Stream<Arguments> singleValuedOptions() {
    return Stream.of(
        Arguments.of("clock", (Consumer<SwitchboardBuilder>) b -> b.clock(new ManualClock(Instant.EPOCH))),
        Arguments.of("selectionStrategy",
            (Consumer<SwitchboardBuilder>) b -> b.selectionStrategy(SelectionStrategy.ROUND_ROBIN)),
        Arguments.of("offerTimeout", (Consumer<SwitchboardBuilder>) b -> b.offerTimeout(Duration.ofSeconds(5))),
        Arguments.of("maxConsecutiveMisses", (Consumer<SwitchboardBuilder>) b -> b.maxConsecutiveMisses(2)),
        Arguments.of("skipEmptySteps", (Consumer<SwitchboardBuilder>) b -> b.skipEmptySteps(false)),
        Arguments.of("listenerQueueCapacity", (Consumer<SwitchboardBuilder>) b -> b.listenerQueueCapacity(8)),
        Arguments.of("finishedItemMemory", (Consumer<SwitchboardBuilder>) b -> b.finishedItemMemory(8)),
        Arguments.of("conversationMemory", (Consumer<SwitchboardBuilder>) b -> b.conversationMemory(8)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleValuedOptions")
  void builderOption_setTwice_isRejectedNamingTheOption(String option, Consumer<SwitchboardBuilder> set) {
    SwitchboardBuilder b = Switchboard.builder();
    set.accept(b);
    assertThatThrownBy(() -> set.accept(b))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(option + " was already set");
  }

  @Test
  void builder_duplicateAdditiveOptions_areRejected() {
    assertThatThrownBy(() -> Switchboard.builder().skills("a", "a"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("skill 'a' is already registered");
    assertThatThrownBy(() -> Switchboard.builder().channel(Channel.CHAT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(it is built in)");
    assertThatThrownBy(() -> Switchboard.builder().queue("q", RoutingPolicy.DEFAULT)
        .queue("q", RoutingPolicy.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("queue 'q' is already configured");
    assertThatThrownBy(() -> Switchboard.builder().offerTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offerTimeout is PT0S");
  }

  @Test
  void build_queuePolicyTargetingUnregisteredSkill_isRejected() {
    SwitchboardBuilder b = Switchboard.builder().skills("billing")
        .queue("fr", RoutingPolicy.of(PolicyStep.untilAnswered(Target.skills(Map.of("french", 3)))));
    assertThatThrownBy(b::buildManual)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue 'fr' targets skill 'french', which is not registered;"
            + " registered skills: [billing]");
  }

  @Test
  void routingPolicy_unboundedStepBeforeTheLast_isRejected() {
    assertThatThrownBy(() -> RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills()),
        PolicyStep.untilAnswered(Target.skills(Map.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step 0 of 2 waits without limit");
  }

  // ------------------------------------------------------------ closed engines

  @Test
  void commands_afterClose_areRejectedAsEngineClosed_manual() {
    busyAnn();
    int seen = f.mark();
    f.sb.close();
    assertThat(f.events.size()).isEqualTo(seen);
    for (CompletionStage<?> s : List.<CompletionStage<?>>of(f.sb.submit(chat("late")),
        f.sb.accept("ann", "e1"), f.sb.setPresence("bob", Presence.OFFLINE), f.sb.snapshot())) {
      assertThat(f.rejected(s, Reason.ENGINE_CLOSED)).hasMessageContaining("the engine is closed");
    }
    assertThat(f.events.size()).as("no events after close").isEqualTo(seen);
  }

  @Test
  void commands_afterClose_areRejectedAsEngineClosed_threaded() throws Exception {
    List<RoutingEvent> seen = Collections.synchronizedList(new ArrayList<>());
    Switchboard sb = Switchboard.builder().listener(seen::add).build();
    sb.addAgent(chatAgent("ann")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    sb.close();
    int count = seen.size();
    assertThat(count).isEqualTo(1);
    Throwable t = catchThrowable(() -> sb.submit(chat("late")).toCompletableFuture()
        .get(10, TimeUnit.SECONDS));
    assertThat(t).hasCauseInstanceOf(CommandRejectedException.class);
    assertThat(((CommandRejectedException) t.getCause()).reason()).isEqualTo(Reason.ENGINE_CLOSED);
    Throwable s = catchThrowable(() -> sb.snapshot().toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertThat(((CommandRejectedException) s.getCause()).reason()).isEqualTo(Reason.ENGINE_CLOSED);
    assertThat(seen).hasSize(count);
  }

  // ------------------------------------------------------------ attributes

  @Test
  void attributes_withNullValue_areRejected() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("note", null);
    assertThatThrownBy(() -> chatBuilder("a1").attribute("note", null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attributes.note is null; allowed: string, number, boolean, list or map");
    f.addAvailable(chatAgent("ann"));
    f.submit(chatBuilder("m1").conversation("conv-1").build());
    assertThat(f.thrownUnchanged(() -> f.sb.followUp("conv-1", attrs)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attributes.note is null");
  }

  @Test
  void attributes_withUnsupportedTypes_areRejected() {
    assertThatThrownBy(() -> chatBuilder("a1").attribute("when", Instant.EPOCH).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attributes.when is a java.time.Instant");
    assertThatThrownBy(() -> chatBuilder("a1").attribute("tags", List.of("ok", new Object())).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attributes.tags[1] is a java.lang.Object");
    assertThatThrownBy(() -> chatBuilder("a1").attribute("", "x").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys must be non-empty");
    Map<Object, Object> badKey = new HashMap<>();
    badKey.put(1, "x");
    assertThatThrownBy(() -> chatBuilder("a1").attribute("nested", badKey).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attributes.nested has key 1");
  }

  @Test
  void attributes_areCopiedDeeply_soLaterChangesDoNotLeakIn() {
    List<Object> tags = new ArrayList<>(List.of("a"));
    WorkItem item = chatBuilder("a1").attribute("tags", tags).build();
    tags.add("b");
    assertThat(item.attributes().get("tags")).isEqualTo(List.of("a"));
    assertThatThrownBy(() -> item.attributes().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(catchThrowable(() -> ((List<?>) item.attributes().get("tags")).clear()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectedStage_isAlreadyFailedOnTheCallersThread_forUnregisteredNames() {
    CompletionStage<Void> s = f.sb.submit(chatBuilder("q1").queue("vip").build());
    assertThat(s.toCompletableFuture().isCompletedExceptionally()).isTrue();
    assertThat(catchThrowable(() -> s.toCompletableFuture().join()))
        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(CommandRejectedException.class);
  }

  @Test
  void capacity_aboveTheMaximum_isRejectedNamingTheRange() {
    assertThat(f.thrownUnchanged(() -> Agent.builder("a").capacity(Channel.EMAIL, 1001).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: 1 to 1000");
    assertThat(f.thrownUnchanged(() -> Agent.builder("a").channel(Channel.EMAIL)
        .totalCapacity(Integer.MAX_VALUE).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalCapacity");
  }

  @Test
  void submit_createdInTheFuture_isRejected() {
    assertThat(f.rejectedUnchanged(() -> f.sb.submit(Fixture.chatBuilder("late")
        .createdAt(Fixture.T0.plusSeconds(5)).build()), Reason.INVALID_VALUE))
        .hasMessageContaining("createdAt 2026-01-05T09:00:05Z, after the engine's time");
  }
}
