package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.adapters.Fuzz;
import dev.switchboard.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing scenario files: mutated scenarios (numbers swapped for huge, tiny, negative and
 * non-numeric values, structure broken, limits crossed) through {@code Scenario.parse}. Every
 * input ends as a built {@link Simulation} or a {@link UserError} naming where; nothing else is
 * thrown, nothing hangs.
 */
class ScenarioFuzzTest {

  private static final List<String> SEEDS = List.of("""
      {"hours": 2, "warmUpHours": 0.5, "replications": 3, "seed": 7, "slSeconds": 20,
       "missProbability": 0.02, "acceptDelaySeconds": 3, "offerTimeoutSeconds": 30,
       "strategy": "LONGEST_IDLE", "skills": ["billing"],
       "queues": {"vip": [{"target": {"team": "gold"}, "waitSeconds": 30},
                          {"target": "requiredSkills", "priorityBoost": 10}],
                  "care": [{"target": "ownAgent", "slaShare": 0.5, "waitSeconds": 60}]},
       "wrapUpSeconds": {"voice": 20},
       "slaPolicies": [{"name": "chat", "channel": "chat", "firstResponseSeconds": 90,
                        "resolutionSeconds": 1800, "warnAt": 0.5}],
       "agents": [
         {"id": "ann", "skills": {"billing": 7}, "channels": {"voice": 1, "email": 3},
          "exclusive": ["voice"], "team": "gold", "totalCapacity": 3},
         {"id": "bob", "skills": {"billing": 4}, "channels": {"chat": 2, "sms": 1},
          "team": "blue", "shifts": [[0, 1.5]]}],
       "streams": [
         {"name": "calls", "channel": "voice", "queue": "vip", "skills": {"billing": 3},
          "ratePerHour": 8, "handleTime": {"exponential": 240}, "patience": {"exponential": 120},
          "slaSeconds": 60},
         {"name": "chats", "channel": "chat", "queue": "care", "ratesPerHour": [10, 20],
          "periodMinutes": 30, "customers": 40, "handleTime": {"lognormal": [300, 120]},
          "followUps": {"probability": 0.2, "delay": {"fixed": 600}}},
         {"name": "mail", "channel": "email", "ratePerHour": 3,
          "handleTime": {"empirical": [60, 120, 300]}}],
       "campaigns": [
         {"id": "renewals", "channel": "sms", "contacts": 50, "handleTime": {"fixed": 120},
          "assign": [{"team": "blue", "pacing": {"share": 0.2, "windowHours": 1}}]}]}
      """, """
      {"hours": 3, "warmUpHours": 1, "replications": 2, "skills": ["in", "out"],
       "queues": {"out": [{"target": "requiredSkills"}]},
       "trunks": 8, "maxWaiting": 4, "disconnectAtClose": true,
       "busyness": {"gammaShape": 20}, "groupSelection": "random",
       "agents": [
         {"id": "in", "count": 2, "team": "inbound", "skills": {"in": 1},
          "channels": {"voice": 1}, "shifts": [[0, 2.5]]},
         {"id": "bl", "count": 2, "team": "blend", "skills": {"in": 1, "out": 1},
          "channels": {"voice": 1}, "shifts": [[0, 3]]}],
       "streams": [
         {"name": "calls", "channel": "voice", "queue": "in", "skills": {"in": 1},
          "periodMinutes": 60, "ratesPerHour": [20, 30, 10],
          "handleTime": {"uniform": [60, 300]}, "patience": {"gamma": [2, 120]},
          "balkProbability": 0.1, "retrials": {"probability": 0.5, "delay": {"fixed": 600}}}],
       "dialer": {"name": "outbound", "channel": "voice", "queue": "out", "skills": {"out": 1},
          "fromHour": 1, "untilHour": 2.5, "minFreeAgents": 1, "minFreeDialerAgents": 1,
          "callsPerFreeAgent": 2, "periodMinutes": 30,
          "rightPartyProbabilities": [0.2, 0.3], "handleTime": {"exponential": 200},
          "patience": {"fixed": 5}}}
      """, """
      {"hours": 1, "agents": [{"id": "a", "channels": {"sms": 1}}],
       "streams": [{"name": "s", "channel": "sms", "ratePerHour": 1,
                    "handleTime": {"fixed": 3}}]}
      """);
  private static final List<String> TOKENS = List.of("1e12", "1e400", "-1", "-0", "0", "0.0",
      "NaN", "Infinity", "1e-300", "8760", "8761", "100001", "4294967297",
      "99999999999999999999999", "0.9999999999", "1.0000001", "null", "true", "\"\"", "\"x\"",
      "[]", "{}", "[[[[", "]]", "}", "{", ",", ":", "\"", "\\u0000", "\\", "\"hours\": ",
      "\"agents\": [", "\"streams\": [", "{\"fixed\": 1e12}", "{\"exponential\": 0}",
      "{\"lognormal\": [1, 1e9]}", "{\"empirical\": []}",
      "{\"gamma\": [0, 1]}", "{\"uniform\": [5, 1]}", "\"random\"", "false", "\"ghost\"",
      "\"requiredSkills\"",
      "\u00e9", " ", "\n");

  @Test
  void scenarios_buildOrAreRefusedWithTheirPath_neverAnythingElse() {
    Fuzz.Report report = Fuzz.of("scenario JSON", 2_000, ScenarioFuzzTest::scenario)
        .check(ScenarioFuzzTest::outcome);

    assertThat(report.count("accepted")).as("%s", report).isPositive();
    assertThat(report.count("refused")).as("%s", report).isPositive();
  }

  private static String scenario(Random r) {
    byte[] seed = SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
    if (r.nextInt(10) == 0) {
      return new String(Fuzz.noise(r, TOKENS, r.nextInt(400)), StandardCharsets.UTF_8);
    }
    if (r.nextInt(4) == 0) {
      return new String(seed, StandardCharsets.UTF_8); // the seeds themselves must build
    }
    return new String(Fuzz.mutate(r, seed, TOKENS, 8_000), StandardCharsets.UTF_8);
  }

  private static String outcome(String json) {
    try {
      assertThat(Scenario.parse(json)).isNotNull();
      return "accepted";
    } catch (UserError e) {
      assertThat(e.getMessage()).as("a refusal says where").isNotBlank()
          .doesNotContain("Exception").doesNotEndWith(": null");
      return "refused";
    }
  }
}
