package dev.switchboard.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.PolicyStep;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.Target;
import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.insights.Insights;
import dev.switchboard.insights.WhatIf;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.sim.ArrivalStream;
import dev.switchboard.sim.CampaignWorkload;
import dev.switchboard.sim.Distribution;
import dev.switchboard.sim.Shift;
import dev.switchboard.sim.Simulation;
import dev.switchboard.sim.SimulationObserver;
import dev.switchboard.sim.SimulationReport;
import dev.switchboard.sla.AlertLevel;
import dev.switchboard.sla.AlertRecipient;
import dev.switchboard.sla.SlaPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The main demo: a simulated multichannel centre (voice, chat, email, SMS; a VIP queue that
 * waits for the gold team before widening; returning customers whose chats, emails and texts go
 * first to their own agent, then to an agent they spoke to recently; SLA policies that warn and
 * alert the supervisor; an SMS renewals campaign blended into two agents' day; agents on shifts
 * with a lunch break), run on the real engine in accelerated real time with a live console
 * summary and a dashboard on localhost. With {@code --fast} the day runs as fast as the CPU
 * allows.
 */
final class LiveDemo implements SimulationObserver {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final Duration DAY = Duration.ofHours(8);
  /** The campaign, its agents and the share of their busy time it aims for. */
  private static final String CAMPAIGN = "renewals";
  private static final String[] CAMPAIGN_AGENTS = {"zoe", "sam"};
  private static final double CAMPAIGN_SHARE = 0.25;

  private final PrintStream out;
  private final double speed;
  private final ObjectMapper json = new ObjectMapper();
  private final WhatIfRequests whatIfRequests = new WhatIfRequests(whatIf());
  private final Insights insights = insights(whatIfRequests);
  private final SupervisorView supervisor = new SupervisorView(insights);
  private final Map<String, Long> totals = new LinkedHashMap<>();
  /** Per SLA policy: warnings and breaches, from the supervisor's alerts. */
  private final Map<String, long[]> slaByPolicy = new TreeMap<>();
  /** Per campaign agent: the share measured at the last blend, and contacts blended. */
  private final Map<String, double[]> campaignByAgent = new TreeMap<>();
  private final Set<String> campaignItems = new HashSet<>();
  private volatile String state = "{\"time\":\"not started\",\"speed\":0,\"finished\":false,"
      + "\"totals\":{},\"queues\":[],\"agents\":[],\"atRisk\":[],\"sla\":[],\"campaign\":[]}";
  private long wallStart;
  private Instant simStart;
  private final long captureEveryNanos;
  private long lastCapture;
  private int captures;
  private int mostItemsHeld;
  private long lastPrint;
  private Duration keepAt;
  private volatile String kept;

  /** A demo printing to {@code out}, running {@code speed} times faster than real time (0: unpaced). */
  LiveDemo(PrintStream out, double speed) {
    this(out, speed, speed > 0 ? Duration.ofMillis(250) : Duration.ofSeconds(1));
  }

  /** As above, refreshing the dashboard state at most once per {@code captureEvery} of wall time. */
  LiveDemo(PrintStream out, double speed, Duration captureEvery) {
    this.out = out;
    this.speed = speed;
    this.captureEveryNanos = captureEvery.toNanos();
    for (String k : new String[] {"submitted", "answered", "completed", "abandoned", "offers timed out",
        "escalations", "SLA warnings", "SLA breaches", "alerts", "campaign contacts", "handed back"}) {
      totals.put(k, 0L);
    }
    for (String agent : CAMPAIGN_AGENTS) {
      campaignByAgent.put(agent, new double[2]);
    }
  }

