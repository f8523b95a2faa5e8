package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.examples.adapters.HttpLimits;
import dev.switchboard.examples.adapters.SlowClients;
import dev.switchboard.examples.adapters.webchat.HeadlessChromium;
import dev.switchboard.insights.Action;
import dev.switchboard.insights.Insight;
import dev.switchboard.insights.PredictedEffect;
import dev.switchboard.insights.WhatIf;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.KpiSnapshot;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.sim.SimulationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's dashboard, over HTTP and in a real browser. The browser test drives Debian's
 * headless Chromium, which {@code .ci/run} installs; on CI a missing browser fails the test, on a
 * developer's machine it is skipped with a message saying so.
 */
class DashboardTest {

  private static String finalState;
  private static LiveDemo day;
  private static SimulationReport dayReport;

  @TempDir
  Path profile;

  @BeforeAll
  static void runADay() {
    LiveDemo demo = new LiveDemo(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), 0);
    dayReport = demo.run();
    finalState = demo.state();
    day = demo;
  }

  @Test
  void state_isCapturedThroughoutTheDay_withAgentsHoldingWork() throws Exception {
    LiveDemo demo = new LiveDemo(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), 0, Duration.ZERO);
    demo.run();
    assertThat(demo.captures()).isGreaterThan(1000);
    assertThat(demo.mostItemsHeldByOneAgent()).isGreaterThan(1);
    JsonNode last = new ObjectMapper().readTree(demo.state());
    assertThat(last.get("finished").asBoolean()).isTrue();
  }

  @Test
  void stateJson_describesQueuesAgentsAndSla() throws Exception {
    try (Dashboard d = new Dashboard(0, () -> finalState)) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(d.url() + "state.json")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode s = new ObjectMapper().readTree(r.body());
      assertThat(s.get("finished").asBoolean()).isTrue();
      assertThat(s.get("agents")).hasSize(8);
      // SLA policies warned and alerted; the campaign was blended into its two agents' day
      assertThat(s.get("totals").get("SLA warnings").asLong()).isPositive();
      assertThat(s.get("totals").get("alerts").asLong()).isPositive();
      assertThat(s.get("sla").findValuesAsText("policy")).contains("chat", "voice");
      assertThat(s.get("campaign").findValuesAsText("agent")).containsExactly("sam", "zoe");
      assertThat(s.get("totals").get("campaign contacts").asLong()).isGreaterThan(10);
      for (JsonNode c : s.get("campaign")) {
        assertThat(c.get("contacts").asLong()).as(c.toString()).isPositive();
        assertThat(c.get("share").asDouble()).as(c.toString()).isBetween(0.0, 0.5);
      }
      // campaign work missed by its agent is cancelled and its contact handed back to the list
      JsonNode t = s.get("totals");
      assertThat(t.get("submitted").asLong()).isEqualTo(t.get("completed").asLong()
          + t.get("abandoned").asLong() + t.get("handed back").asLong());
      HttpResponse<String> missing = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(d.url() + "nope")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void page_rendersTheLiveStateInABrowser() throws Exception {
    try (Dashboard d = new Dashboard(0, () -> finalState)) {
      String dom = browse(d.url());
      assertThat(dom).contains("Switchboard demo centre").contains("(day complete)")
          .contains("<td>ted</td>").contains("<td>leo</td>").contains("submitted")
          .contains("SLA alerts by policy").contains("<td>chat</td>")
          .contains("<td>renewals</td><td>sam</td><td class=\"num\">0.25</td>")
          .contains("<td>renewals</td><td>zoe</td>").contains("alerts");
    }
  }

  @Test
  void pages_showEngineTextAsTextNeverAsMarkup_inEveryField() throws Exception {
    String x = "<img src=x onerror=alert(1)>";
    ObjectMapper m = new ObjectMapper();
    ObjectNode s = m.createObjectNode().put("time", x).put("speed", 1).put("finished", false);
    s.putObject("totals").put(x, 1);
    s.putArray("queues").addObject().put("name", x).put("waiting", 1).put("oldestWaitSeconds", 2);
    s.putArray("board").addObject().put("id", x).put("team", x).put("state", x)
        .put("status", x).put("load", x).put("items", 0).put("secondsInState", 5)
        .put("personalBacklog", 0);
    s.putArray("alerts").addObject().put("time", x).put("level", x).put("policy", x)
        .put("item", x).put("channel", x).put("clock", x).put("recipient", x);
    s.putArray("sla").addObject().put("policy", x).put("warnings", 1).put("breaches", 1);
    s.putArray("campaign").addObject().put("campaign", x).put("agent", x).put("targetShare", x)
        .put("share", x).put("contacts", x);
    s.putArray("atRisk").addObject().put("item", x).put("queue", x).put("state", x)
        .put("secondsLeft", -1);
    ObjectNode insight = s.putArray("insights").addObject().put("rule", x).put("about", x)
        .put("dimension", x).put("key", x).put("t", 1)
        .put("interval", x).put("summary", x).put("action", x);
    insight.putArray("evidence").addObject().put("name", x).put("value", x).put("unit", x);
    insight.putArray("effects").addObject().put("measure", x).put("measured", x)
        .put("predicted", x).put("ci95", x).put("method", x).put("note", x);
    // a simulated effect, so that the what-if chart is drawn with the hostile names
    insight.withArray("effects").addObject().put("measure", "serviceLevel").put("measured", x)
        .put("predicted", "0.5").put("ci95", "0.1").put("method", "SIMULATION").put("note", x);
    ObjectNode series = s.putObject("kpis").putArray("series").addObject().put("dimension", x)
        .put("key", x);
    series.putArray("points").addObject().put("t", 1).put("label", x).put("offered", 1)
        .put("answered", 1).put("abandoned", 0).put("serviceLevel", 0.5)
        .put("asaSeconds", 3.0);
    ObjectNode depth = s.putObject("depth");
    depth.putArray("t").add(1);
    depth.putArray("labels").add(x);
    ObjectNode q = depth.putObject("queues").putObject(x);
    q.putArray("waiting").add(1);
    q.putArray("oldestWaitSeconds").add(1);
    s.putObject("wallboard").put("waiting", x).put("oldestWaitSeconds", 3).put("interval", x)
        .put("agentsAvailable", x).put("agentsLoggedIn", x);
    String hostile = s.toString();
    try (Dashboard d = new Dashboard(0, () -> hostile)) {
      for (String page : List.of("", "wallboard")) {
        Document dom = Jsoup.parse(browse(d.url() + page));
        assertThat(dom.select("img, b, script:not([src])")).as(page).isEmpty();
        assertThat(dom.text()).as(page).contains(x);
        if (page.isEmpty()) {
          // each field above is shown once as text (the time in the status line too)
          int shown = dom.text().split(java.util.regex.Pattern.quote(x), -1).length - 1;
          assertThat(shown).isGreaterThanOrEqualTo(30);
          assertThat(dom.getElementById("fig-sl")).isNotNull();
          assertThat(dom.getElementById("fig-waiting")).isNotNull();
          assertThat(dom.select("details.whatif figure.chart figcaption").text()).contains(x);
        } else {
          assertThat(dom.getElementById("wb-waiting").text()).isEqualTo(x);
          assertThat(dom.getElementById("wb-interval").text()).isEqualTo(x);
        }
      }
    }
  }

  @Test
  void slowAndGreedyClients_cannotStallTheDashboard_andTricklersAreClosed() throws Exception {
    HttpLimits limits = HttpLimits.defaults().withWorkers(2).withMaxConnectionsPerClient(3)
        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1));
    try (Dashboard d = new Dashboard(0, limits, () -> finalState);
        SlowClients stalled = SlowClients.open("127.0.0.2", port(d), 6,
            "GET /state.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAcc");
        Socket trickler = new Socket()) {
      assertThat(stalled.awaitClosed(3, Duration.ofSeconds(5))).isGreaterThanOrEqualTo(3);
      assertThat(d.server().refusedConnections()).isEqualTo(3);

      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(d.url() + "state.json"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);

      // a header trickled a byte at a time is never idle, yet closed after the request timeout
      trickler.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
      trickler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port(d)), 5_000);
      trickler.setSoTimeout(100); // paces the trickle: a byte per read that times out
      trickler.getOutputStream().write("GET / HTTP/1.1\r\nX-Slow: ".getBytes(
          StandardCharsets.US_ASCII));
      long began = System.nanoTime();
      boolean closed = false;
      while (!closed && System.nanoTime() - began < TimeUnit.SECONDS.toNanos(10)) {
        try {
          trickler.getOutputStream().write('a');
          closed = trickler.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
          // the server said nothing: trickle on
        } catch (IOException reset) {
          closed = true;
        }
      }
      assertThat(closed).as("trickling connection closed within 10 s").isTrue();
      assertThat(stalled.awaitClosed(6, Duration.ofSeconds(10))).isEqualTo(6);
      assertThat(d.server().slowConnectionsClosed()).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void charts_holdEveryIntervalOfTheLiveKpis_withTheValuesTheKpiApiReports() throws Exception {
    LiveKpis kpis = day.insightsView().kpis();
    for (String[] series : new String[][] {{"queue", "default"}, {"queue", "vip"},
        {"channel", "chat"}}) {
      Dimension dim = Dimension.valueOf(series[0].toUpperCase());
      List<IntervalKpis> intervals = kpis.intervals(dim, series[1]);
      assertThat(intervals).hasSizeGreaterThan(30);
      try (Dashboard d = new Dashboard(0, () -> finalState)) {
        Document dom = Jsoup.parse(browse(d.url() + "#" + series[0] + "/" + series[1]));
        Element sl = dom.getElementById("fig-sl");
        assertThat(sl).as("service level chart for %s", (Object) series).isNotNull();
        assertThat(sl.attr("data-series")).isEqualTo(series[0] + " " + series[1]);
        assertThat(sl.attr("data-points")).isEqualTo(String.valueOf(intervals.size()));
        assertThat(sl.selectFirst("canvas")).as("uPlot drew the chart").isNotNull();
        if (dim == Dimension.QUEUE) {
          // the target is a dashed line and breaches a marked series, named in the legend
          assertThat(sl.select(".u-legend .u-label").eachText()).containsSubsequence(
              "service level", "target " + pct(kpis.serviceTarget(series[1]).target())
                  + " in 30 s", "below target \u25BC");
        }
        List<Element> rows = sl.select("table.data tr");
        Element volume = dom.getElementById("fig-volume");
        List<Element> volumeRows = volume.select("table.data tr");
        assertThat(rows).hasSize(intervals.size() + 1);
        int below = 0;
        for (int i = 0; i < intervals.size(); i++) {
          IntervalKpis k = intervals.get(i);
          List<String> cells = rows.get(i + 1).select("td").eachText();
          assertThat(cells.get(0)).isEqualTo(SupervisorView.clock(k.start()));
          String expected = k.serviceLevel().isPresent()
              ? pct(k.serviceLevel().getAsDouble()) : "n/a";
          assertThat(cells.get(1)).as("%s %s", series[1], cells.get(0)).startsWith(expected);
          if (dim == Dimension.QUEUE && k.meetsTarget().equals(Optional.of(false))) {
            // a breach is said in words, not only in colour
            assertThat(cells.get(1)).endsWith("below target");
            below++;
          } else {
            assertThat(cells.get(1)).doesNotContain("below");
          }
          List<String> vol = volumeRows.get(i + 1).select("td").eachText();
          assertThat(vol.subList(1, 4)).as("offered, answered, abandoned at %s", cells.get(0))
              .containsExactly(String.valueOf(k.offered()), String.valueOf(k.answered()),
                  String.valueOf(k.abandoned()));
        }
        if (series[1].equals("default")) {
          assertThat(below).as("the demo's voice queue misses its target").isPositive();
          assertThat(sl.text()).contains("target 80.0% in 30 s");
        }
        for (String chart : List.of("fig-asa", "fig-abandon", "fig-occupancy", "fig-waiting",
            "fig-oldest")) {
          assertThat(dom.getElementById(chart)).as(chart).isNotNull();
        }
      }
    }
  }

  @Test
  void insightsPanel_showsEachInsightsSummaryEvidenceActionAndPredictedEffect() throws Exception {
    List<Insight> history = day.insightsView().history();
    assertThat(history).as("the demo's understaffed day yields insights").isNotEmpty();
    Insight latest = history.get(history.size() - 1);
    try (Dashboard d = new Dashboard(0, () -> finalState)) {
      Document dom = Jsoup.parse(browse(d.url()));
      Element card = dom.selectFirst("#insights article.insight");
      assertThat(card).isNotNull();
      assertThat(card.selectFirst("p.summary").text()).isEqualTo(latest.summary());
      assertThat(card.selectFirst("p.action").text())
          .isEqualTo("Recommended: " + latest.action().map(Action::describe).orElse("none"));
      assertThat(card.select("table.evidence tr")).hasSize(latest.evidence().size());
      assertThat(card.select("table.effects tr")).hasSize(latest.effects().size()
          + (latest.effects().isEmpty() ? 0 : 1));
      assertThat(dom.select("#insights article.insight")).hasSize(Math.min(12, history.size()));
      // the what-if: the queue's measured service level per interval beside the simulation's
      // prediction with the recommended action, at the insight's interval
      Insight simulated = history.stream().skip(Math.max(0, history.size() - 12))
          .filter(i -> i.effect("serviceLevel", PredictedEffect.Method.SIMULATION).isPresent())
          .reduce((a, b) -> b).orElseThrow();
      Element whatIf = dom.getElementById("fig-whatif-" + simulated.rule() + "-"
          + simulated.key() + "-" + simulated.start().plus(SupervisorView.DAY_STARTS)
              .getEpochSecond());
      assertThat(whatIf).isNotNull();
      List<IntervalKpis> measured = day.insightsView().kpis().intervals(simulated.dimension(),
          simulated.key());
      assertThat(whatIf.attr("data-points")).isEqualTo(String.valueOf(measured.size()));
      Element row = whatIf.select("table.data tr").stream()
          .filter(r -> r.select("td").eachText().stream().findFirst()
              .equals(Optional.of(SupervisorView.clock(simulated.start()))))
          .findFirst().orElseThrow();
      double predicted = simulated.effect("serviceLevel", PredictedEffect.Method.SIMULATION)
          .orElseThrow().predicted().mean();
      assertThat(row.select("td").get(2).text()).isEqualTo(pct(predicted));
    }
  }

  @Test
  void whatIfButton_runsTheInsightsWhatIf_andShowsItsPredictionBesideTheMeasured()
      throws Exception {
    List<Insight> history = day.insightsView().history();
    Insight simulated = latestSimulated();
    long t = simulated.start().plus(SupervisorView.DAY_STARTS).getEpochSecond();
    String id = "fig-whatif-" + simulated.rule() + "-" + simulated.key() + "-" + t;
    int insightsBefore = history.size();
    // the same what-if asked directly: runs are seeded, so the page must show this answer
    JsonNode expected = new ObjectMapper().readTree(day.whatIfRequests().run(
        ("{\"queue\": \"" + simulated.key() + "\", \"t\": " + t + ", \"agents\": 3}")
            .getBytes(StandardCharsets.UTF_8)));
    double predicted = expected.get("predicted").get("mean").asDouble();
    try (Dashboard d = new Dashboard(0, Dashboard.LIMITS, () -> finalState,
        day.whatIfRequests());
        HeadlessChromium browser = new HeadlessChromium(profile, d.url())) {
      String shown = browser.evaluate("""
          (async () => {
            const fig = document.getElementById('%s');
            const form = fig.parentElement.querySelector('form.ask');
            form.querySelector('input').value = '3';
            form.requestSubmit();
            const out = form.querySelector('output');
            for (let i = 0; i < 600 && !/^(with|not)/.test(out.textContent); i++) {
              await new Promise(r => setTimeout(r, 100));
            }
            const cells = r => [...r.cells].map(c => c.textContent).join('|');
            return JSON.stringify({out: out.textContent,
              legend: [...fig.querySelectorAll('.u-legend .u-label')].map(e => e.textContent),
              rows: [...fig.querySelectorAll('table.data tr')].map(cells)});
          })()""".formatted(id), Duration.ofSeconds(90));
      JsonNode page = new ObjectMapper().readTree(shown);
      assertThat(page.get("out").asText()).startsWith("with 3 more agents: " + pct(predicted));
      assertThat(page.get("legend").toString()).contains("your what-if: 3 more agents");
      String clock = SupervisorView.clock(simulated.start());
      String row = java.util.stream.StreamSupport.stream(page.get("rows").spliterator(), false)
          .map(JsonNode::asText).filter(r -> r.startsWith(clock + "|")).findFirst().orElseThrow();
      assertThat(row).endsWith("|" + pct(predicted) + "|"
          + pct(day.insightsView().kpis().serviceTarget(simulated.key()).target()));
    }
    // the what-if ran on simulations of its own: the day's insights are as they were
    assertThat(day.insightsView().history()).hasSize(insightsBefore);
  }

  @Test
  void whatIfRequests_fromElsewhereOrOutsideTheLimits_areRefused() throws Exception {
    Insight simulated = latestSimulated();
    long t = simulated.start().plus(SupervisorView.DAY_STARTS).getEpochSecond();
    try (Dashboard d = new Dashboard(0, Dashboard.LIMITS, () -> finalState,
        day.whatIfRequests())) {
      String own = d.url().substring(0, d.url().length() - 1);
      String ok = "{\"queue\": \"" + simulated.key() + "\", \"t\": " + t
          + ", \"agents\": 2}";
      assertThat(post(d, null, "application/json", ok).statusCode()).isEqualTo(403);
      assertThat(post(d, "http://evil.example", "application/json", ok).statusCode())
          .isEqualTo(403);
      assertThat(post(d, own, "text/plain", ok).statusCode()).isEqualTo(415);
      HttpResponse<String> many = post(d, own, "application/json", ok.replace("2}", "11}"));
      assertThat(many.statusCode()).isEqualTo(400);
      assertThat(many.body()).isEqualTo("agents is 11; allowed: 1 to 10");
      assertThat(post(d, own, "application/json", ok.replace("\"t\": " + t, "\"t\": 5"))
          .statusCode()).isEqualTo(404);
      assertThat(post(d, own, "application/json", ok.replace(simulated.key(), "nope")).body())
          .isEqualTo("queue nope had no work to simulate in that interval");
      assertThat(post(d, own, "application/json", "not json").statusCode()).isEqualTo(400);
      HttpResponse<String> answer = post(d, own, "application/json", ok);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode a = new ObjectMapper().readTree(answer.body());
      assertThat(a.get("predicted").get("mean").asDouble()).isBetween(0.0, 1.0);
      assertThat(a.get("agents").asInt()).isEqualTo(2);
      // last: the server closes a connection whose body it refused unread
      assertThat(post(d, own, "application/json", "{\"queue\": " + "1".repeat(2000) + "}")
          .statusCode()).isEqualTo(413);
    }
    // without a what-if runner the server stays read-only
    try (Dashboard d = new Dashboard(0, () -> finalState)) {
      assertThat(post(d, d.url().substring(0, d.url().length() - 1), "application/json", "{}")
          .statusCode()).isEqualTo(405);
    }
  }

  @Test
  void whatIfRequest_whileAnotherRuns_isRefusedAtOnce_andServedWhenThatRunHasFinished()
      throws Exception {
    Insight simulated = latestSimulated();
    long t = simulated.start().plus(SupervisorView.DAY_STARTS).getEpochSecond();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WhatIf whatIf = LiveDemo.whatIf();
    // the first run holds until released: the second request arrives while it runs, surely
    WhatIfRequests held = new WhatIfRequests((work, changes) -> {
      running.countDown();
      try {
        if (!release.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the held what-if was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return whatIf.predict(work, changes);
    });
    held.keep(t, day.whatIfRequests().kept(t));
    try (Dashboard d = new Dashboard(0, Dashboard.LIMITS, () -> finalState, held)) {
      String own = d.url().substring(0, d.url().length() - 1);
      String ok = "{\"queue\": \"" + simulated.key() + "\", \"t\": " + t + ", \"agents\": 2}";
      CompletableFuture<HttpResponse<String>> first = CLIENT.sendAsync(
          whatIfRequest(d, own, "application/json", ok), HttpResponse.BodyHandlers.ofString());
      assertThat(running.await(60, TimeUnit.SECONDS)).as("the first what-if started").isTrue();
      HttpResponse<String> second = post(d, own, "application/json", ok);
      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(second.body()).isEqualTo("a what-if is running; try again when it has finished");
      assertThat(first).as("the first what-if still runs").isNotDone();
      release.countDown();
      HttpResponse<String> answer = first.get(60, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      // the refusal left nothing held: the next request runs, and (runs are seeded) agrees
      HttpResponse<String> again = post(d, own, "application/json", ok);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      assertThat(again.body()).isEqualTo(answer.body());
    }
  }

  @Test
  void whatIfButton_forAQueueNamedWithMarkup_showsTheNameAsText_andInjectsNothing()
      throws Exception {
    String x = "</script><img src=x onerror=window.injected=1><b id=injected>b</b>";
    long t = latestSimulated().start().plus(SupervisorView.DAY_STARTS).getEpochSecond();
    ObjectMapper m = new ObjectMapper();
    ObjectNode s = m.createObjectNode().put("time", "15:00").put("speed", 0)
        .put("finished", true);
    ObjectNode insight = s.putArray("insights").addObject().put("rule", x).put("about", x)
        .put("dimension", "queue").put("key", x).put("t", t).put("interval", x)
        .put("summary", x).put("action", x);
    insight.putArray("evidence");
    insight.putArray("effects").addObject().put("measure", "serviceLevel").put("measured", x)
        .put("predicted", "0.5").put("ci95", "0.1").put("method", "SIMULATION").put("note", x);
    ObjectNode series = s.putObject("kpis").putArray("series").addObject()
        .put("dimension", "queue").put("key", x);
    series.putArray("points").addObject().put("t", t).put("label", x).put("offered", 1)
        .put("answered", 1).put("abandoned", 0).put("serviceLevel", 0.5);
    String hostile = s.toString();
    try (Dashboard d = new Dashboard(0, Dashboard.LIMITS, () -> hostile, day.whatIfRequests());
        HeadlessChromium browser = new HeadlessChromium(profile, d.url())) {
      JsonNode page = m.readTree(browser.evaluate("""
          (async () => {
            const form = document.querySelector('details.whatif form.ask');
            form.requestSubmit();
            const out = form.querySelector('output');
            for (let i = 0; i < 600 && !/^(with|not)/.test(out.textContent); i++) {
              await new Promise(r => setTimeout(r, 100));
            }
            return JSON.stringify({out: out.textContent, outElements: out.children.length,
              injected: document.querySelectorAll('img, b, #injected').length,
              scripts: [...document.scripts].map(e => e.src.replace(location.origin, '')),
              ran: window.injected === 1});
          })()""", Duration.ofSeconds(90)));
      // the server found no work of that queue in the interval, and said so, naming it
      assertThat(page.get("out").asText())
          .isEqualTo("not run: queue " + x + " had no work to simulate in that interval");
      assertThat(page.get("outElements").asInt()).isZero();
      assertThat(page.get("injected").asInt()).isZero();
      assertThat(page.get("ran").asBoolean()).isFalse();
      assertThat(page.get("scripts").toString())
          .isEqualTo("[\"/assets/uPlot.js\",\"/assets/dashboard.js\"]");
    }
  }

  /** The latest of the insights the panel shows that has a simulated effect. */
  private static Insight latestSimulated() {
    List<Insight> history = day.insightsView().history();
    return history.stream().skip(Math.max(0, history.size() - 12))
        .filter(i -> i.effect("serviceLevel", PredictedEffect.Method.SIMULATION).isPresent())
        .reduce((a, b) -> b).orElseThrow();
  }

  private static HttpResponse<String> post(Dashboard d, String origin, String type, String body)
      throws IOException, InterruptedException {
    return CLIENT.send(whatIfRequest(d, origin, type, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest whatIfRequest(Dashboard d, String origin, String type,
      String body) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(d.url() + "what-if"))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      r.header("Origin", origin);
    }
    return r.build();
  }

  /** One client for the what-if requests, so that they share a connection or two. */
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Test
  void agentBoardAndAlertsFeed_showEveryAgentAndTheLatestAlerts() throws Exception {
    JsonNode s = new ObjectMapper().readTree(finalState);
    try (Dashboard d = new Dashboard(0, () -> finalState)) {
      Document dom = Jsoup.parse(browse(d.url()));
      assertThat(dom.select("#board tr")).hasSize(9);
      assertThat(dom.select("#board tr").get(1).select("td").eachText())
          .startsWith(s.get("board").get(0).get("id").asText(),
              s.get("board").get(0).get("team").asText());
      assertThat(dom.select("#alerts tr")).hasSize(21);
      assertThat(dom.select("#alerts tr").get(1).select("td").get(3).text())
          .isEqualTo(s.get("alerts").get(0).get("item").asText());
    }
  }

  @Test
  void wallboard_showsTheFloorsNumbers_asTheKpiApiReportsThem() throws Exception {
    JsonNode w = new ObjectMapper().readTree(finalState).get("wallboard");
    KpiSnapshot live = day.insightsView().kpis().snapshot(day.insightsView().kpis()
        .closedIntervals().get(0).start().plus(Duration.ofHours(8)));
    double today = live.today(Dimension.ALL, Dimension.ALL_KEY).orElseThrow().serviceLevel()
        .orElseThrow();
    try (Dashboard d = new Dashboard(0, () -> finalState)) {
      Document dom = Jsoup.parse(browse(d.url() + "wallboard"));
      assertThat(dom.getElementById("wb-waiting").text()).isEqualTo(w.get("waiting").asText());
      assertThat(dom.getElementById("wb-sl-today").text()).isEqualTo(pct(today));
      assertThat(dom.getElementById("wb-sl-today-note").text())
          .isEqualTo((today < 0.8 ? "\u25BC below" : "\u2714 meets") + " target 80.0%");
      assertThat(dom.getElementById("wb-available").text())
          .isEqualTo(w.get("agentsAvailable").asText());
    }
  }

  @Test
  void pagesAndReport_fitA1280pxScreenAndAPhone_withoutSidewaysScrolling() throws Exception {
    String live = "/simulated time/.test(document.getElementById('status').textContent)";
    try (Dashboard d = new Dashboard(0, () -> finalState)) {
      assertThat(PageFit.assertFits(profile, d.url(),
          live + " && document.querySelector('#fig-sl canvas')")).isGreaterThanOrEqualTo(8);
      assertThat(PageFit.assertFits(profile, d.url() + "wallboard", live)).isZero();
    }
    Path file = profile.resolve("day.html");
    day.writeReport(dayReport, file);
    assertThat(PageFit.assertFits(profile, file.toUri().toString(),
        "document.querySelector('#fig-sl canvas')")).isEqualTo(5);
  }

  @Test
  void report_holdsTheIntradayCharts_inOneSelfContainedFile() throws Exception {
    Path file = profile.resolve("day.html");
    day.writeReport(dayReport, file);
    String html = Files.readString(file);
    assertThat(html).contains("Agent occupancy").doesNotContain("<script src")
        .doesNotContain("<link").doesNotContain("src=\"http").doesNotContain("href=\"http");
    List<IntervalKpis> intervals = day.insightsView().kpis()
        .intervals(Dimension.QUEUE, "default");
    Document dom = Jsoup.parse(browse(file.toUri().toString()));
    Element sl = dom.getElementById("fig-sl");
    assertThat(sl.attr("data-series")).isEqualTo("queue default");
    assertThat(sl.attr("data-points")).isEqualTo(String.valueOf(intervals.size()));
    assertThat(sl.selectFirst("canvas")).isNotNull();
    IntervalKpis last = intervals.get(intervals.size() - 1);
    assertThat(sl.select("table.data tr").last().select("td").eachText().get(1))
        .startsWith(last.serviceLevel().isPresent() ? pct(last.serviceLevel().getAsDouble())
            : "n/a");
  }

  @Test
  void report_showsTextInItsDataAsText_evenTextThatClosesTheScript() throws Exception {
    String x = "</script><img src=x onerror=alert(1)><!--";
    ObjectNode s = new ObjectMapper().createObjectNode();
    ObjectNode series = s.putObject("kpis").putArray("series").addObject().put("dimension", x)
        .put("key", x);
    series.putArray("points").addObject().put("t", 1).put("label", x).put("offered", 1)
        .put("answered", 1).put("abandoned", 0).put("serviceLevel", 0.5);
    Path file = profile.resolve("hostile.html");
    Files.writeString(file, LiveDemo.withIntradayCharts("<html><body><h1>r</h1></body></html>",
        s.toString()));
    assertThat(Files.readString(file)).doesNotContain(x);
    Document dom = Jsoup.parse(browse(file.toUri().toString()));
    assertThat(dom.select("img")).isEmpty();
    assertThat(dom.getElementById("series").text()).isEqualTo(x + " " + x);
    assertThat(dom.getElementById("fig-sl").select("table.data td").first().text()).isEqualTo(x);
  }

  /** A share as the page shows it: a percentage with one decimal, of the value rounded to 0.1%. */
  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", Math.round(share * 1000) / 10.0);
  }

  private static int port(Dashboard d) {
    return URI.create(d.url()).getPort();
  }

  /** The page's DOM after its scripts ran, as headless Chromium serialises it. */
  private String browse(String url) throws IOException, InterruptedException {
    return browse(url, "1280,900");
  }

  /** As above, in a window of that size ({@code width,height}). */
  private String browse(String url, String windowSize) throws IOException, InterruptedException {
    return ChromiumDom.of(profile, url, windowSize);
  }
}
