package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario (or a set of simulate flags) past a size or value limit is refused with one line
 * naming where, the value and the limit: never a NullPointerException from the JSON reader (as
 * nesting 5,000 deep, a 5,000-digit number or a 30 MB string used to end), and never a simulation
 * that cannot finish (as 10^12 hours used to start).
 */
class ScenarioLimitsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir
  Path dir;

  private String refused(String... args) {
    out.reset();
    err.reset();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Main.run(args, o, e);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(status).as(stderr).isEqualTo(Main.USAGE_ERROR);
    assertThat(stderr).doesNotContain("Exception").doesNotContain("\tat ");
    return stderr.lines().findFirst().orElse("");
  }

  private String scenario(String json) throws Exception {
    Path file = dir.resolve("scenario.json");
    Files.writeString(file, json);
    return refused("simulate", "--scenario", file.toString());
  }

  /**
   * A one-agent, one-stream centre with {@code extra} top-level fields. Its {@code campaigns},
   * read last, are malformed: a value the reader wrongly takes ends in that other refusal, not in
   * a simulation that runs for hours.
   */
  private static String centre(String extra, String stream) {
    return "{\"hours\": 1, " + extra + "\"agents\": [{\"id\": \"a\", \"channels\": {\"sms\": 1}}],"
        + " \"streams\": [{\"name\": \"s\", \"channel\": \"sms\", " + stream + "}],"
        + " \"campaigns\": 0}";
  }

  @Test
  void jsonSizeLimits_nameThePathAndTheLimit() throws Exception {
    assertThat(scenario("{\"queues\": {\"q\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}}"))
        .contains("the scenario is over a size limit at $.queues.q[0][0]")
        .contains("levels deep").contains("nesting depth (33) exceeds the maximum allowed (32)");
    assertThat(scenario("{\"hours\": " + "9".repeat(5_000) + "}"))
        .contains("at $.hours (line 1").contains("Number value length")
        .contains("exceeds the maximum allowed (64)");
    assertThat(scenario("{\"hours\": 1, \"agents\": [{\"id\": \"" + "x".repeat(30 << 20)
        + "\"}]}")).contains("scenario file").contains("at most 16777216 are read");
    assertThat(scenario("{\"hours\": 1, \"agents\": [{\"id\": \"" + "x".repeat(100_000)
        + "\"}]}")).contains("at $.agents[0].id").contains("String value length")
        .contains("exceeds the maximum allowed (65536)");
    assertThat(scenario("{\"hours\": 1, \"hours\": 2}"))
        .contains("not valid JSON at $.hours").contains("Duplicate field 'hours'");
    assertThat(scenario("")).contains("the scenario is empty");
  }

  @Test
  void scenarioValues_areCappedNamingFieldValueAndLimit() throws Exception {
    assertThat(scenario("{\"hours\": 1e12}"))
        .isEqualTo("switchboard-examples: $.hours: 1.0E12 is not allowed; expected a positive"
            + " number of hours, at most 8760 (one year)");
    assertThat(scenario("{\"hours\": 1e400}")).contains("$.hours: ").contains("at most 8760");
    assertThat(scenario(centre("\"replications\": 100001, ", "\"ratePerHour\": 1,"
        + " \"handleTime\": {\"fixed\": 3}")))
        .contains("$.replications: 100001 is not allowed; expected a whole number from 1 to 100000");
    assertThat(scenario(centre("", "\"ratePerHour\": 2e6, \"handleTime\": {\"fixed\": 3}")))
        .contains("$.streams[0].ratePerHour: 2000000.0 is not allowed; expected a number from 0"
            + " to 1000000");
    assertThat(scenario(centre("", "\"ratesPerHour\": [1, -2], \"handleTime\": {\"fixed\": 3}")))
        .contains("$.streams[0].ratesPerHour[1]: -2 is not allowed");
    assertThat(scenario(centre("", "\"ratePerHour\": 1, \"handleTime\": {\"fixed\": 1e9}")))
        .contains("$.streams[0].handleTime.fixed: 1.0E9 is not allowed; expected a number of"
            + " seconds, at most 31536000 (one year)");
    assertThat(scenario(centre("", "\"ratePerHour\": 1, \"handleTime\": {\"lognormal\": [60,"
        + " 1e300]}"))).contains("$.streams[0].handleTime.lognormal[1]: 1.0E300 is not allowed");
    assertThat(scenario(centre("", "\"ratePerHour\": 1, \"handleTime\": {\"fixed\": 3},"
        + " \"customers\": 20000000"))).contains("$.streams[0].customers: 20000000 is not"
            + " allowed; expected a whole number from 1 to 10000000");
    assertThat(scenario(centre("\"warmUpHours\": 9000, ", "\"ratePerHour\": 1,"
        + " \"handleTime\": {\"fixed\": 3}"))).contains("$.warmUpHours: 9000 is not allowed");
    StringBuilder agents = new StringBuilder("{\"hours\": 1, \"agents\": [");
    for (int i = 0; i <= 100_000; i++) {
      agents.append(i == 0 ? "" : ",").append("{}");
    }
    assertThat(scenario(agents.append("]}").toString()))
        .contains("$.agents: an array of 100001 is not allowed; expected at most 100000");
  }

  @Test
  void simulateFlags_areCappedToo() {
    // --replications 0, read after the others, stops a run should a value be wrongly taken
    assertThat(refused("simulate", "--arrival-rate-per-hour", "100", "--aht-seconds", "180",
        "--agents", "6", "--hours", "1e12", "--replications", "0"))
        .contains("--hours is '1e12'; it must be a positive number, at most 8760");
    assertThat(refused("simulate", "--arrival-rate-per-hour", "1e12", "--aht-seconds", "180",
        "--agents", "6", "--replications", "0")).contains("--arrival-rate-per-hour is '1e12'").contains("1000000");
    assertThat(refused("simulate", "--arrival-rate-per-hour", "100", "--aht-seconds", "NaN",
        "--agents", "6")).contains("--aht-seconds is 'NaN'");
    assertThat(refused("erlang", "--arrival-rate-per-hour", "100", "--aht-seconds", "180",
        "--agents", "100001")).contains("--agents is '100001'; it must be a whole number from 1"
            + " to 100000");
    assertThat(refused("erlang", "--arrival-rate-per-hour", "100", "--aht-seconds", "180",
        "--agents", "6", "--replications", "1000000"))
        .contains("--replications is '1000000'; it must be a whole number from 1 to 100000");
  }
}