  /**
   * The live KPIs (15-minute intervals; 80% within 30 s, the report's threshold) and the insights
   * over them, with what-if runs on this demo's own engine configuration; {@code requests} keeps
   * each interval's work for the what-ifs the dashboard asks for.
   */
  private static Insights insights(WhatIfRequests requests) {
    LiveKpis kpis = LiveKpis.builder().interval(Duration.ofMinutes(15))
        .defaultServiceTarget(Duration.ofSeconds(30), SupervisorView.CENTRE_TARGET)
        .serviceTarget("vip", Duration.ofSeconds(30), 0.9).build();
    // a small centre: a 15-minute interval of one queue holds 5 to 15 calls, fewer than the
    // default sample of 20 the rules wait for
    return Insights.builder(kpis).minimumSample(8).whatIf(whatIf()).rule(requests).build();
  }

  /** What-if runs on this demo's own engine configuration. */
  static WhatIf whatIf() {
    return WhatIf.builder(LiveDemo::configure).replications(WHAT_IF_REPLICATIONS).build();
  }

  /** The what-ifs the dashboard's supervisor may ask for, on the day's measured work. */
  WhatIfRequests whatIfRequests() {
    return whatIfRequests;
  }

  /** Replications of each what-if run: a rough interval, cheap enough to run live. */
  private static final int WHAT_IF_REPLICATIONS = 10;

  /** The insights and live KPIs the dashboard shows. */
  Insights insightsView() {
    return insights;
  }

  /** The demo centre, watched by this demo. */
  Simulation simulation() {
    Simulation.Builder b = Simulation.builder()
        .engine(LiveDemo::configure)
        .horizon(DAY).replications(1).seed(2026)
        .missProbability(0.03).acceptDelay(Distribution.exponential(Duration.ofSeconds(4)))
        .serviceLevelThreshold(Duration.ofSeconds(30))
        .observer(this);
    return people(b).build();
  }

  /** The demo's engine: skills, queues and their policies, affinity, SLA policies, timeouts. */
  static SwitchboardBuilder configure(SwitchboardBuilder engine) {
    return engine.skills("billing", "tech", "spanish")
        .queue("vip", RoutingPolicy.of(
            PolicyStep.waitFor(Target.team("gold"), Duration.ofSeconds(30)),
            PolicyStep.untilAnswered(Target.requiredSkills()).withPriorityBoost(20)))
        // a returning customer's chat, email or text waits a little for their own agent, then
        // for one they spoke to recently, then goes to anyone skilled
        .queue("personal", RoutingPolicy.of(
            PolicyStep.waitForShareOfSla(Target.ownAgent(), 0.5, Duration.ofMinutes(2)),
            PolicyStep.waitFor(Target.recentAgents(), Duration.ofSeconds(30)),
            PolicyStep.untilAnswered(Target.requiredSkills())))
        .affinity(AffinityOptions.builder().learnOwnerAfter(2).build())
        .slaPolicy(slaPolicy("chat", Channel.CHAT, Duration.ofMinutes(2), Duration.ofMinutes(25)))
        .slaPolicy(slaPolicy("email", Channel.EMAIL, Duration.ofHours(2), Duration.ofHours(4)))
        .slaPolicy(slaPolicy("sms", Channel.SMS, Duration.ofMinutes(30), Duration.ofHours(1)))
        .slaPolicy(slaPolicy("voice", Channel.VOICE, Duration.ofSeconds(60),
            Duration.ofMinutes(20)))
        .wrapUp(Channel.VOICE, Duration.ofSeconds(30))
        .offerTimeout(Duration.ofSeconds(20));
  }

