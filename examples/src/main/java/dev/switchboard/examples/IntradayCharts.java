package dev.switchboard.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.sim.Estimate;
import dev.switchboard.sim.SimulatedInterval;
import dev.switchboard.sim.SimulationReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The dashboard's interval charts in a report file: the dashboard's own script and uPlot,
 * inlined, drawing a state written into the page. One file, no network.
 */
final class IntradayCharts {

  /** A simulated interval's figures under the names the dashboard's script reads. */
  private static final Map<String, Function<SimulatedInterval, Estimate>> FIGURES = Map.of(
      "offered", SimulatedInterval::offered, "answered", SimulatedInterval::answered,
      "abandoned", SimulatedInterval::abandoned, "abandonment", SimulatedInterval::abandonmentRate,
      "serviceLevel", SimulatedInterval::serviceLevel,
      "asaSeconds", SimulatedInterval::averageSpeedOfAnswerSeconds,
      "occupancy", SimulatedInterval::occupancy);

  /**
   * The day a simulation's virtual clock starts on (Monday 5 January 2026, UTC), as its
   * observers see it: the charts' time axis shows the simulated dates.
   */
  private static final long SIMULATED_DAY = Instant.parse("2026-01-05T00:00:00Z")
      .getEpochSecond();

  private IntradayCharts() {}

  /**
   * {@code reportHtml} with a section of interval charts drawn from {@code stateJson} (state of
   * the dashboard's shape) before its end. In the JSON every {@code <} is written as a JSON
   * unicode escape, so no text in it can close the script element it sits in.
   */
  static String inject(String reportHtml, String heading, String note, String stateJson) {
    String section = "<h2 id=\"interval-charts\">" + heading + "</h2>\n"
        + "<style>" + Dashboard.asset("/assets/uPlot.css") + Dashboard.asset("/assets/charts.css")
        + "</style>\n<p><span id=\"status\"></span> <label for=\"series\">Show</label> "
        + "<select id=\"series\"></select> " + note + "</p>\n"
        + "<div class=\"charts\" id=\"intraday\"></div>\n"
        + "<script type=\"application/json\" id=\"embedded-state\">"
        + stateJson.replace("<", "\\u003c") + "</script>\n"
        + "<script>" + Dashboard.asset("/assets/uPlot.js") + "</script>\n"
        + "<script>" + Dashboard.asset("/assets/dashboard.js") + "</script>\n";
    int end = reportHtml.lastIndexOf("</body>");
    return reportHtml.substring(0, end) + section + reportHtml.substring(end);
  }

  /**
   * A simulation's report as a self-contained page: the simulator's tables, then charts of its
   * intervals, all work and each queue, each mean with its 95% confidence band, and the service
   * level {@code target} (a share within the report's threshold) if there is one.
   */
  static String simulationReport(SimulationReport report, String title, OptionalDouble target) {
    return inject(report.toHtml(title), "Interval by interval",
        "<span class=\"hint\">Each point is the mean over " + report.replications()
            + " replications; the dashed grey lines are its 95% confidence interval."
            + (target.isPresent() ? " The target is the dashed black line; an interval whose"
                + " mean is below it is marked &#9660; and listed as &ldquo;below target&rdquo;."
                : "")
            + " An item counts in the interval it arrived in.</span>",
        simulationState(report, target));
  }

  /**
   * The report's intervals in the dashboard's state shape, each figure with its band, each
   * series with the service level target if there is one.
   */
  static String simulationState(SimulationReport report, OptionalDouble target) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode state = json.createObjectNode();
    ArrayNode series = state.putObject("kpis").putArray("series");
    long threshold = report.serviceLevelThreshold().toSeconds();
    series(series.addObject().put("dimension", "all").put("key", "all"), report.intervals(),
        threshold, target);
    for (Map.Entry<String, List<SimulatedInterval>> q : report.intervalsByQueue().entrySet()) {
      series(series.addObject().put("dimension", "queue").put("key", q.getKey()), q.getValue(),
          threshold, target);
    }
    return state.toString();
  }

  private static void series(ObjectNode s, List<SimulatedInterval> intervals, long threshold,
      OptionalDouble target) {
    s.put("thresholdSeconds", threshold);
    target.ifPresent(t -> s.put("target", t));
    ArrayNode points = s.putArray("points");
    for (SimulatedInterval i : intervals) {
      ObjectNode p = points.addObject().put("t", SIMULATED_DAY + i.start().toSeconds())
          .put("label", i.label());
      FIGURES.forEach((name, figure) -> {
        Estimate e = figure.apply(i);
        number(p, name, e.mean());
        number(p, name + "Ci95", e.ci95());
      });
    }
  }

  /** A number, or null for one that could not be measured. */
  private static void number(ObjectNode p, String name, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      p.putNull(name);
    } else {
      p.put(name, v);
    }
  }
}
