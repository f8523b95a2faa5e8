package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sim.Estimate;
import dev.switchboard.sim.SimulatedInterval;
import dev.switchboard.sim.SimulationReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --html}: the simulator's report with charts per interval, each mean with its
 * 95% band, drawn in headless Chromium from data written into the one file.
 */
class SimulationReportChartsTest {

  /** Two queues over a day's morning; the second's name is markup. */
  private static final String HOSTILE = "</script><img src=x onerror=alert(1)><!--";

  private static final String SCENARIO = """
      {"hours": 4, "warmUpHours": 0.5, "replications": 5, "seed": 4, "slSeconds": 30,
       "intervalMinutes": 30,
       "queues": {"sales": [{"target": "requiredSkills"}], "%s": [{"target": "requiredSkills"}]},
       "agents": [
         {"id": "ann", "channels": {"voice": 1, "chat": 2}},
         {"id": "bob", "channels": {"voice": 1}},
         {"id": "cat", "channels": {"voice": 1, "chat": 2}, "shifts": [[1, 3]]}],
       "streams": [
         {"name": "calls", "channel": "voice", "queue": "sales", "ratesPerHour": [20, 40, 30, 20],
          "handleTime": {"exponential": 240}, "patience": {"exponential": 90}},
         {"name": "chats", "channel": "chat", "queue": "%s", "ratePerHour": 15,
          "handleTime": {"exponential": 300}}]}
      """.formatted(jsonString(HOSTILE), jsonString(HOSTILE));

  @TempDir
  Path dir;

  @TempDir
  Path profile;

  private static String jsonString(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private Path writeReport() throws Exception {
    return writeReport(SCENARIO);
  }

  private Path writeReport(String centre) throws Exception {
    Path scenario = dir.resolve("centre.json");
    Files.writeString(scenario, centre);
    Path html = dir.resolve("report.html");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"simulate", "--scenario", scenario.toString(), "--html",
        html.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return html;
  }

  @Test
  void charts_holdEveryIntervalOfTheReport_withItsMeansAndBands() throws Exception {
    Path file = writeReport();
    SimulationReport report = Scenario.parse(SCENARIO).run();
    String html = Files.readString(file);
    assertThat(html).doesNotContain("<script src").doesNotContain("<link")
        .doesNotContain("src=\"http").doesNotContain("href=\"http").contains("uPlot");
    for (String series : List.of("all all", "queue sales")) {
      List<SimulatedInterval> intervals = series.equals("all all") ? report.intervals()
          : report.intervalsByQueue().get("sales");
      assertThat(intervals).hasSize(7);
      Document dom = Jsoup.parse(ChromiumDom.of(profile, file.toUri() + "#"
          + series.replace(' ', '/'), "1280,900"));
      Element sl = dom.getElementById("fig-sl");
      assertThat(sl).as(series).isNotNull();
      assertThat(sl.attr("data-series")).isEqualTo(series);
      assertThat(sl.attr("data-points")).isEqualTo("7");
      assertThat(sl.selectFirst("canvas")).as("uPlot drew the chart").isNotNull();
      assertThat(sl.select(".u-legend .u-label").eachText()).containsExactly(
          "service level in 30 s", "95% low", "95% high");
      List<Element> rows = sl.select("table.data tr");
      List<Element> volume = dom.getElementById("fig-volume").select("table.data tr");
      assertThat(rows).hasSize(intervals.size() + 1);
      int banded = 0;
      for (int i = 0; i < intervals.size(); i++) {
        SimulatedInterval k = intervals.get(i);
        List<String> cells = rows.get(i + 1).select("td").eachText();
        Estimate s = k.serviceLevel();
        assertThat(cells).as("%s %s", series, k.label()).containsExactly(k.label(),
            pct(s.mean()), pct(Math.max(0, s.mean() - s.ci95())),
            pct(Math.min(1, s.mean() + s.ci95())));
        banded += s.ci95() > 0 ? 1 : 0;
        List<String> vol = volume.get(i + 1).select("td").eachText();
        Estimate o = k.offered();
        assertThat(vol).as("offered, answered, abandoned, band at %s", k.label())
            .containsExactly(k.label(), count(o.mean()), count(k.answered().mean()),
                count(k.abandoned().mean()), count(Math.max(0, o.mean() - o.ci95())),
                count(o.mean() + o.ci95()));
      }
      assertThat(banded).isGreaterThan(3);
      for (String chart : List.of("fig-asa", "fig-abandon", "fig-occupancy")) {
        assertThat(dom.getElementById(chart)).as(chart).isNotNull();
      }
      // the simulator's own table of all work is there too, one row per interval
      assertThat(dom.select("#intervals tr")).hasSize(report.intervals().size() + 1);
    }
  }

  @Test
  void queueNames_areShownAsText_inTheJsonTablesAndCharts() throws Exception {
    Path file = writeReport();
    String html = Files.readString(file);
    assertThat(html).doesNotContain(HOSTILE).doesNotContain("<img");
    Document dom = Jsoup.parse(ChromiumDom.of(profile, file.toUri() + "#queue/"
        + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8).replace("+", "%20"), "1280,900"));
    assertThat(dom.select("img")).isEmpty();
    assertThat(dom.select("#series option").eachText()).contains("queue " + HOSTILE);
    assertThat(dom.getElementById("fig-sl").selectFirst("figcaption").text())
        .isEqualTo("Service level, queue " + HOSTILE);
    assertThat(dom.select("td").eachText()).contains(HOSTILE);
  }