  /** The agents on their shifts, the arrival streams and the campaign. */
  private static Simulation.Builder people(Simulation.Builder b) {
    Shift morning = Shift.of(Duration.ZERO, Duration.ofHours(4));
    Shift afternoon = Shift.of(Duration.ofMinutes(270), DAY);
    String[][] people = {
        {"ted", "gold", "billing:8,spanish:6", "voice,chat,email,sms"},
        {"ann", "gold", "billing:7,tech:5", "voice,chat,email"},
        {"raj", "blue", "tech:8", "voice,chat"},
        {"zoe", "blue", "tech:6,billing:4", "chat,email,sms"},
        {"sam", "blue", "billing:5", "email,sms"},
        {"mia", "red", "spanish:9,billing:5", "voice,chat,sms"},
        {"leo", "red", "tech:7,billing:6", "voice"},
        {"ivy", "red", "billing:6,tech:6", "chat,email,sms"}};
    for (int i = 0; i < people.length; i++) {
      String[] p = people[i];
      Agent.Builder a = Agent.builder(p[0]).team(p[1]).supervisor("sue");
      for (String skill : p[2].split(",")) {
        String[] kv = skill.split(":");
        a.skill(kv[0], Integer.parseInt(kv[1]));
      }
      for (String ch : p[3].split(",")) {
        Channel c = channel(ch);
        a.channel(c);
        if (c.equals(Channel.VOICE)) {
          a.exclusive(c);
        }
      }
      // half the team lunches 12:00-12:30, so the afternoon shift starts after a break
      b.agent(a.build(), i % 2 == 0 ? new Shift[] {morning, afternoon} : new Shift[] {});
    }
    Duration hour = Duration.ofHours(1);
    b.stream(ArrivalStream.builder("call", Channel.VOICE).requireSkill("billing", 4)
        .ratesPerHour(hour, java.util.List.of(20.0, 35.0, 40.0, 30.0, 25.0, 35.0, 30.0, 15.0))
        .handleTime(Distribution.lognormal(Duration.ofMinutes(5), Duration.ofMinutes(3)))
        .patience(Distribution.exponential(Duration.ofMinutes(3)))
        .slaTarget(Duration.ofSeconds(60)).build());
    b.stream(ArrivalStream.builder("vip", Channel.VOICE).queue("vip").requireSkill("billing", 6)
        .ratePerHour(4).handleTime(Distribution.exponential(Duration.ofMinutes(8)))
        .patience(Distribution.exponential(Duration.ofMinutes(4)))
        .slaTarget(Duration.ofSeconds(45)).build());
    b.stream(ArrivalStream.builder("chat", Channel.CHAT).queue("personal").customers(CUSTOMERS)
        .requireSkill("tech", 5).ratePerHour(30)
        .handleTime(Distribution.lognormal(Duration.ofMinutes(9), Duration.ofMinutes(4)))
        .patience(Distribution.exponential(Duration.ofMinutes(6)))
        .slaTarget(Duration.ofMinutes(2)).build());
    b.stream(ArrivalStream.builder("mail", Channel.EMAIL).queue("personal").customers(CUSTOMERS)
        .requireSkill("billing", 3)
        .ratePerHour(25).handleTime(Distribution.exponential(Duration.ofMinutes(6)))
        .slaTarget(Duration.ofHours(2)).build());
    b.stream(ArrivalStream.builder("sms", Channel.SMS).queue("personal").customers(CUSTOMERS)
        .requireSkill("spanish", 5).ratePerHour(10)
        .handleTime(Distribution.exponential(Duration.ofMinutes(4)))
        .slaTarget(Duration.ofMinutes(30)).build());
    CampaignWorkload.Builder campaign = CampaignWorkload.builder(
            Campaign.builder(CAMPAIGN, Channel.SMS).build())
        .contacts(400).handleTime(Distribution.lognormal(Duration.ofMinutes(3), Duration.ofMinutes(1)));
    for (String agent : CAMPAIGN_AGENTS) {
      campaign.assign(Assignee.agent(agent), Pacing.share(CAMPAIGN_SHARE, Duration.ofHours(1)));
    }
    return b.campaign(campaign.build());
  }

  /** Customers the chat, email and SMS streams draw from, so that they come back. */
  private static final int CUSTOMERS = 150;

  /** Warns the supervisor at 75% of a target and alerts supervisor and agent at a breach. */
  private static SlaPolicy slaPolicy(String name, Channel channel, Duration firstResponse,
      Duration resolution) {
    return SlaPolicy.builder(name).channel(channel).firstResponse(firstResponse)
        .resolution(resolution).warnAt(0.75).supervisor("sue")
        .alertOnWarning(AlertRecipient.SUPERVISOR)
        .alertOnBreach(AlertRecipient.SUPERVISOR, AlertRecipient.AGENT).build();
  }

