package dev.switchboard.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.Agent;
import dev.switchboard.insights.Change;
import dev.switchboard.insights.Insight;
import dev.switchboard.insights.InsightContext;
import dev.switchboard.insights.InsightRule;
import dev.switchboard.insights.Prediction;
import dev.switchboard.insights.WhatIf;
import dev.switchboard.insights.Workload;
import dev.switchboard.sim.ArrivalStream;
import dev.switchboard.sim.Estimate;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * What-ifs the supervisor asks for from the dashboard: "with this many more agents for this
 * queue, in this interval, what would the service level have been?". Each closed interval's
 * measured work is kept (the last {@link #KEPT}) by a rule that finds nothing; a request runs
 * {@link WhatIf} on it, in simulations of their own, so the engine and its state are never
 * touched. Strict limits: 1 to {@link #MAX_AGENTS} agents, a known queue and interval, and one
 * run at a time (another request meanwhile is refused at once).
 */
final class WhatIfRequests implements InsightRule {

  /** Intervals whose work is kept: a day of 15-minute intervals. */
  static final int KEPT = 96;
  /** The most agents one what-if may add. */
  static final int MAX_AGENTS = 10;

  private final Predictor predictor;
  private final Map<Long, Workload> byInterval = new LinkedHashMap<>();
  private final Semaphore running = new Semaphore(1);
  private final ObjectMapper json = new ObjectMapper();

  WhatIfRequests(WhatIf whatIf) {
    this(whatIf::predict);
  }

  /** As above, with what-ifs run by {@code predictor} (a test holds a run there). */
  WhatIfRequests(Predictor predictor) {
    this.predictor = predictor;
  }

  /** What runs one what-if: {@link WhatIf#predict}. */
  @FunctionalInterface
  interface Predictor {
    /** The prediction for {@code work} with {@code changes}. */
    Prediction predict(Workload work, List<Change> changes);
  }

  /** Refused: busy (another what-if runs) or a request outside the limits. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  @Override
  public String name() {
    return "what-if-requests";
  }

  /** Keeps the interval's work, keyed by its start as the dashboard's charts name it. */
  @Override
  public List<Insight> evaluate(InsightContext context) {
    keep(SupervisorView.chartTime(context.interval().start()), context.workload());
    return List.of();
  }

  /** Keeps {@code work} as the interval at {@code t}'s (the charts' t), forgetting the oldest. */
  void keep(long t, Workload work) {
    synchronized (byInterval) {
      byInterval.put(t, work);
      if (byInterval.size() > KEPT) {
        byInterval.remove(byInterval.keySet().iterator().next());
      }
    }
  }

  /** The work kept for the interval at {@code t}, or null. */
  Workload kept(long t) {
    synchronized (byInterval) {
      return byInterval.get(t);
    }
  }

  /**
   * Runs the what-if a request body asks for, {@code {"queue": "...", "t": <interval start, as
   * the charts' t>, "agents": <1 to 10>}}, and answers with the queue's service level as
   * measured, as simulated without and with the agents.
   */
  String run(byte[] body) throws Refused {
    JsonNode request;
    try {
      request = json.readTree(body);
    } catch (IOException e) {
      throw new Refused(400, "the body is not JSON");
    }
    if (request == null || !request.path("queue").isTextual()
        || !request.path("t").canConvertToLong() || !request.path("agents").isIntegralNumber()
        || !request.path("agents").canConvertToInt()) {
      throw new Refused(400, "expected {\"queue\": text, \"t\": number, \"agents\": number}");
    }
    String queue = request.get("queue").asText();
    long t = request.get("t").asLong();
    int agents = request.get("agents").asInt();
    if (agents < 1 || agents > MAX_AGENTS) {
      throw new Refused(400, "agents is " + agents + "; allowed: 1 to " + MAX_AGENTS);
    }
    Workload work = kept(t);
    if (work == null) {
      throw new Refused(404, "no measured work kept for the interval at " + t);
    }
    ArrivalStream stream = work.streams().stream().filter(s -> s.queue().equals(queue))
        .findFirst().orElseThrow(() -> new Refused(404, "queue " + queue
            + " had no work to simulate in that interval"));
    if (!running.tryAcquire()) {
      throw new Refused(429, "a what-if is running; try again when it has finished");
    }
    try {
      Agent.Builder template = Agent.builder("extra-" + queue).channel(stream.channel());
      stream.requiredSkills().forEach(template::skill);
      Prediction p = predictor.predict(work, List.of(new Change.AddAgents(agents,
          template.build())));
      ObjectNode answer = json.createObjectNode().put("queue", queue).put("t", t)
          .put("agents", agents);
      var asMeasured = p.asMeasured().byQueue().get(queue);
      estimate(answer.putObject("simulatedAsMeasured"), asMeasured == null
          ? new Estimate(Double.NaN, Double.NaN) : asMeasured.serviceLevel());
      estimate(answer.putObject("predicted"), p.serviceLevel(queue));
      return answer.toString();
    } finally {
      running.release();
    }
  }

  private static void estimate(ObjectNode out, Estimate e) {
    if (Double.isNaN(e.mean())) {
      out.putNull("mean");
    } else {
      out.put("mean", e.mean());
    }
    if (Double.isNaN(e.ci95())) {
      out.putNull("ci95");
    } else {
      out.put("ci95", e.ci95());
    }
  }
}
