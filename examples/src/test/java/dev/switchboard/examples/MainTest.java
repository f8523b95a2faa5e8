package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir
  Path dir;

  private int run(String... args) {
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      return Main.run(args, o, e);
    }
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private JsonNode json() throws Exception {
    return new ObjectMapper().readTree(stdout());
  }

  @Test
  void burstCommand_printsDecisionsAndASummary() {
    assertThat(run("burst")).isZero();
    assertThat(stdout()).contains("Switchboard demo").contains("Summary");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void demoFast_runsADayAndWritesTheReport() {
    Path report = dir.resolve("day.html");
    assertThat(run("demo", "--fast", "--report", report.toString())).isZero();
    assertThat(stdout()).contains("day complete: submitted").contains(report.toString());
    assertThat(report).content().contains("<svg").contains("chat").contains("voice");
  }

  @Test
  void simulate_singleQueue_printsEveryKpiWithItsInterval() throws Exception {
    assertThat(run("simulate", "--arrival-rate-per-hour", "100", "--aht-seconds", "180",
        "--agents", "6", "--hours", "4", "--replications", "5", "--seed", "3")).isZero();
    JsonNode j = json();
    for (String key : new String[] {"probabilityOfWait", "averageSpeedOfAnswerSeconds",
        "serviceLevel", "abandonmentRate", "occupancy"}) {
      assertThat(j.get(key).isNumber()).as(key).isTrue();
      assertThat(j.get(key + "Ci95").isNumber()).as(key + "Ci95").isTrue();
    }
    assertThat(j.get("itemsSimulated").asLong()).isGreaterThan(1000);
  }

  @Test
  void erlang_printsTheSameKeysAsSimulate() throws Exception {
    assertThat(run("erlang", "--arrival-rate-per-hour", "100", "--aht-seconds", "180",
        "--agents", "6")).isZero();
    JsonNode j = json();
    assertThat(j.get("probabilityOfWait").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("serviceLevelCi95").asDouble()).isZero();
    assertThat(j.get("model").asText()).contains("Erlang C");
  }

  @Test
  void erlang_withPatience_usesErlangA() throws Exception {
    assertThat(run("erlang", "--arrival-rate-per-hour", "200", "--aht-seconds", "180",
        "--agents", "8", "--patience-seconds", "60")).isZero();
    JsonNode j = json();
    assertThat(j.get("model").asText()).contains("Erlang A");
    assertThat(j.get("abandonmentRate").asDouble()).isGreaterThan(0.0);
  }

  @Test
  void simulate_scenarioFile_runsAMultichannelCentre() throws Exception {
    Path file = dir.resolve("centre.json");
    Files.writeString(file, """
        {"hours": 2, "replications": 3, "skills": ["billing"],
         "queues": {"vip": [{"target": {"team": "gold"}, "waitSeconds": 30},
                            {"target": "requiredSkills", "priorityBoost": 10}]},
         "wrapUpSeconds": {"voice": 20},
         "agents": [
           {"id": "ann", "skills": {"billing": 7}, "channels": {"voice": 1, "email": 3},
            "exclusive": ["voice"], "team": "gold"},
           {"id": "bob", "skills": {"billing": 4}, "channels": {"chat": 2}, "shifts": [[0, 1.5]]}],
         "streams": [
           {"name": "calls", "channel": "voice", "queue": "vip", "skills": {"billing": 3},
            "ratePerHour": 8, "handleTime": {"exponential": 240}, "patience": {"exponential": 120},
            "slaSeconds": 60},
           {"name": "chats", "channel": "chat", "ratesPerHour": [10, 20], "periodMinutes": 30,
            "handleTime": {"lognormal": [300, 120]},
            "followUps": {"probability": 0.2, "delay": {"fixed": 600}}}]}
        """);
    assertThat(run("simulate", "--scenario", file.toString())).as(stderr()).isZero();
    JsonNode j = json();
    assertThat(j.get("byChannel").has("voice")).isTrue();
    assertThat(j.get("byChannel").has("chat")).isTrue();
    assertThat(j.get("byQueue").has("vip")).isTrue();
  }

  @Test
  void simulate_scenarioWithOwnersSlaPoliciesAndACampaign_reportsTheCampaign() throws Exception {
    Path file = dir.resolve("blended.json");
    Files.writeString(file, """
        {"hours": 3, "warmUpHours": 0.5, "replications": 3, "seed": 7,
         "queues": {"care": [{"target": "ownAgent", "waitSeconds": 60},
                             {"target": "recentAgents", "slaShare": 0.5, "waitSeconds": 120},
                             {"target": "requiredSkills"}]},
         "slaPolicies": [{"name": "chat", "channel": "chat", "firstResponseSeconds": 90,
                          "resolutionSeconds": 1800, "warnAt": 0.5}],
         "agents": [
           {"id": "ann", "channels": {"chat": 2, "sms": 1}, "team": "blue"},
           {"id": "bob", "channels": {"chat": 2, "sms": 1}, "team": "blue"},
           {"id": "cy", "channels": {"chat": 2}}],
         "streams": [
           {"name": "chats", "channel": "chat", "queue": "care", "ratePerHour": 30,
            "customers": 50, "handleTime": {"exponential": 300}}],
         "campaigns": [
           {"id": "renewals", "channel": "sms", "contacts": 500, "handleTime": {"fixed": 120},
            "assign": [{"team": "blue", "pacing": {"share": 0.2, "windowHours": 1}},
                       {"agent": "cy", "pacing": "onlyWhenIdle"}]}]}
        """);
    assertThat(run("simulate", "--scenario", file.toString())).as(stderr()).isZero();
    JsonNode j = json();
    JsonNode renewals = j.get("campaigns").get("renewals");
    assertThat(renewals.get("targetShare").asDouble()).isEqualTo(0.2);
    assertThat(renewals.get("shareAchieved").asDouble()).isBetween(0.05, 0.5);
    assertThat(renewals.get("contactsHandled").asDouble()).isGreaterThan(10);
    assertThat(j.get("affinityHitRate").asDouble()).isGreaterThan(0.0);
    assertThat(j.get("byChannel").has("sms")).isFalse();
  }

  @Test
  void scenarioMistakes_nameTheJsonPathTheValueAndWhatIsAllowed() throws Exception {
    String[][] cases = {
        {"{\"hours\": 2, \"agents\": [{\"id\": \"a\", \"channels\": {\"fax\": 1}}], \"streams\": []}",
            "$.agents[0].channels.fax: \"fax\" is not allowed; expected one of"},
        {"{\"hours\": -1}", "$.hours: -1 is not allowed; expected a positive number"},
        {"{\"hours\": 1, \"agnets\": []}", "$.agnets: unknown field; allowed:"},
        {"{\"hours\": 1, \"agents\": [{\"id\": \"a\", \"skills\": {\"x\": 12}, \"channels\": {\"sms\": 1}}],"
            + " \"streams\": []}", "$.agents[0].skills.x: 12 is not allowed; expected a skill level"},
        {"{\"hours\": 1, \"skills\": [\"x\"], \"agents\": [{\"id\": \"a\", \"channels\": {\"sms\": 1}}],"
            + " \"streams\": [{\"name\": \"s\", \"channel\": \"sms\", \"ratePerHour\": 1,"
            + " \"handleTime\": {\"weibull\": 3}}]}",
            "$.streams[0].handleTime.weibull: unknown field"},
        {"{\"hours\": 1, \"agents\": [{\"id\": \"a\", \"channels\": {\"sms\": 1}}],"
            + " \"streams\": [{\"name\": \"s\", \"channel\": \"sms\", \"ratePerHour\": 1,"
            + " \"handleTime\": {\"gamma\": [0, 60]}}]}",
            "$.streams[0].handleTime.gamma[0]: 0 is not allowed; expected a gamma shape"},
        {"{\"hours\": 1, \"agents\": [{\"id\": \"a\", \"channels\": {\"sms\": 1}}],"
            + " \"streams\": [{\"name\": \"s\", \"channel\": \"sms\", \"ratePerHour\": 1,"
            + " \"handleTime\": {\"uniform\": [60, 30]}}]}",
            "$.streams[0].handleTime.uniform[1]: 30 is not allowed; expected a maximum"},
        {"{\"hours\": 1, \"groupSelection\": \"fair\","
            + " \"agents\": [{\"id\": \"a\", \"channels\": {\"sms\": 1}}],"
            + " \"streams\": [{\"name\": \"s\", \"channel\": \"sms\", \"ratePerHour\": 1,"
            + " \"handleTime\": {\"fixed\": 3}}]}",
            "$.groupSelection: \"fair\" is not allowed; expected \"random\" or \"engine\""},
        {"{\"hours\": 1, \"agents\": [{\"id\": \"a\", \"channels\": {\"voice\": 1}}],"
            + " \"streams\": [{\"name\": \"s\", \"channel\": \"voice\", \"ratePerHour\": 1,"
            + " \"handleTime\": {\"fixed\": 3}}], \"dialer\": {\"name\": \"d\","
            + " \"channel\": \"voice\", \"fromHour\": 2, \"untilHour\": 1,"
            + " \"handleTime\": {\"fixed\": 3}}}",
            "$.dialer.untilHour: 1 is not allowed; expected an hour after fromHour"},
        {"{\"hours\": 1, \"trunks\": 0, \"agents\": [{\"id\": \"a\", \"channels\": {\"sms\": 1}}],"
            + " \"streams\": [{\"name\": \"s\", \"channel\": \"sms\", \"ratePerHour\": 1,"
            + " \"handleTime\": {\"fixed\": 3}}]}",
            "$.trunks: 0 is not allowed; expected a whole number from 1 to 1000000"},
        {"{\"hours\": 1, \"agents\": [{\"id\": \"a\", \"channels\": {\"sms\": 1}}],"
            + " \"streams\": [{\"name\": \"s\", \"channel\": \"sms\", \"ratePerHour\": 1,"
            + " \"skills\": {\"ghost\": 2}, \"handleTime\": {\"fixed\": 3}}]}",
            "stream 's': UNKNOWN_SKILL: skill 'ghost' is not registered"},
        {"{\"hours\": 1, \"queues\": {\"q\": [{\"target\": \"requiredSkills\", \"priorityBoost\": 200}]},"
            + " \"agents\": [], \"streams\": []}",
            "$.queues.q[0].priorityBoost: 200 is not allowed; expected a whole number from 0 to 100"},
        {"{\"hours\": 1, \"agents\": [{\"id\": \"a\", \"channels\": {\"sms\": 4294967297}}],"
            + " \"streams\": []}", "$.agents[0].channels.sms: 4294967297 is not allowed"},
        {"{\"hours\": 1, \"queues\": {\"q\": [{\"target\": \"myAgent\"}]}, \"agents\": [],"
            + " \"streams\": []}", "$.queues.q[0].target: \"myAgent\" is not allowed; expected one of"
            + " [requiredSkills, ownAgent, recentAgents]"},
        {"{\"hours\": 1, \"queues\": {\"q\": [{\"target\": \"ownAgent\", \"slaShare\": 0.5}]},"
            + " \"agents\": [], \"streams\": []}",
            "$.queues.q[0].waitSeconds: missing; it is required with \"slaShare\""},
        {"{\"hours\": 1, \"queues\": {\"q\": [{\"target\": \"ownAgent\", \"slaShare\": 1.5,"
            + " \"waitSeconds\": 9}]}, \"agents\": [], \"streams\": []}",
            "$.queues.q[0].slaShare: 1.5 is not allowed; expected a share of the SLA above 0"},
        {"{\"hours\": 1, \"agents\": [{\"id\": \"a\", \"channels\": {\"sms\": 1}}],"
            + " \"streams\": [{\"name\": \"s\", \"channel\": \"sms\", \"ratePerHour\": 1,"
            + " \"customers\": 0, \"handleTime\": {\"fixed\": 3}}]}",
            "$.streams[0].customers: 0 is not allowed; expected a whole number from 1 to 10000000"},
        {"{\"hours\": 1, \"slaPolicies\": [{\"name\": \"p\", \"warnAt\": 0.5}], \"agents\": [],"
            + " \"streams\": []}", "$.slaPolicies[0]: {\"name\":\"p\",\"warnAt\":0.5} is not allowed;"
            + " expected at least one of \"firstResponseSeconds\" and \"resolutionSeconds\""},
        {"{\"hours\": 1, \"slaPolicies\": [{\"name\": \"p\", \"firstResponseSeconds\": 60,"
            + " \"warnAt\": 1.2}], \"agents\": [], \"streams\": []}",
            "$.slaPolicies[0].warnAt: 1.2 is not allowed; expected a fraction of the target"},
        {"{\"hours\": 1, \"slaPolicies\": [{\"name\": \"p\", \"resolutionSecs\": 60}],"
            + " \"agents\": [], \"streams\": []}", "$.slaPolicies[0].resolutionSecs: unknown field"},
        {campaignScenario("\"contacts\": 10, \"handleTime\": {\"fixed\": 60},"
            + " \"assign\": [{\"team\": \"t\", \"pacing\": {\"share\": 2, \"windowHours\": 1}}]"),
            "$.campaigns[0].assign[0].pacing.share: 2 is not allowed; expected a share of busy time"},
        {campaignScenario("\"contacts\": 10, \"handleTime\": {\"fixed\": 60},"
            + " \"assign\": [{\"team\": \"t\", \"pacing\": \"whenever\"}]"),
            "$.campaigns[0].assign[0].pacing: \"whenever\" is not allowed; expected \"onlyWhenIdle\""},
        {campaignScenario("\"contacts\": 10, \"handleTime\": {\"fixed\": 60},"
            + " \"assign\": [{\"team\": \"t\", \"agent\": \"a\", \"pacing\": \"onlyWhenIdle\"}]"),
            "$.campaigns[0].assign[0]: {\"team\":\"t\",\"agent\":\"a\",\"pacing\":\"onlyWhenIdle\"}"
            + " is not allowed; expected exactly one of \"agent\", \"team\" and \"expression\""},
        {campaignScenario("\"contacts\": 0, \"handleTime\": {\"fixed\": 60}, \"assign\": []"),
            "$.campaigns[0].contacts: 0 is not allowed; expected a whole number from 1 to 1000000"},
        {campaignScenario("\"contacts\": 3, \"handleTime\": {\"fixed\": 60}, \"assign\": []"),
            "$.campaigns[0].assign: [] is not allowed; expected at least one assignment"},
        {campaignScenario("\"contacts\": 3, \"handleTime\": {\"fixed\": 60}, \"skills\": {\"ghost\": 3},"
            + " \"assign\": [{\"agent\": \"a\", \"pacing\": \"onlyWhenIdle\"}]"),
            "campaign 'c': UNKNOWN_SKILL"},
        {"{\"hours\": ", "the scenario is not valid JSON"}};
    for (String[] c : cases) {
      out.reset();
      err.reset();
      Path file = dir.resolve("bad.json");
      Files.writeString(file, c[0]);
      assertThat(run("simulate", "--scenario", file.toString())).as(c[0]).isEqualTo(2);
      assertThat(stderr()).as(c[0]).contains(c[1]).doesNotContain("\tat ").doesNotContain("Exception");
    }
  }

  /** A valid centre with one SMS campaign {@code c} whose remaining fields are {@code fields}. */
  private static String campaignScenario(String fields) {
    return "{\"hours\": 1, \"agents\": [{\"id\": \"a\", \"channels\": {\"sms\": 1}, \"team\": \"t\"}],"
        + " \"streams\": [{\"name\": \"s\", \"channel\": \"sms\", \"ratePerHour\": 1,"
        + " \"handleTime\": {\"fixed\": 3}}],"
        + " \"campaigns\": [{\"id\": \"c\", \"channel\": \"sms\", " + fields + "}]}";
  }

  @Test
  void badFlags_areOneLineErrorsWithExitStatus2() {
    assertThat(run("simulate", "--arrival-rate-per-hour", "100", "--aht-seconds", "180",
        "--agents", "three")).isEqualTo(2);
    assertThat(stderr()).contains("--agents is 'three'");
    err.reset();
    assertThat(run("erlang", "--arrival-rate-per-hour", "100", "--aht-seconds", "180",
        "--agents", "2")).isEqualTo(2);
    assertThat(stderr()).contains("2 agents cannot carry 5.0 erlangs");
    err.reset();
    assertThat(run("simulate", "--scenario", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(stderr()).contains("does not exist");
  }

  @Test
  void unknownCommand_printsUsageOnStderrAndExitsWith2() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(stderr()).contains("unknown command: frobnicate").contains("usage:")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void unknownDemoOption_printsUsageOnStderrAndExitsWith2() {
    assertThat(run("demo", "--turbo")).isEqualTo(2);
    assertThat(stderr()).contains("unknown option --turbo");
  }

  @Test
  void helpAfterAnyCommand_printsTheUsageOnStdoutAndExitsWith0() {
    for (String command : new String[] {"simulate", "demo", "erlang", "burst", "channels"}) {
      out.reset();
      assertThat(run(command, "--help")).as(command + " --help").isZero();
      assertThat(stdout()).contains("usage:").contains("simulate --arrival-rate-per-hour");
      out.reset();
      assertThat(run(command, "--agents", "3", "-h")).as(command + " -h").isZero();
      assertThat(stdout()).contains("usage:");
    }
    assertThat(stderr()).isEmpty();
  }

  @Test
  void simulate_withThreads_printsExactlyWhatOneThreadPrints() {
    String[] args = {"simulate", "--arrival-rate-per-hour", "120", "--aht-seconds", "120",
        "--agents", "6", "--hours", "2", "--replications", "5", "--seed", "3"};
    assertThat(run(args)).isZero();
    String single = stdout();
    out.reset();
    String[] threaded = java.util.Arrays.copyOf(args, args.length + 2);
    threaded[args.length] = "--threads";
    threaded[args.length + 1] = "3";
    assertThat(run(threaded)).isZero();
    assertThat(stdout()).isEqualTo(single);
    assertThat(run("simulate", "--agents", "2", "--threads", "0")).isEqualTo(2);
    assertThat(stderr()).contains("--threads");
  }
}
