package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.Target;
import dev.switchboard.TestSwitchboards;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.index.IndexedMatcher;
import dev.switchboard.internal.loop.ManualEngine;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of the current layout carry items pinned to routing expressions and campaign
 * assignees by expression; snapshots of layout 7, written before those existed, are still read.
 */
class SnapshotLayoutTest {

  private final EngineConfig config = TestSwitchboards.config(Switchboard.builder()
      .clock(new ManualClock(Instant.parse("2026-01-05T09:00:00Z")))
      .skills("billing", "escalations")
      .queue("tech", RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("tech")))));
  private final CommandCodec codec = new CommandCodec(config.channels());

  /** Agents, waiting and offered items (one pinned to an agent) and a campaign for a team. */
  private ManualEngine centre() {
    ManualEngine sb = new ManualEngine(config, IndexedMatcher::new);
    sb.addAgent(Agent.builder("ann").skill("billing", 6).channel(Channel.CHAT).team("blue")
        .build());
    sb.addAgent(Agent.builder("bob").skill("escalations", 1).channel(Channel.CHAT).build());
    sb.setPresence("ann", Presence.AVAILABLE);
    for (String id : List.of("c1", "c2", "c3")) {
      sb.submit(WorkItem.builder(id, Channel.CHAT).customer("cust-" + id).queue("tech").build());
    }
    sb.transfer("c1", TransferTarget.agent("ann"));
    sb.supervisor().addCampaign(Campaign.builder("promo", Channel.SMS).build());
    sb.supervisor().addContacts("promo", List.of(CampaignContact.of("k1", "cust-k1")));
    sb.supervisor().assignCampaign(new CampaignAssignment("promo", Assignee.team("blue"),
        Pacing.onlyWhenIdle()));
    sb.drain();
    return sb;
  }

  private StateImage restored(byte[] bytes) throws IOException {
    ManualEngine fresh = new ManualEngine(config, IndexedMatcher::new);
    EngineState.restore(fresh.engine(), config, codec, bytes);
    return fresh.engine().exportState();
  }

  @Test
  void layout7_isStillRead_intoTheSameState() throws IOException {
    ManualEngine sb = centre();
    StateImage before = sb.engine().exportState();
    assertThat(before.items()).extracting(StateImage.ItemImage::pinnedAgent).contains("ann");
    byte[] old = EngineState.write(sb.engine(), codec, 7);
    assertThat(old).isNotEqualTo(EngineState.write(sb.engine(), codec));
    assertThat(restored(old)).isEqualTo(before);
  }

  @Test
  void currentLayout_carriesExpressionPinsAndAssignees_whichLayout7CannotHold()
      throws IOException {
    ManualEngine sb = centre();
    sb.transfer("c2", TransferTarget.matching("billing >= 9 or escalations >= 1"));
    sb.supervisor().assignCampaign(new CampaignAssignment("promo",
        Assignee.matching("not agent.team == \"trainees\""), Pacing.onlyWhenIdle()));
    sb.drain();
    StateImage before = sb.engine().exportState();
    assertThat(before.items()).extracting(StateImage.ItemImage::pinnedExpression)
        .contains(dev.switchboard.ExpressionSyntax.parse("billing >= 9 or escalations >= 1"));
    assertThat(restored(EngineState.write(sb.engine(), codec))).isEqualTo(before);
    assertThatThrownBy(() -> EngineState.write(sb.engine(), codec, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot hold an item pinned to a routing expression");
  }
}
