package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.Pacing;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Replications spread over threads give the same report as one after another, to the last digit:
 * the seeds are drawn in order first and the results combined in order.
 */
class SimulationThreadsTest {

  private static Simulation centre() {
    Simulation.Builder b = Simulation.builder().horizon(Duration.ofHours(2))
        .warmUp(Duration.ofMinutes(10)).replications(7).seed(11);
    for (int i = 1; i <= 5; i++) {
      b.agent(Agent.builder("a" + i).capacity(Channel.CHAT, 2).capacity(Channel.SMS, 1)
          .team(i <= 2 ? "blue" : "red").build());
    }
    b.stream(ArrivalStream.builder("chat", Channel.CHAT).ratePerHour(90)
        .handleTime(Distribution.exponential(Duration.ofMinutes(4)))
        .patience(Distribution.exponential(Duration.ofMinutes(3))).build());
    b.campaign(CampaignWorkload.builder(Campaign.builder("promo", Channel.SMS).build())
        .contacts(200).assign(Assignee.team("blue"), Pacing.share(0.2, Duration.ofHours(1)))
        .handleTime(Distribution.fixed(Duration.ofMinutes(2))).build());
    return b.build();
  }

  @Test
  void anyNumberOfThreads_givesTheSameReport() {
    Simulation sim = centre();
    SimulationReport one = sim.run();
    for (int threads : new int[] {2, 3, 7, 16}) {
      SimulationReport many = sim.run(threads);
      assertThat(many).as(threads + " threads").isEqualTo(one);
      assertThat(many.toJson()).isEqualTo(one.toJson());
    }
  }

  @Test
  void theNewModels_giveTheSameReportOnAnyNumberOfThreads() {
    // trunks, waiting room, end of day, busyness, group selection, retrials, balking, dialer
    Simulation sim = SimulationModelsTest.together();
    SimulationReport one = sim.run();
    for (int threads : new int[] {2, 5}) {
      SimulationReport many = sim.run(threads);
      assertThat(many).as(threads + " threads").isEqualTo(one);
      assertThat(many.toJson()).isEqualTo(one.toJson());
      assertThat(many.toHtml("x")).isEqualTo(one.toHtml("x"));
    }
  }

  @Test
  void threads_outsideOneTo256_areRefused() {
    assertThatThrownBy(() -> centre().run(0)).hasMessage("threads is 0; allowed: 1 to 256");
    assertThatThrownBy(() -> centre().run(257)).hasMessage("threads is 257; allowed: 1 to 256");
  }
}
