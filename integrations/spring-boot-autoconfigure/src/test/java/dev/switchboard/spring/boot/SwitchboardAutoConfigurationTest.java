package dev.switchboard.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.SelectionStrategy;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.Journals;
import dev.switchboard.spring.boot.internal.EngineSettings;
import dev.switchboard.spring.boot.internal.InvalidPropertyException;
import dev.switchboard.spring.boot.internal.JournalWatch;
import dev.switchboard.spring.boot.internal.SwitchboardLifecycle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The engine built from properties and beans, and what backs off when the host has its own. */
class SwitchboardAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SwitchboardAutoConfiguration.class));

  static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Test
  void noProperties_startsAnEngineWithoutJournal() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Switchboard.class)
          .hasSingleBean(SwitchboardLifecycle.class).doesNotHaveBean(Journal.class);
      assertThat(context.getBean(JournalWatch.class).kind()).isEqualTo("none");
      Switchboard engine = context.getBean(Switchboard.class);
      await(engine.addAgent(Agent.builder("ann").channel(Channel.CHAT).build()));
      assertThat(await(engine.snapshot()).agents()).hasSize(1);
    });
  }

  @Test
  void disabled_makesNoEngine() {
    runner.withPropertyValues("switchboard.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(Switchboard.class));
  }

  @Test
  void properties_bindToTheEngine_queuesSkillsAndStepsRoute() {
    runner.withUserConfiguration(Listener.class).withPropertyValues(
        "switchboard.skills=billing,tech",
        "switchboard.selection-strategy=least-occupied",
        "switchboard.offer-timeout=45s",
        "switchboard.queues.vip.steps[0].agents=ted",
        "switchboard.queues.vip.steps[0].max-wait=30s",
        "switchboard.queues.vip.steps[0].priority-boost=10",
        "switchboard.queues.vip.steps[1].target=required-skills",
        "switchboard.queues.sales.steps[0].skills.billing=5",
        "switchboard.sla-policies[0].name=chat-fast",
        "switchboard.sla-policies[0].channel=chat",
        "switchboard.sla-policies[0].first-response=1m",
        "switchboard.sla-policies[0].warn-at=0.5",
        "switchboard.channels.fax.mode=asynchronous",
        "switchboard.channels.fax.concurrency=4",
        "switchboard.channels.chat.wrap-up=20s"
    ).run(context -> {
      SwitchboardProperties p = context.getBean(SwitchboardProperties.class);
      assertThat(p.selectionStrategy()).isEqualTo(SelectionStrategy.LEAST_OCCUPIED);
      assertThat(p.offerTimeout()).isEqualTo(Duration.ofSeconds(45));
      assertThat(p.queues()).containsOnlyKeys("vip", "sales");
      assertThat(p.queues().get("vip").steps().get(0).agents()).containsExactly("ted");
      assertThat(p.queues().get("vip").steps().get(0).priorityBoost()).isEqualTo(10);
      assertThat(p.slaPolicies().get(0).firstResponse()).isEqualTo(Duration.ofMinutes(1));
      assertThat(p.channels().get("fax").concurrency()).isEqualTo(4);

      Switchboard engine = context.getBean(Switchboard.class);
      await(engine.addAgent(Agent.builder("ted").skill("billing", 8).channel(Channel.CHAT)
          .build()));
      await(engine.setPresence("ted", Presence.AVAILABLE));
      await(engine.submit(WorkItem.builder("c-1", Channel.CHAT).customer("cust-1")
          .queue("vip").build()));
      ItemOffered offer = context.getBean(Listener.class).offered.get(10, TimeUnit.SECONDS);
      assertThat(offer.agentId()).isEqualTo("ted");
      EngineSnapshot.ItemView item = await(engine.snapshot()).item("c-1").orElseThrow();
      assertThat(item.queue()).isEqualTo("vip");
      assertThat(item.priority()).isEqualTo(10);
      // The host channel is registered: agents may serve it.
      await(engine.addAgent(Agent.builder("fay").channel(Channel.of("fax",
          dev.switchboard.spi.ChannelTraits.asynchronous(4))).build()));
      // A queue the properties do not name is refused, as with the plain builder.
      assertThatThrownBy(() -> await(engine.submit(WorkItem.builder("c-2", Channel.CHAT)
          .customer("cust-2").queue("nowhere").build())))
          .isInstanceOfSatisfying(CommandRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(CommandRejectedException.Reason
                  .UNKNOWN_QUEUE));
      // A skill the properties do not name is refused too.
      assertThatThrownBy(() -> await(engine.addAgent(Agent.builder("kim").skill("cooking", 3)
          .channel(Channel.CHAT).build())))
          .isInstanceOf(CommandRejectedException.class);
    });
  }

  @Test
  void anExpressionStep_routesByLevelOrByTheAgentsAttributeAgainstTheItems() {
    runner.withUserConfiguration(Listener.class).withPropertyValues(
        "switchboard.skills=billing",
        "switchboard.agent-attributes=region",
        "switchboard.queues.billing.steps[0].expression="
            + "billing >= 5 or billing >= 3 and agent.region == item.region"
    ).run(context -> {
      Switchboard engine = context.getBean(Switchboard.class);
      await(engine.addAgent(Agent.builder("lo").skill("billing", 3).attribute("region", "EU")
          .channel(Channel.CHAT).build()));
      await(engine.setPresence("lo", Presence.AVAILABLE));
      await(engine.submit(WorkItem.builder("us-1", Channel.CHAT).customer("c-1")
          .queue("billing").attribute("region", "US").build()));
      await(engine.submit(WorkItem.builder("eu-1", Channel.CHAT).customer("c-2")
          .queue("billing").attribute("region", "EU").build()));
      // lo has billing 3 only: the EU item, not the US one, which waits for a level 5
      ItemOffered first = context.getBean(Listener.class).offered.get(10, TimeUnit.SECONDS);
      assertThat(first.itemId()).isEqualTo("eu-1");
      assertThat(first.agentId()).isEqualTo("lo");
      assertThat(await(engine.snapshot()).item("us-1").orElseThrow().state())
          .isEqualTo(ItemState.QUEUED);
      await(engine.addAgent(Agent.builder("hi").skill("billing", 6).attribute("region", "EU")
          .channel(Channel.CHAT).build()));
      await(engine.setPresence("hi", Presence.AVAILABLE));
      assertThat(await(engine.snapshot()).item("us-1").orElseThrow().agentId()).contains("hi");
    });
  }

  @Test
  void anExpressionReadingAnUndeclaredAttribute_failsStartUp() {
    runner.withPropertyValues(
        "switchboard.skills=billing",
        "switchboard.agent-attributes=region",
        "switchboard.queues.billing.steps[0].expression=agent.tier == \"gold\""
    ).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("queue 'billing' targets agent attribute 'tier'");
    });
  }

  @Test
  void slaReassignExpression_sendsABreachedItemToAnAgentMeetingIt() {
    runner.withPropertyValues(
        "switchboard.skills=billing,escalations",
        "switchboard.queues.tech.steps[0].team=tech",
        "switchboard.sla-policies[0].name=chat",
        "switchboard.sla-policies[0].channel=chat",
        "switchboard.sla-policies[0].first-response=2m",
        "switchboard.sla-policies[0].raise-priority=20",
        "switchboard.sla-policies[0].reassign-expression=billing >= 5 or escalations >= 1"
    ).run(context -> {
      // the same properties on a manual engine, so that the breach comes on the test's clock
      ManualClock clock = new ManualClock(Instant.parse("2026-12-07T09:00:00Z"));
      SwitchboardBuilder b = Switchboard.builder().clock(clock);
      EngineSettings.apply(context.getBean(SwitchboardProperties.class), b);
      ManualSwitchboard engine = b.buildManual();
      engine.addAgent(Agent.builder("junior").skill("billing", 3).channel(Channel.CHAT).build());
      engine.addAgent(Agent.builder("senior").skill("billing", 6).channel(Channel.CHAT).build());
      engine.setPresence("junior", Presence.AVAILABLE);
      engine.setPresence("senior", Presence.AVAILABLE);
      engine.submit(WorkItem.builder("c-1", Channel.CHAT).customer("cust-1").queue("tech")
          .build());
      assertThat(snapshot(engine).item("c-1").orElseThrow().state())
          .isEqualTo(ItemState.QUEUED);
      clock.advance(Duration.ofMinutes(2));
      EngineSnapshot.ItemView item = snapshot(engine).item("c-1").orElseThrow();
      assertThat(item.agentId()).contains("senior");
      assertThat(item.priority()).isEqualTo(20);
      engine.close();
    });
  }

  /** The manual engine's snapshot once it has applied everything sent to it. */
  private static EngineSnapshot snapshot(ManualSwitchboard engine) throws Exception {
    CompletionStage<EngineSnapshot> snapshot = engine.snapshot();
    engine.drain();
    return await(snapshot);
  }

  @Test
  void calendarsAndQueueHours_holdOrSendOnWorkWhileClosed_andSlaPoliciesCountOpenHours() {
    // Saturday 2026-12-05, 10:00 in Paris: the office is closed until Monday 09:00
    ManualClock clock = new ManualClock(Instant.parse("2026-12-05T09:00:00Z"));
    runner.withBean(SwitchboardBuilderCustomizer.class, () -> b -> b.clock(clock))
        .withPropertyValues(
            "switchboard.calendars.office.zone=Europe/Paris",
            "switchboard.calendars.office.hours.monday-friday=09:00-12:00, 13:00-17:00",
            "switchboard.calendars.office.holidays=2026-12-25",
            "switchboard.calendars.office.exceptions.2026-12-24=09:00-12:00",
            "switchboard.queues.support.steps[0].target=required-skills",
            "switchboard.queues.night.steps[0].target=required-skills",
            "switchboard.queues.overflow.steps[0].target=required-skills",
            "switchboard.queue-hours.support.calendar=office",
            "switchboard.queue-hours.night.calendar=office",
            "switchboard.queue-hours.night.after-hours=send-to",
            "switchboard.queue-hours.night.send-to=overflow",
            "switchboard.sla-policies[0].name=email-business",
            "switchboard.sla-policies[0].channel=email",
            "switchboard.sla-policies[0].first-response=4h",
            "switchboard.sla-policies[0].calendar=office"
    ).run(context -> {
      SwitchboardProperties p = context.getBean(SwitchboardProperties.class);
      assertThat(p.calendars().get("office").hours())
          .containsEntry("monday-friday", "09:00-12:00, 13:00-17:00");
      Switchboard engine = context.getBean(Switchboard.class);
      await(engine.submit(WorkItem.builder("held-1", Channel.CHAT).customer("c-1")
          .queue("support").build()));
      await(engine.submit(WorkItem.builder("sent-1", Channel.CHAT).customer("c-2")
          .queue("night").build()));
      EngineSnapshot snapshot = await(engine.snapshot());
      assertThat(snapshot.item("held-1").orElseThrow().state()).isEqualTo(ItemState.HELD);
      EngineSnapshot.ItemView sent = snapshot.item("sent-1").orElseThrow();
      assertThat(sent.queue()).isEqualTo("overflow");
      assertThat(sent.state()).isEqualTo(ItemState.QUEUED);
    });
  }

  @Test
  void listenerBeans_areRegistered() {
    runner.withUserConfiguration(Listener.class).run(context -> {
      Switchboard engine = context.getBean(Switchboard.class);
      await(engine.addAgent(Agent.builder("ann").channel(Channel.CHAT).build()));
      await(engine.setPresence("ann", Presence.AVAILABLE));
      await(engine.submit(WorkItem.builder("c-1", Channel.CHAT).customer("cust-1").build()));
      assertThat(context.getBean(Listener.class).offered.get(10, TimeUnit.SECONDS).itemId())
          .isEqualTo("c-1");
    });
  }

  @Test
  void hostEngine_backsOff_andTheLifecycleClosesIt() {
    Switchboard own = Switchboard.builder().build();
    runner.withBean("myEngine", Switchboard.class, () -> own).run(context -> {
      assertThat(context).hasSingleBean(Switchboard.class);
      assertThat(context.getBean(Switchboard.class)).isSameAs(own);
    });
    assertThatThrownBy(() -> await(own.snapshot()))
        .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.reason())
            .isEqualTo(CommandRejectedException.Reason.ENGINE_CLOSED));
  }

  @Test
  void hostJournal_isUsed_andCustomizersRun() {
    List<String> customized = new CopyOnWriteArrayList<>();
    runner.withBean(Journal.class, Journals::inMemory)
        .withBean(SwitchboardBuilderCustomizer.class,
            () -> b -> customized.add("ran"))
        .run(context -> {
          assertThat(context.getBean(JournalWatch.class).kind())
              .isEqualTo("dev.switchboard.journal.InMemoryJournal");
          Switchboard engine = context.getBean(Switchboard.class);
          await(engine.addAgent(Agent.builder("ann").channel(Channel.CHAT).build()));
          assertThat(context.getBean(JournalWatch.class).appended()).isPositive();
          assertThat(customized).containsExactly("ran");
        });
  }

  @Test
  void fileJournal_whenPathIsSet_recoversTheEngineOnTheNextStart(@TempDir Path dir) {
    ApplicationContextRunner withFile =
        runner.withPropertyValues("switchboard.journal.file.path=" + dir);
    withFile.run(context -> {
      assertThat(context.getBean(JournalWatch.class).kind()).isEqualTo("file");
      await(context.getBean(Switchboard.class).addAgent(
          Agent.builder("ann").channel(Channel.CHAT).build()));
    });
    withFile.run(context -> {
      JournalWatch watch = context.getBean(JournalWatch.class);
      assertThat(await(context.getBean(Switchboard.class).snapshot()).agent("ann")).isPresent();
      assertThat(watch.closed()).isFalse();
      context.close();
      assertThat(watch.closed()).isTrue();
    });
  }

  @Test
  void postgresJournalEnabled_withoutADataSource_failsNamingTheProperty() {
    runner.withPropertyValues("switchboard.journal.postgres.enabled=true").run(context ->
        assertThat(context).getFailure().rootCause()
            .isInstanceOf(InvalidPropertyException.class)
            .hasMessageContaining("switchboard.journal.postgres.enabled")
            .hasMessageContaining("DataSource"));
  }

  @Test
  void adapters_areCreatedThroughTheSpi_intoTheirQueue() {
    runner.withPropertyValues("switchboard.adapters.site-chat.type=probe",
        "switchboard.adapters.site-chat.queue=web",
        "switchboard.adapters.site-chat.properties.health=up",
        "switchboard.queues.web.steps[0].target=required-skills").run(context -> {
          Switchboard engine = context.getBean(Switchboard.class);
          assertThat(await(engine.channels().adapters()))
              .extracting(a -> a.adapterId()).containsExactly("site-chat");
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class Listener implements RoutingEventListener {
    final CompletableFuture<ItemOffered> offered = new CompletableFuture<>();

    @Override
    public void onEvent(RoutingEvent event) {
      if (event instanceof ItemOffered o) {
        offered.complete(o);
      }
    }
  }
}
