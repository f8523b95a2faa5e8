package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.Pacing;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every numeric input of a simulation has a limit: at the limit it is taken, past it the refusal
 * names the field, the value and the limit. Without them a horizon of 10^12 hours, or a rate of
 * 10^12 per hour, built a simulation that never finished.
 */
class SimulationLimitsTest {

  private static final Duration YEAR = Duration.ofHours(8_760);
  private static final Duration PAST = YEAR.plusHours(1);

  private static void refused(Executable call, String... parts) {
    assertThatThrownBy(call::execute).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(parts);
  }

  private static ArrivalStream.Builder stream() {
    return ArrivalStream.builder("s", Channel.CHAT).ratePerHour(1)
        .handleTime(Distribution.fixed(Duration.ofMinutes(1)));
  }

  @Test
  void horizonAndReplications_areCapped() {
    assertThatCode(() -> Simulation.builder().horizon(YEAR).replications(100_000))
        .doesNotThrowAnyException();
    refused(() -> Simulation.builder().horizon(PAST), "horizon", "PT8761H", "at most PT8760H");
    refused(() -> Simulation.builder().horizon(Duration.ofHours(1_000_000_000_000L)),
        "horizon", "at most PT8760H");
    refused(() -> Simulation.builder().replications(100_001), "replications", "100001",
        "at most 100000");
    refused(() -> Simulation.builder().serviceLevelThreshold(PAST), "serviceLevelThreshold",
        "at most PT8760H");
  }

  @Test
  void agentsStreamsAndCampaigns_areCounted() {
    Simulation.Builder b = Simulation.builder();
    Agent agent = Agent.builder("a").channel(Channel.CHAT).build();
    for (int i = 0; i < SimulationLimits.MAX_AGENTS; i++) {
      b.agent(agent);
    }
    refused(() -> b.agent(agent), "agents", "100001", "at most 100000");
    Shift[] shifts = new Shift[1_001];
    for (int i = 0; i < shifts.length; i++) {
      shifts[i] = Shift.of(Duration.ofMinutes(2L * i), Duration.ofMinutes(2L * i + 1));
    }
    refused(() -> Simulation.builder().agent(agent, shifts), "shifts of agent a", "1001",
        "at most 1000");
    Simulation.Builder s = Simulation.builder();
    for (int i = 0; i < SimulationLimits.MAX_STREAMS; i++) {
      s.stream(ArrivalStream.builder("s" + i, Channel.CHAT).ratePerHour(1)
          .handleTime(Distribution.fixed(Duration.ZERO)).build());
    }
    refused(() -> s.stream(stream().build()), "streams", "1001", "at most 1000");
  }

  @Test
  void streamRatesPeriodsAndCustomers_areCapped() {
    assertThatCode(() -> stream().ratePerHour(1_000_000).customers(10_000_000).build())
        .doesNotThrowAnyException();
    refused(() -> stream().ratePerHour(1_000_001).build(), "arrival rate 1000001.0",
        "from 0 to 1000000");
    refused(() -> stream().ratePerHour(Double.NaN).build(), "arrival rate NaN");
    refused(() -> stream().ratePerHour(Double.POSITIVE_INFINITY).build(), "arrival rate Infinity");
    refused(() -> stream().customers(10_000_001), "customers is 10000001", "10000000");
    refused(() -> stream().ratesPerHour(PAST, List.of(1.0)).build(), "period", "PT8761H");
    refused(() -> stream().ratesPerHour(Duration.ofMinutes(1),
        Collections.nCopies(100_001, 1.0)).build(), "rate periods is 100001", "at most 100000");
    refused(() -> stream().slaTarget(PAST).build(), "SLA target", "PT8761H");
  }

  @Test
  void durationsAndDistributions_areCappedAtAYear() {
    assertThatCode(() -> Distribution.fixed(YEAR)).doesNotThrowAnyException();
    refused(() -> Distribution.fixed(PAST), "value is PT8761H", "at most PT8760H");
    refused(() -> Distribution.exponential(PAST), "mean is PT8761H");
    refused(() -> Distribution.lognormal(Duration.ofMinutes(5), PAST), "standardDeviation");
    refused(() -> new Distribution.LogNormal(40, 0), "mean is", "at most 31536000");
    refused(() -> new Distribution.Fixed(Double.NaN), "seconds is NaN");
    refused(() -> new Distribution.Exponential(-1), "mean is -1.0");
    refused(() -> Distribution.empirical(new Duration[100_001]), "observations is 100001");
    refused(() -> Shift.of(Duration.ZERO, PAST), "shift end", "PT8761H");
  }

  @Test
  void campaignContacts_areCapped() {
    Campaign c = Campaign.builder("c", Channel.SMS).build();
    refused(() -> CampaignWorkload.builder(c).contacts(1_000_001)
        .handleTime(Distribution.fixed(Duration.ofMinutes(1)))
        .assign(Assignee.agent("a"), Pacing.onlyWhenIdle()).build(),
        "contacts is 1000001", "at most 1000000");
    assertThat(CampaignWorkload.builder(c).contacts(1_000_000)
        .handleTime(Distribution.fixed(Duration.ofMinutes(1)))
        .assign(Assignee.agent("a"), Pacing.onlyWhenIdle()).build().contacts())
        .isEqualTo(1_000_000);
  }
}
