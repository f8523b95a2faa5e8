package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sim.SimulationReport;
import org.junit.jupiter.api.Test;

/** Routing expressions and agents' attributes in scenario files. */
class ScenarioExpressionsTest {

  /** A Spanish line: only agents whose languages include Spanish, or billing at 9, take it. */
  private static String centre(String languages) {
    return """
        {"hours": 2, "replications": 2, "seed": 3, "skills": ["billing"],
         "queues": {"es": [{"target": {"expression":
             "agent.languages has \\"es\\" or billing >= 9"}}]},
         "agents": [{"id": "ana", "skills": {"billing": 5}, "channels": {"voice": 1},
                     "attributes": {"languages": %s, "tenure": 2.5, "site": "Madrid"}}],
         "streams": [{"name": "calls", "channel": "voice", "queue": "es", "ratePerHour": 6,
                      "handleTime": {"exponential": 120}}]}
        """.formatted(languages);
  }

  @Test
  void anExpressionTarget_routesByTheAgentsAttributes() {
    SimulationReport spanish = Scenario.parse(centre("[\"en\", \"es\"]")).run();
    SimulationReport english = Scenario.parse(centre("[\"en\"]")).run();
    assertThat(spanish.outcomes().served().mean()).isPositive();
    assertThat(spanish.outcomes().unanswered().mean()).isZero();
    // nobody may take the calls: every one is still waiting when the day ends
    assertThat(english.outcomes().served().mean()).isZero();
    assertThat(english.outcomes().unanswered().mean())
        .isEqualTo(english.outcomes().arrivals().mean()).isPositive();
  }

  @Test
  void aBadExpressionOrAttribute_isRefusedNamingItsPath() {
    assertThatThrownBy(() -> Scenario.parse(centre("[\"es\"]")
        .replace("agent.languages has", "agent.languages hass")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("queues.es[0].target.expression")
        .hasMessageContaining("position");
    assertThatThrownBy(() -> Scenario.parse(centre("{\"nested\": true}")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("attributes.languages")
        .hasMessageContaining("a text, a number or a list of texts");
  }
}
