package dev.switchboard.sim;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link SimulationReport} as JSON and as a self-contained HTML page. */
final class Rendering {

  private static final String[][] KPI_KEYS = {
      {"serviceLevel", "Service level"},
      {"probabilityOfWait", "Probability of waiting"},
      {"averageSpeedOfAnswerSeconds", "Average speed of answer (s)"},
      {"averageHandleTimeSeconds", "Average handle time (s)"},
      {"abandonmentRate", "Abandonment rate"},
      {"unansweredRate", "Unanswered at end"},
      {"slaBreachRate", "SLA breach rate"},
      {"occupancy", "Occupancy"},
      {"items", "Items counted"}};

  private static final String[][] INTERVAL_KEYS = {
      {"offered", "Offered"},
      {"answered", "Answered"},
      {"abandoned", "Abandoned"},
      {"abandonmentRate", "Abandonment rate"},
      {"serviceLevel", "Service level"},
      {"averageSpeedOfAnswerSeconds", "Average speed of answer (s)"},
      {"occupancy", "Occupancy"}};

  private Rendering() {}

  static String json(SimulationReport r) {
    StringBuilder sb = new StringBuilder(2048);
    sb.append("{\n  \"replications\": ").append(r.replications())
        .append(",\n  \"itemsSimulated\": ").append(r.itemsSimulated());
    kpiFields(sb, r.overall(), "  ");
    estimate(sb, "affinityHitRate", r.affinityHitRate(), "  ");
    estimate(sb, "affinityWaitSeconds", r.affinityWaitSeconds(), "  ");
    sb.append(",\n  \"byChannel\": ");
    kpiMap(sb, r.byChannel());
    sb.append(",\n  \"byQueue\": ");
    kpiMap(sb, r.byQueue());
    estimateMap(sb, "agentOccupancy", r.agentOccupancy());
    estimateMap(sb, "teamOccupancy", r.teamOccupancy());
    sb.append(",\n  \"outcomes\": {");
    String sep;
    outcomeFields(sb, r.outcomes(), "    ");
    sb.append("\n  },\n  \"outcomesByStream\": {");
    sep = "";
    for (Map.Entry<String, Outcomes> e : r.outcomesByStream().entrySet()) {
      sb.append(sep).append("\n    ").append(quote(e.getKey())).append(": {");
      outcomeFields(sb, e.getValue(), "      ");
      sb.append("\n    }");
      sep = ",";
    }
    sb.append(sep.isEmpty() ? "}" : "\n  }");
    if (!r.teamOccupancyByPeriod().isEmpty()) {
      sb.append(",\n  \"teamOccupancyByPeriod\": {");
      sep = "";
      for (Map.Entry<String, Map<String, Estimate>> e : r.teamOccupancyByPeriod().entrySet()) {
        sb.append(sep).append("\n    ").append(quote(e.getKey())).append(": {");
        String inner = "";
        for (Map.Entry<String, Estimate> p : e.getValue().entrySet()) {
          sb.append(inner).append("\n      ").append(quote(p.getKey())).append(": ");
          meanAndCi(sb, p.getValue());
          inner = ",";
        }
        sb.append("\n    }");
        sep = ",";
      }
      sb.append("\n  }");
    }
    if (!r.campaigns().isEmpty()) {
      sb.append(",\n  \"campaigns\": {");
      sep = "";
      for (Map.Entry<String, CampaignKpis> e : r.campaigns().entrySet()) {
        CampaignKpis c = e.getValue();
        sb.append(sep).append("\n    ").append(quote(e.getKey())).append(": {\n      ")
            .append("\"targetShare\": ").append(number(c.targetShare()));
        estimate(sb, "shareAchieved", c.shareAchieved(), "      ");
        estimate(sb, "contactsHandled", c.contactsHandled(), "      ");
        estimate(sb, "contactsPending", c.contactsPending(), "      ");
        sb.append("\n    }");
        sep = ",";
      }
      sb.append("\n  }");
    }
    sb.append(",\n  \"serviceLevelThresholdSeconds\": ")
        .append(number(r.serviceLevelThreshold().toNanos() / 1e9))
        .append(",\n  \"intervalMinutes\": ").append(number(r.intervalLength().toNanos() / 60e9))
        .append(",\n  \"intervals\": ");
    intervals(sb, r.intervals(), "  ");
    sb.append(",\n  \"intervalsByQueue\": {");
    sep = "";
    for (Map.Entry<String, List<SimulatedInterval>> e : r.intervalsByQueue().entrySet()) {
      sb.append(sep).append("\n    ").append(quote(e.getKey())).append(": ");
      intervals(sb, e.getValue(), "    ");
      sep = ",";
    }
    sb.append(sep.isEmpty() ? "}" : "\n  }");
    sb.append("\n}\n");
    return sb.toString();
  }

