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

  /** An SMS campaign worked by every agent outside the named team. */
  private static String campaignCentre(String team) {
    return """
        {"hours": 2, "replications": 1, "seed": 5, "skills": ["billing"],
         "agents": [{"id": "ana", "channels": {"sms": 1}, "team": "%s"}],
         "streams": [{"name": "quiet", "channel": "sms", "ratePerHour": 0,
                      "handleTime": {"fixed": 60}}],
         "campaigns": [{"id": "renewals", "channel": "sms", "contacts": 50,
                        "handleTime": {"fixed": 60},
                        "assign": [{"expression": "not agent.team == \\"trainees\\"",
                                    "pacing": "onlyWhenIdle"}]}]}
        """.formatted(team);
  }

  @Test
  void aCampaignAssignedByExpression_isWorkedOnlyByAgentsMeetingIt() {
    SimulationReport blue = Scenario.parse(campaignCentre("blue")).run();
    SimulationReport trainee = Scenario.parse(campaignCentre("trainees")).run();
    assertThat(blue.campaigns().get("renewals").contactsHandled().mean()).isPositive();
    assertThat(trainee.campaigns().get("renewals").contactsHandled().mean()).isZero();
    assertThatThrownBy(() -> Scenario.parse(campaignCentre("blue")
        .replace("not agent.team", "not agent.team ==")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("campaigns[0].assign[0].expression")
        .hasMessageContaining("position");
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