  @Test
  void serviceLevelChart_drawsTheScenariosTarget_andLabelsEachIntervalWhoseMeanMissesIt()
      throws Exception {
    String centre = SCENARIO.replace("\"slSeconds\": 30,", "\"slSeconds\": 30, \"slTarget\": 0.8,");
    assertThat(centre).contains("\"slTarget\": 0.8");
    List<SimulatedInterval> intervals = Scenario.parse(centre).run().intervalsByQueue()
        .get("sales");
    Document dom = Jsoup.parse(ChromiumDom.of(profile, writeReport(centre).toUri()
        + "#queue/sales", "1280,900"));
    Element sl = dom.getElementById("fig-sl");
    assertThat(sl.attr("data-points")).isEqualTo(String.valueOf(intervals.size()));
    // the target is a dashed line named in the legend, and misses a marked series: not colour
    assertThat(sl.select(".u-legend .u-label").eachText()).containsExactly("service level",
        "95% low", "95% high", "target 80.0% in 30 s", "below target \u25BC");
    List<Element> rows = sl.select("table.data tr");
    int below = 0;
    for (int i = 0; i < intervals.size(); i++) {
      double mean = intervals.get(i).serviceLevel().mean();
      List<String> cells = rows.get(i + 1).select("td").eachText();
      assertThat(cells.get(4)).isEqualTo("80.0%");
      if (mean < 0.8) {
        assertThat(cells.get(1)).isEqualTo(pct(mean) + " \u25BC below target");
        assertThat(cells.get(5)).isEqualTo(pct(mean));
        below++;
      } else {
        assertThat(cells.get(1)).isEqualTo(pct(mean));
        assertThat(cells.get(5)).isEqualTo("n/a");
      }
    }
    assertThat(below).as("intervals below target").isBetween(1, intervals.size() - 1);
    assertThatThrownBy(() -> Scenario.parse(SCENARIO.replace("\"slSeconds\": 30,",
        "\"slSeconds\": 30, \"slTarget\": 80,"))).isInstanceOf(UserError.class)
        .hasMessageContaining("slTarget").hasMessageContaining("at most 1");
  }

  @Test
  void report_fitsA1280pxScreenAndAPhone_itsWideTablesScrollingInTheirOwnBox() throws Exception {
    Path file = writeReport();
    assertThat(Files.readString(file)).contains("<div class=\"wide\"><table id=\"intervals\">");
    assertThat(PageFit.assertFits(profile, file.toUri().toString(),
        "document.querySelector('#fig-sl canvas')")).isEqualTo(5);
  }

  /** A share as the page shows it: a percentage with one decimal. */
  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", Math.round(share * 1000) / 10.0);
  }

  /** A mean count as the page shows it: one decimal unless whole. */
  private static String count(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.1f", v);
  }
}