  /** An array of intervals, one object a line. */
  private static void intervals(StringBuilder sb, List<SimulatedInterval> list, String indent) {
    sb.append('[');
    String sep = "";
    for (SimulatedInterval i : list) {
      sb.append(sep).append('\n').append(indent).append("  {\"label\": ").append(quote(i.label()))
          .append(", \"startSeconds\": ").append(number(i.start().toNanos() / 1e9))
          .append(", \"endSeconds\": ").append(number(i.end().toNanos() / 1e9));
      Estimate[] values = values(i);
      for (int k = 0; k < INTERVAL_KEYS.length; k++) {
        sb.append(", ").append(quote(INTERVAL_KEYS[k][0])).append(": ")
            .append(number(values[k].mean())).append(", ")
            .append(quote(INTERVAL_KEYS[k][0] + "Ci95")).append(": ")
            .append(number(values[k].ci95()));
      }
      sb.append('}');
      sep = ",";
    }
    sb.append(sep.isEmpty() ? "]" : "\n" + indent + "]");
  }

  private static Estimate[] values(SimulatedInterval i) {
    return new Estimate[] {i.offered(), i.answered(), i.abandoned(), i.abandonmentRate(),
        i.serviceLevel(), i.averageSpeedOfAnswerSeconds(), i.occupancy()};
  }

  private static void estimateMap(StringBuilder sb, String key, Map<String, Estimate> map) {
    sb.append(",\n  ").append(quote(key)).append(": {");
    String sep = "";
    for (Map.Entry<String, Estimate> e : map.entrySet()) {
      sb.append(sep).append("\n    ").append(quote(e.getKey())).append(": ");
      meanAndCi(sb, e.getValue());
      sep = ",";
    }
    sb.append(sep.isEmpty() ? "}" : "\n  }");
  }

  private static void meanAndCi(StringBuilder sb, Estimate e) {
    sb.append("{\"mean\": ").append(number(e.mean())).append(", \"ci95\": ")
        .append(number(e.ci95())).append('}');
  }

  private static void outcomeFields(StringBuilder sb, Outcomes o, String indent) {
    StringBuilder inner = new StringBuilder();
    Estimate[] values = o.values();
    for (int i = 0; i < values.length; i++) {
      estimate(inner, Outcomes.KEYS[i], values[i], indent);
    }
    sb.append(inner.substring(1));
  }

  private static void kpiMap(StringBuilder sb, Map<String, Kpis> map) {
    sb.append('{');
    String sep = "";
    for (Map.Entry<String, Kpis> e : map.entrySet()) {
      sb.append(sep).append("\n    ").append(quote(e.getKey())).append(": {");
      StringBuilder inner = new StringBuilder();
      kpiFields(inner, e.getValue(), "      ");
      sb.append(inner.substring(1)).append("\n    }");
      sep = ",";
    }
    sb.append(sep.isEmpty() ? "}" : "\n  }");
  }

