package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.WorkItem;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.loop.ManualEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Random text given to an engine through its public calls, for the journal tests of core and of
 * the journal modules: ids are accepted exactly when the id rules say so (a refused one leaves
 * the engine as it was), and what was accepted (ids, a presence activity, attribute keys and
 * values, campaign contacts) must come back exactly from the journal.
 *
 * @param agentId a candidate agent id
 * @param team a candidate team name
 * @param activity the agent's away activity, free text
 * @param itemIds candidate item ids, sometimes repeated
 * @param customers candidate customer ids, one per item
 * @param attributes attributes, one map per item
 * @param campaignId a candidate campaign id
 * @param contactIds candidate contact ids
 * @param contactAttributes attributes, one map per contact
 * @param cancel a candidate id of an item to cancel
 */
public record TextScenario(String agentId, String team, String activity, List<String> itemIds,
    List<String> customers, List<Map<String, Object>> attributes, String campaignId,
    List<String> contactIds, List<Map<String, Object>> contactAttributes, String cancel) {

  /** A scenario of random text. */
  public static TextScenario random(Random r) {
    int items = 1 + r.nextInt(4);
    List<String> ids = new ArrayList<>();
    List<String> customers = new ArrayList<>();
    List<Map<String, Object>> attributes = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      ids.add(r.nextInt(6) == 0 && !ids.isEmpty() ? ids.get(0) : RandomText.id(r));
      customers.add(RandomText.id(r));
      attributes.add(RandomText.attributes(r, 3));
    }
    List<String> contacts = new ArrayList<>();
    List<Map<String, Object>> contactAttributes = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      contacts.add(RandomText.id(r));
      contactAttributes.add(RandomText.attributes(r, 2));
    }
    return new TextScenario(RandomText.id(r), RandomText.id(r), RandomText.label(r, 300), ids,
        customers, attributes, RandomText.id(r), contacts, contactAttributes,
        r.nextBoolean() ? ids.get(0) : RandomText.text(r));
  }

  /**
   * Gives the manual engine (built by {@code buildManual()}, unchecked) the scenario, checking
   * each verdict; returns the live items it accepted.
   */
  public Map<String, WorkItem> run(ManualSwitchboard sb) {
    Supplier<Agent> agent = () -> Agent.builder(agentId).capacity(Channel.CHAT, 1).team(team)
        .build();
    if (RandomText.validId(agentId) && RandomText.validId(team)) {
      ok(sb, sb.addAgent(agent.get()));
      ok(sb, sb.setPresence(agentId, Presence.away(activity)));
    } else {
      refusedAtOnce(sb, agent::get);
    }

    Map<String, WorkItem> accepted = new LinkedHashMap<>();
    for (int i = 0; i < itemIds.size(); i++) {
      String id = itemIds.get(i);
      String customer = customers.get(i);
      Map<String, Object> values = attributes.get(i);
      Supplier<WorkItem> item = () -> {
        WorkItem.Builder b = WorkItem.builder(id, Channel.CHAT).customer(customer);
        values.forEach(b::attribute);
        if (id.length() <= 117) {
          b.conversation(id);
        }
        return b.build();
      };
      if (!RandomText.validId(id) || !RandomText.validId(customer)) {
        refusedAtOnce(sb, item::get);
      } else if (accepted.containsKey(id)) {
        rejected(sb, () -> sb.submit(item.get())); // a duplicate id
      } else {
        WorkItem w = item.get();
        ok(sb, sb.submit(w));
        accepted.put(id, w);
      }
    }

    if (RandomText.validId(campaignId) && campaignId.length() <= Campaign.MAX_ID_LENGTH) {
      ok(sb, sb.supervisor().addCampaign(Campaign.builder(campaignId, Channel.SMS).build()));
      List<CampaignContact> contacts = new ArrayList<>();
      for (int i = 0; i < contactIds.size(); i++) {
        String id = contactIds.get(i);
        Map<String, Object> values = contactAttributes.get(i);
        if (RandomText.validId(id) && id.length() <= CampaignContact.MAX_ID_LENGTH) {
          contacts.add(new CampaignContact(id, "c-" + i, values));
        } else {
          refusedAtOnce(sb, () -> new CampaignContact(id, "c", values));
        }
      }
      if (contacts.stream().map(CampaignContact::id).distinct().count() < contacts.size()) {
        rejected(sb, () -> sb.supervisor().addContacts(campaignId, contacts));
      } else {
        ok(sb, sb.supervisor().addContacts(campaignId, contacts));
      }
    } else {
      refusedAtOnce(sb, () -> Campaign.builder(campaignId, Channel.SMS).build());
    }

    if (!RandomText.validId(cancel)) {
      refusedAtOnce(sb, () -> sb.cancel(cancel));
    } else if (accepted.containsKey(cancel)) {
      ok(sb, sb.cancel(cancel));
      accepted.remove(cancel);
    } else {
      rejected(sb, () -> sb.cancel(cancel)); // no such item
    }
    return accepted;
  }

  /**
   * Checks that the restarted engine holds exactly the writer's state, and each accepted item's
   * customer, attributes and conversation as submitted.
   */
  public static void assertRecovered(ManualSwitchboard writer, ManualSwitchboard restarted,
      Map<String, WorkItem> accepted) {
    assertThat(timeless(restarted)).isEqualTo(timeless(writer));
    CompletionStage<EngineSnapshot> snapshot = restarted.snapshot();
    restarted.drain();
    EngineSnapshot live = snapshot.toCompletableFuture().join();
    accepted.forEach((id, item) -> {
      WorkItem back = live.item(id).orElseThrow().item();
      assertThat(back.customerId()).isEqualTo(item.customerId());
      assertThat(back.attributes()).isEqualTo(item.attributes());
      assertThat(back.conversationId()).isEqualTo(item.conversationId());
    });
  }

  /** The engine's whole state without its clock, which a restart reads anew. */
  private static StateImage timeless(ManualSwitchboard sb) {
    StateImage s = image(sb);
    return new StateImage(0, Instant.EPOCH, s.eventSequence(), s.agentSequence(),
        s.itemSequence(), s.roundRobinCursor(), s.activityStamp(), s.agents(), s.items(),
        s.conversations(), s.finished(), s.timers(), s.channels(), s.affinity(), s.sla(),
        s.campaigns());
  }

  private static StateImage image(ManualSwitchboard sb) {
    return ((ManualEngine) sb).engine().exportState();
  }

  private static void ok(ManualSwitchboard sb, CompletionStage<?> stage) {
    sb.drain();
    stage.toCompletableFuture().join();
  }

  /** The call is refused on the caller's thread, and the engine is left as it was. */
  private static void refusedAtOnce(ManualSwitchboard sb, Supplier<?> call) {
    sb.drain(); // reads the clock
    StateImage before = image(sb);
    assertThatThrownBy(call::get).isInstanceOf(IllegalArgumentException.class);
    sb.drain();
    assertThat(image(sb)).isEqualTo(before);
  }

  /** The engine rejects the call, and is left as it was. */
  private static void rejected(ManualSwitchboard sb, Supplier<CompletionStage<?>> call) {
    sb.drain();
    StateImage before = image(sb);
    CompletionStage<?> stage = call.get();
    sb.drain();
    assertThat(catchThrowable(() -> stage.toCompletableFuture().join()))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(CommandRejectedException.class);
    assertThat(image(sb)).isEqualTo(before);
  }
}