  private static Channel channel(String id) {
    return switch (id) {
      case "voice" -> Channel.VOICE;
      case "chat" -> Channel.CHAT;
      case "email" -> Channel.EMAIL;
      default -> Channel.SMS;
    };
  }

  /** The latest dashboard state, as JSON. */
  String state() {
    return state;
  }

  /** Runs the day; returns the report. */
  SimulationReport run() {
    wallStart = System.nanoTime();
    SimulationReport report = simulation().run();
    out.println();
    out.printf("day complete: %s%n", summaryLine());
    return report;
  }

  @Override
  public void onStart(int replication) {
    simStart = Instant.parse("2026-01-05T00:00:00Z");
  }

  @Override
  public void onAdvance(Instant now, Instant next, Supplier<EngineSnapshot> engine) {
    supervisor.sampleDepth(now);
    long wall = System.nanoTime();
    if (wall - lastCapture >= captureEveryNanos) {
      capture(now, engine, false);
      lastCapture = wall;
    }
    if (speed > 0 && wall - lastPrint > TimeUnit.SECONDS.toNanos(5)) {
      out.println(CLOCK.format(now.plus(Duration.ofHours(9))) + "  " + summaryLine());
      lastPrint = wall;
    }
    if (speed > 0) {
      long due = wallStart + (long) (Duration.between(simStart, next).toNanos() / speed);
      long sleep = due - System.nanoTime();
      if (sleep > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(sleep);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public void onFinish(int replication, Instant now, Supplier<EngineSnapshot> engine) {
    capture(now, engine, true);
  }

  @Override
  public void onEvent(RoutingEvent e) {
    insights.onEvent(e);
    supervisor.onEvent(e);
    String key = e instanceof RoutingEvent.ItemSubmitted ? "submitted"
        : e instanceof RoutingEvent.ItemAssigned ? "answered"
        : e instanceof RoutingEvent.ItemCompleted ? "completed"
        : e instanceof RoutingEvent.ItemAbandoned ? "abandoned"
        : e instanceof RoutingEvent.ItemCancelled ? "handed back"
        : e instanceof RoutingEvent.OfferTimedOut ? "offers timed out"
        : e instanceof RoutingEvent.StepEscalated ? "escalations"
        : e instanceof RoutingEvent.SlaWarning ? "SLA warnings"
        : e instanceof RoutingEvent.SlaBreached ? "SLA breaches"
        : e instanceof RoutingEvent.AlertRaised ? "alerts" : null;
    if (key != null) {
      totals.merge(key, 1L, Long::sum);
    }
    if (e instanceof RoutingEvent.AlertRaised a && a.alert().recipient() == AlertRecipient.SUPERVISOR) {
      long[] counts = slaByPolicy.computeIfAbsent(a.alert().policy(), p -> new long[2]);
      counts[a.alert().level() == AlertLevel.WARNING ? 0 : 1]++;
    } else if (e instanceof RoutingEvent.CampaignWorkBlended c) {
      campaignItems.add(c.itemId());
      double[] agent = campaignByAgent.computeIfAbsent(c.agentId(), k -> new double[2]);
      agent[0] = c.shareBefore();
      agent[1]++;
    } else if (e instanceof RoutingEvent.ItemCompleted c && campaignItems.remove(c.itemId())) {
      totals.merge("campaign contacts", 1L, Long::sum);
    } else if (e instanceof RoutingEvent.ItemCancelled c) {
      campaignItems.remove(c.itemId());
    }
  }

  private String summaryLine() {
    StringBuilder sb = new StringBuilder();
    totals.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " | ").append(k).append(' ').append(v));
    return sb.toString();
  }

  /** Takes a snapshot from the engine (between simulation steps) and publishes it. */
  void capture(Instant now, Supplier<EngineSnapshot> engine, boolean finished) {
    EngineSnapshot snap = engine.get();
    ObjectNode root = json.createObjectNode();
    root.put("time", CLOCK.format(now.plus(Duration.ofHours(9))));
    root.put("speed", speed);
    root.put("finished", finished);
    ObjectNode t = root.putObject("totals");
    totals.forEach(t::put);
    Map<String, long[]> queues = new TreeMap<>();
    for (EngineSnapshot.ItemView item : snap.items()) {
      long[] q = queues.computeIfAbsent(item.queue(), k -> new long[2]);
      if (item.state() == ItemState.QUEUED) {
        q[0]++;
        q[1] = Math.max(q[1], Duration.between(item.item().createdAt().orElse(now), now).toSeconds());
      }
    }
    ArrayNode qs = root.putArray("queues");
    queues.forEach((name, q) -> qs.addObject().put("name", name).put("waiting", q[0])
        .put("oldestWaitSeconds", q[1]));
    ArrayNode agents = root.putArray("agents");
    for (EngineSnapshot.AgentView a : snap.agents()) {
      StringBuilder load = new StringBuilder();
      Map<String, Integer> byChannel = new TreeMap<>();
      a.load().forEach((c, n) -> byChannel.put(c.id(), n));
      byChannel.forEach((c, n) -> load.append(load.length() == 0 ? "" : ", ").append(c).append(' ')
          .append(n));
      mostItemsHeld = Math.max(mostItemsHeld, a.itemIds().size());
      agents.addObject().put("id", a.agent().id()).put("presence", a.presence().toString())
          .put("status", a.presence().status().name()).put("load", load.toString())
          .put("items", a.itemIds().size());
    }
    ArrayNode risk = root.putArray("atRisk");
    snap.items().stream()
        .filter(i -> i.item().slaDeadline().isPresent() && i.state() != ItemState.WRAPPING_UP)
        .sorted(Comparator.comparing(i -> i.item().slaDeadline().get()))
        .limit(10)
        .forEach(i -> risk.addObject().put("item", i.item().id()).put("queue", i.queue())
            .put("state", i.state().name())
            .put("secondsLeft", Duration.between(now, i.item().slaDeadline().get()).toSeconds()));
    ArrayNode sla = root.putArray("sla");
    slaByPolicy.forEach((policy, n) -> sla.addObject().put("policy", policy).put("warnings", n[0])
        .put("breaches", n[1]));
    ArrayNode campaign = root.putArray("campaign");
    campaignByAgent.forEach((agent, c) -> campaign.addObject().put("campaign", CAMPAIGN)
        .put("agent", agent).put("targetShare", CAMPAIGN_SHARE)
        .put("share", Math.round(c[0] * 1000) / 1000.0).put("contacts", (long) c[1]));
    supervisor.write(root, now, snap);
    state = root.toString();
    if (kept == null && keepAt != null && !now.isBefore(simStart.plus(keepAt))) {
      kept = state;
    }
    captures++;
  }

  /** Keeps the first state captured at or after {@code sinceStart} of the day, for stills. */
  void keepStateAt(Duration sinceStart) {
    keepAt = sinceStart;
  }

  /** The state kept by {@link #keepStateAt}, if the day reached it. */
  java.util.Optional<String> keptState() {
    return java.util.Optional.ofNullable(kept);
  }

  /** The most items one agent held in any captured state. */
  int mostItemsHeldByOneAgent() {
    return mostItemsHeld;
  }

  /** How many times the dashboard state was refreshed. */
  int captures() {
    return captures;
  }

  /**
   * Writes the report as a self-contained HTML page: the simulator's report of the day, then the
   * dashboard's intraday charts of the day's live KPIs, with uPlot and the data inlined.
   */
  void writeReport(SimulationReport report, Path file) {
    try {
      Files.writeString(file, withIntradayCharts(
          report.toHtml("Switchboard demo centre: one 8-hour day"), state));
    } catch (IOException e) {
      throw new UserError("cannot write " + file + ": " + e.getMessage());
    }
  }

  /**
   * The report's HTML with a section of intraday charts drawn from {@code stateJson} (the
   * dashboard's state) by the dashboard's own script, inlined.
   */
  static String withIntradayCharts(String reportHtml, String stateJson) {
    return IntradayCharts.inject(reportHtml, "Today, interval by interval", "", stateJson);
  }
}