  private static void kpiFields(StringBuilder sb, Kpis k, String indent) {
    Estimate[] values = values(k);
    for (int i = 0; i < KPI_KEYS.length; i++) {
      estimate(sb, KPI_KEYS[i][0], values[i], indent);
    }
  }

  private static void estimate(StringBuilder sb, String key, Estimate e, String indent) {
    sb.append(",\n").append(indent).append(quote(key)).append(": ").append(number(e.mean()))
        .append(",\n").append(indent).append(quote(key + "Ci95")).append(": ")
        .append(number(e.ci95()));
  }

  private static Estimate[] values(Kpis k) {
    return new Estimate[] {k.serviceLevel(), k.probabilityOfWait(),
        k.averageSpeedOfAnswerSeconds(), k.averageHandleTimeSeconds(), k.abandonmentRate(),
        k.unansweredRate(), k.slaBreachRate(), k.occupancy(), k.items()};
  }

  static String html(SimulationReport r, String title) {
    StringBuilder sb = new StringBuilder(8192);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(escape(title)).append("</title><style>")
        .append("body{font:14px system-ui,sans-serif;margin:2em;color:#222}")
        .append("@media (max-width:600px){body{margin:.5em}td,th{padding:2px 4px}}")
        .append(".wide{overflow-x:auto;max-width:100%}svg{max-width:100%;height:auto}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}")
        .append("h2{margin-top:1.5em}.bar{fill:#3b7dd8}.label{font-size:12px}")
        .append("</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n<p>")
        .append(r.replications()).append(" replications, ").append(r.itemsSimulated())
        .append(" items simulated. Each value is the mean over replications &plusmn; the")
        .append(" half-width of its 95% confidence interval. Service level counts answers")
        .append(" within ").append(r.serviceLevelThreshold().toNanos() % 1_000_000_000 == 0
            ? String.valueOf(r.serviceLevelThreshold().toSeconds())
            : format(r.serviceLevelThreshold().toNanos() / 1e9))
        .append(" s.</p>\n");
    sb.append("<h2>All work</h2>\n");
    kpiTable(sb, Map.of("all", r.overall()));
    sb.append("<h2>Affinity</h2>\n<div class=\"wide\"><table><tr><th></th>")
        .append("<th>Hit rate (own or recent agent)</th>")
        .append("<th>Wait added per answered item (s)</th></tr>\n<tr><td>all</td>");
    for (Estimate e : new Estimate[] {r.affinityHitRate(), r.affinityWaitSeconds()}) {
      sb.append("<td>").append(format(e.mean()));
      if (!Double.isNaN(e.ci95())) {
        sb.append(" &plusmn; ").append(format(e.ci95()));
      }
      sb.append("</td>");
    }
    sb.append("</tr></table></div>\n");
    if (!r.campaigns().isEmpty()) {
      sb.append("<h2>Campaigns</h2>\n<div class=\"wide\"><table><tr><th></th>")
          .append("<th>Target share</th>")
          .append("<th>Share achieved</th><th>Contacts handled</th><th>Contacts left</th></tr>\n");
      r.campaigns().forEach((id, c) -> {
        sb.append("<tr><td>").append(escape(id)).append("</td><td>")
            .append(format(c.targetShare())).append("</td>");
        for (Estimate e : new Estimate[] {c.shareAchieved(), c.contactsHandled(),
            c.contactsPending()}) {
          sb.append("<td>").append(format(e.mean()));
          if (!Double.isNaN(e.ci95())) {
            sb.append(" &plusmn; ").append(format(e.ci95()));
          }
          sb.append("</td>");
        }
        sb.append("</tr>\n");
      });
      sb.append("</table></div>\n");
    }
    sb.append("<h2>Outcomes of calls</h2>\n<div class=\"wide\"><table><tr><th></th>");
    for (String key : Outcomes.KEYS) {
      sb.append("<th>").append(key).append("</th>");
    }
    sb.append("</tr>\n");
    Map<String, Outcomes> outcomes = new java.util.LinkedHashMap<>();
    outcomes.put("all inbound", r.outcomes());
    outcomes.putAll(r.outcomesByStream());
    outcomes.forEach((name, o) -> {
      sb.append("<tr><td>").append(escape(name)).append("</td>");
      cells(sb, o.values());
      sb.append("</tr>\n");
    });
    sb.append("</table></div>\n");
    sb.append("<h2>By channel</h2>\n");
    kpiTable(sb, r.byChannel());
    sb.append("<h2>By queue</h2>\n");
    kpiTable(sb, r.byQueue());
    sb.append("<h2>Service level by channel</h2>\n");
    Map<String, Double> sl = new java.util.TreeMap<>();
    r.byChannel().forEach((k, v) -> sl.put(k, v.serviceLevel().mean()));
    bars(sb, sl);
    sb.append("<h2>Agent occupancy</h2>\n");
    Map<String, Double> occ = new java.util.TreeMap<>();
    r.agentOccupancy().forEach((k, v) -> occ.put(k, v.mean()));
    bars(sb, occ);
    sb.append("<h2>All work, interval by interval of arrival</h2>\n")
        .append("<div class=\"wide\"><table id=\"intervals\">")
        .append("<tr><th>Interval</th>");
    for (String[] key : INTERVAL_KEYS) {
      sb.append("<th>").append(key[1]).append("</th>");
    }
    sb.append("</tr>\n");
    for (SimulatedInterval i : r.intervals()) {
      sb.append("<tr><td>").append(escape(i.label())).append("</td>");
      cells(sb, values(i));
      sb.append("</tr>\n");
    }
    sb.append("</table></div>\n");
    sb.append("</body></html>\n");
    return sb.toString();
  }

  private static void kpiTable(StringBuilder sb, Map<String, Kpis> rows) {
    sb.append("<div class=\"wide\"><table><tr><th></th>");
    for (String[] key : KPI_KEYS) {
      sb.append("<th>").append(key[1]).append("</th>");
    }
    sb.append("</tr>\n");
    new java.util.TreeMap<>(rows).forEach((name, k) -> {
      sb.append("<tr><td>").append(escape(name)).append("</td>");
      cells(sb, values(k));
      sb.append("</tr>\n");
    });
    sb.append("</table></div>\n");
  }

  private static void cells(StringBuilder sb, Estimate[] values) {
    for (Estimate e : values) {
      sb.append("<td>").append(format(e.mean()));
      if (!Double.isNaN(e.ci95())) {
        sb.append(" &plusmn; ").append(format(e.ci95()));
      }
      sb.append("</td>");
    }
  }

  /** A horizontal bar chart of values from 0 to 1, as inline SVG. */
  private static void bars(StringBuilder sb, Map<String, Double> values) {
    int rowHeight = 22;
    int height = rowHeight * values.size() + 10;
    sb.append("<svg width=\"520\" height=\"").append(height)
        .append("\" viewBox=\"0 0 520 ").append(height)
        .append("\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">");
    int y = 5;
    for (Map.Entry<String, Double> e : values.entrySet()) {
      double v = Double.isNaN(e.getValue()) ? 0 : Math.max(0, Math.min(1, e.getValue()));
      sb.append("<text class=\"label\" x=\"0\" y=\"").append(y + 15).append("\">")
          .append(escape(e.getKey())).append("</text>")
          .append("<rect class=\"bar\" x=\"120\" y=\"").append(y).append("\" width=\"")
          .append(Math.round(v * 340)).append("\" height=\"16\"/>")
          .append("<text class=\"label\" x=\"").append(125 + Math.round(v * 340)).append("\" y=\"")
          .append(y + 13).append("\">").append(format(e.getValue())).append("</text>");
      y += rowHeight;
    }
    sb.append("</svg>\n");
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String format(double v) {
    return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "null" : Double.toString(v);
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
