package dev.switchboard.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.PolicyStep;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.SelectionStrategy;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.Target;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.examples.adapters.BoundedJson;
import dev.switchboard.sim.ArrivalStream;
import dev.switchboard.sim.CampaignWorkload;
import dev.switchboard.sim.Dialer;
import dev.switchboard.sim.Distribution;
import dev.switchboard.sim.Shift;
import dev.switchboard.sim.Simulation;
import dev.switchboard.sim.SimulationLimits;
import dev.switchboard.sim.SimulationObserver;
import dev.switchboard.sla.SlaPolicy;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A multichannel centre described in JSON, turned into a {@link Simulation}. Every mistake is
 * reported with the JSON path of the bad field, the bad value and what is allowed. The format is
 * documented in docs/simulation.md.
 *
 * <p>The file is read under {@link #JSON_LIMITS} (16 MiB, nesting 32 deep, numbers of 64
 * characters, strings of 64 KiB, field names of 1 KiB), and every number under the simulator's
 * {@link SimulationLimits}: hours and seconds at most a year, 100,000 replications and agents,
 * 1,000 streams and campaigns, 1,000,000 arrivals per hour.
 */
final class Scenario {

  /** What a scenario file may be: generous for 100,000 agents, tight for anything hostile. */
  static final BoundedJson.Limits JSON_LIMITS =
      new BoundedJson.Limits(16 << 20, 32, 64, 64 << 10, 1 << 10);
  private static final BoundedJson JSON = new BoundedJson("the scenario", JSON_LIMITS);
  private static final double MAX_HOURS = SimulationLimits.MAX_DURATION.toHours();
  private static final double MAX_SECONDS = SimulationLimits.MAX_DURATION.toSeconds();
  private static final double MAX_MINUTES = SimulationLimits.MAX_DURATION.toMinutes();

  private static final Map<String, Channel> BUILT_IN = Map.of("chat", Channel.CHAT, "email",
      Channel.EMAIL, "sms", Channel.SMS, "voice", Channel.VOICE, "social", Channel.SOCIAL, "im",
      Channel.IM);

  /** Targets named by a string, in the order error messages list them. */
  private static final Map<String, Target> NAMED_TARGETS = namedTargets();

  private Scenario() {}

  private static Map<String, Target> namedTargets() {
    Map<String, Target> m = new LinkedHashMap<>();
    m.put("requiredSkills", Target.requiredSkills());
    m.put("ownAgent", Target.ownAgent());
    m.put("recentAgents", Target.recentAgents());
    return m;
  }

  /** Parses a scenario; throws {@link UserError} naming the path of the first mistake. */
  static Simulation parse(String json) {
    return parse(json, null);
  }

  /**
   * The share of items to answer within {@code slSeconds} that a scenario {@link #parse parsed}
   * without error names as its target ({@code slTarget}), if it names one: the report draws it.
   */
  static OptionalDouble serviceTarget(String json) {
    JsonNode target = JSON.read(json).path("slTarget");
    return target.isNumber() ? OptionalDouble.of(target.asDouble()) : OptionalDouble.empty();
  }

  /** Parses a scenario whose run {@code observer} watches (none when null). */
  static Simulation parse(String json, SimulationObserver observer) {
    JsonNode root;
    try {
      root = JSON.read(json);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    Node top = new Node("$", root).object("hours", "warmUpHours", "slSeconds", "slTarget",
        "replications", "seed", "missProbability", "acceptDelaySeconds", "strategy", "skills",
        "queues", "wrapUpSeconds", "offerTimeoutSeconds", "agents", "streams", "slaPolicies",
        "campaigns", "trunks", "maxWaiting", "disconnectAtClose", "busyness", "groupSelection",
        "dialer", "occupancyPeriodMinutes", "intervalMinutes", "start", "calendars", "queueHours");
    Simulation.Builder sim = Simulation.builder();
    Map<String, BusinessCalendar> calendars = calendars(sim, top);
    Node hours = top.required("hours");
    wrap(hours, () -> sim.horizon(hours.hours(false)));
    top.optional("warmUpHours").ifPresent(n -> wrap(n, () -> sim.warmUp(n.hours(true))));
    top.optional("slSeconds").ifPresent(n -> wrap(n,
        () -> sim.serviceLevelThreshold(n.seconds(true))));
    // read by the report's charts (serviceTarget): checked here with everything else
    top.optional("slTarget").ifPresent(n -> n.positive(1));
    top.optional("replications").ifPresent(n -> wrap(n,
        () -> sim.replications(n.integer(1, SimulationLimits.MAX_REPLICATIONS))));
    top.optional("seed").ifPresent(n -> sim.seed(n.integer()));
    top.optional("missProbability").ifPresent(n -> wrap(n,
        () -> sim.missProbability(n.nonNegative(1))));
    top.optional("acceptDelaySeconds").ifPresent(n -> wrap(n,
        () -> sim.acceptDelay(Distribution.fixed(n.seconds(true)))));
    sim.engine(engine(top, calendars));
    queueHours(sim, top);
    models(sim, top);
    Node agents = top.required("agents");
    if (agents.json.size() == 0) {
      throw agents.error("[]", "at least one agent");
    }
    for (Node a : agents.elements(SimulationLimits.MAX_AGENTS)) {
      agent(sim, a, calendars);
    }
    Node streams = top.required("streams");
    if (streams.json.size() == 0) {
      throw streams.error("[]", "at least one stream");
    }
    for (Node s : streams.elements(SimulationLimits.MAX_STREAMS)) {
      wrap(s, () -> sim.stream(stream(s)));
    }
    top.optional("campaigns").ifPresent(c -> c.elements(SimulationLimits.MAX_CAMPAIGNS).forEach(
        n -> wrap(n, () -> sim.campaign(campaign(n)))));
    if (observer != null) {
      sim.observer(observer);
    }
    Simulation[] built = new Simulation[1];
    wrap(top, () -> built[0] = sim.build());
    return built[0];
  }

  /**
   * The start instant and the business calendars, in the shape of the Spring properties: per
   * name a zone, hours per day or range of days, holidays and per-date exceptions.
   */
  private static Map<String, BusinessCalendar> calendars(Simulation.Builder sim, Node top) {
    top.optional("start").ifPresent(n -> {
      try {
        sim.start(Instant.parse(n.text()));
      } catch (DateTimeException e) {
        throw n.error(n.json.toString(), "an instant such as \"2026-03-02T00:00:00Z\"");
      }
    });
    Map<String, BusinessCalendar> out = new LinkedHashMap<>();
    top.optional("calendars").ifPresent(c -> c.fields().forEach((name, n) -> {
      BusinessCalendar calendar = calendar(name, n);
      wrap(n, () -> sim.calendar(calendar));
      out.put(name, calendar);
    }));
    return out;
  }

  private static BusinessCalendar calendar(String name, Node c) {
    c.object("zone", "hours", "holidays", "exceptions");
    Node zoneNode = c.required("zone");
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneNode.text());
    } catch (DateTimeException e) {
      throw zoneNode.error(zoneNode.json.toString(), "a time zone id, e.g. \"Europe/Paris\"");
    }
    BusinessCalendar.Builder b;
    try {
      b = BusinessCalendar.builder(name, zone);
    } catch (IllegalArgumentException e) {
      throw new UserError(c.path + ": " + e.getMessage());
    }
    c.optional("hours").ifPresent(h -> h.fields().forEach((days, spans) -> {
      String[] range = days.split("-", -1);
      if (range.length > 2) {
        throw h.at(days).error("\"" + days + "\"", "a day or a range of days as the field"
            + " name, e.g. \"monday-friday\"");
      }
      DayOfWeek first = day(h.at(days), range[0]);
      DayOfWeek last = range.length == 2 ? day(h.at(days), range[1]) : first;
      wrap(spans, () -> b.open(first, last, spans(spans)));
    }));
    c.optional("holidays").ifPresent(h -> h.elements().forEach(d -> b.holiday(date(d, d.text()))));
    c.optional("exceptions").ifPresent(x -> x.fields().forEach((date, spans) -> {
      LocalDate day = date(x.at(date), date);
      String[] open = spans.text().strip().equalsIgnoreCase("closed") ? new String[0]
          : spans(spans);
      wrap(spans, () -> b.exception(day, open));
    }));
    BusinessCalendar[] built = new BusinessCalendar[1];
    wrap(c, () -> built[0] = b.build());
    return built[0];
  }

  private static DayOfWeek day(Node where, String text) {
    try {
      return DayOfWeek.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw where.error("\"" + text + "\"", "a day or a range of days, e.g. \"monday-friday\"");
    }
  }

  private static LocalDate date(Node where, String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeException e) {
      throw where.error("\"" + text + "\"", "a date, e.g. \"2026-12-25\"");
    }
  }

  /** Open spans "09:00-12:00, 13:00-17:00". */
  private static String[] spans(Node n) {
    String[] parts = n.text().split(",");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].strip();
    }
    return parts;
  }

  /** Each queue's calendar and what it does with new work while closed ({@code hold} if unset). */
  private static void queueHours(Simulation.Builder sim, Node top) {
    top.optional("queueHours").ifPresent(q -> q.fields().forEach((queue, h) -> {
      h.object("calendar", "afterHours", "sendTo", "reply");
      String calendar = h.required("calendar").text();
      String mode = h.optional("afterHours").map(Node::text).orElse("hold");
      AfterHours[] after = new AfterHours[1];
      switch (mode) {
        case "hold" -> after[0] = AfterHours.hold();
        case "sendTo" -> wrap(h, () -> after[0] = AfterHours.sendTo(h.required("sendTo").text()));
        case "autoReply" -> wrap(h, () -> after[0] = AfterHours.autoReply(
            h.required("reply").text()));
        default -> throw h.at("afterHours").error("\"" + mode + "\"",
            "\"hold\", \"sendTo\" or \"autoReply\"");
      }
      wrap(h, () -> sim.queueHours(queue, calendar, after[0]));
    }));
  }

  /** Trunks, waiting room, end of day, busyness, group selection and the dialer. */
  private static void models(Simulation.Builder sim, Node top) {
    int maxLines = SimulationLimits.MAX_AGENTS * 10;
    top.optional("trunks").ifPresent(n -> sim.trunks(n.integer(1, maxLines)));
    top.optional("maxWaiting").ifPresent(n -> sim.maxWaiting(n.integer(1, maxLines)));
    top.optional("disconnectAtClose").ifPresent(n -> {
      if (n.bool()) {
        sim.disconnectAtClose();
      }
    });
    top.optional("busyness").ifPresent(n -> {
      n.object("gammaShape");
      Node shape = n.required("gammaShape");
      double v = shape.number();
      if (!(v >= 0.001 && v <= 1000)) {
        throw shape.error(shape.json.toString(), "a gamma shape from 0.001 to 1000");
      }
      sim.dailyBusyness(v);
    });
    top.optional("groupSelection").ifPresent(n -> {
      String v = n.text();
      if (v.equals("random")) {
        sim.randomGroupSelection();
      } else if (!v.equals("engine")) {
        throw n.error("\"" + v + "\"", "\"random\" or \"engine\"");
      }
    });
    top.optional("dialer").ifPresent(n -> wrap(n, () -> sim.dialer(dialer(n))));
    top.optional("occupancyPeriodMinutes").ifPresent(n -> wrap(n, () -> sim.occupancyPeriod(
        period(top, "occupancyPeriodMinutes"))));
    top.optional("intervalMinutes").ifPresent(n -> wrap(n, () -> sim.intervalLength(
        period(top, "intervalMinutes"))));
  }

  private static Dialer dialer(Node d) {
    d.object("name", "channel", "queue", "skills", "fromHour", "untilHour", "minFreeAgents",
        "minFreeDialerAgents", "callsPerFreeAgent", "rightPartyProbability",
        "rightPartyProbabilities", "periodMinutes", "handleTime", "patience");
    Node from = d.required("fromHour");
    Node until = d.required("untilHour");
    Duration start = toSecond(from.hours(true));
    Duration end = toSecond(until.hours(false));
    if (end.compareTo(start) <= 0) {
      throw until.error(until.json.toString(), "an hour after fromHour");
    }
    Dialer.Builder b = Dialer.builder(d.required("name").text(),
        channel(d.required("channel"), d.required("channel").text()), start, end);
    d.optional("queue").ifPresent(n -> b.queue(n.text()));
    d.optional("skills").ifPresent(n -> levels(n).forEach(b::requireSkill));
    int agents = SimulationLimits.MAX_AGENTS;
    b.minFree(d.optional("minFreeAgents").map(n -> n.integer(0, agents)).orElse(0),
        d.optional("minFreeDialerAgents").map(n -> n.integer(1, agents)).orElse(1));
    d.optional("callsPerFreeAgent").ifPresent(n -> b.callsPerFreeAgent(n.integer(1, 100)));
    if (d.has("rightPartyProbability") && d.has("rightPartyProbabilities")) {
      throw d.error(d.json.toString(), "at most one of \"rightPartyProbability\" and"
          + " \"rightPartyProbabilities\"");
    }
    d.optional("rightPartyProbability").ifPresent(n -> b.rightPartyProbability(n.nonNegative(1)));
    d.optional("rightPartyProbabilities").ifPresent(n -> b.rightPartyProbabilities(
        period(d), n.elements(SimulationLimits.MAX_RATE_PERIODS).stream()
            .map(p -> p.nonNegative(1)).toList()));
    b.handleTime(distribution(d.required("handleTime")));
    d.optional("patience").ifPresent(n -> b.patience(distribution(n)));
    return b.build();
  }

  /** Whole seconds: an hour like 13.9166667 (13:55) lands on its second. */
  private static Duration toSecond(Duration d) {
    return Duration.ofSeconds(Math.round(d.toNanos() / 1e9));
  }

  /** A node's {@code periodMinutes}, 60 when absent. */
  private static Duration period(Node n) {
    return period(n, "periodMinutes");
  }

  /** A node's minutes in {@code field}, 60 when absent. */
  private static Duration period(Node n, String field) {
    return Duration.ofNanos(Math.round(n.optional(field)
        .map(p -> p.positive(MAX_MINUTES)).orElse(60.0) * 60e9));
  }

  private static UnaryOperator<SwitchboardBuilder> engine(Node top,
      Map<String, BusinessCalendar> calendars) {
    List<String> skills = new ArrayList<>();
    top.optional("skills").ifPresent(n -> n.elements().forEach(s -> skills.add(s.text())));
    Map<String, RoutingPolicy> queues = new LinkedHashMap<>();
    top.optional("queues").ifPresent(q -> q.fields().forEach((name, steps) -> {
      List<PolicyStep> list = new ArrayList<>();
      for (Node step : steps.elements()) {
        wrap(step, () -> list.add(step(step)));
      }
      wrap(steps, () -> queues.put(name, new RoutingPolicy(list)));
    }));
    Map<Channel, Duration> wrapUp = new LinkedHashMap<>();
    top.optional("wrapUpSeconds").ifPresent(w -> w.fields().forEach(
        (ch, n) -> wrapUp.put(channel(w.at(ch), ch), n.seconds(true))));
    SelectionStrategy strategy = top.optional("strategy").map(n -> {
      String v = n.text();
      try {
        return SelectionStrategy.valueOf(v);
      } catch (IllegalArgumentException e) {
        throw n.error("\"" + v + "\"", "one of " + Arrays.toString(SelectionStrategy.values()));
      }
    }).orElse(SelectionStrategy.LONGEST_IDLE);
    Duration offerTimeout = top.optional("offerTimeoutSeconds")
        .map(n -> n.seconds(false)).orElse(Duration.ofSeconds(30));
    List<SlaPolicy> slaPolicies = new ArrayList<>();
    top.optional("slaPolicies").ifPresent(p -> p.elements().forEach(
        n -> wrap(n, () -> slaPolicies.add(slaPolicy(n, calendars)))));
    return b -> {
      b.skills(skills.toArray(String[]::new)).selectionStrategy(strategy).offerTimeout(offerTimeout);
      queues.forEach(b::queue);
      wrapUp.forEach(b::wrapUp);
      slaPolicies.forEach(b::slaPolicy);
      return b;
    };
  }

  private static PolicyStep step(Node step) {
    step.object("target", "waitSeconds", "slaShare", "priorityBoost");
    Node t = step.required("target");
    Target target;
    if (t.json.isTextual() && NAMED_TARGETS.containsKey(t.json.asText())) {
      target = NAMED_TARGETS.get(t.json.asText());
    } else if (t.json.isObject()) {
      t.object("team", "agents", "skills", "expression");
      if (t.json.size() != 1) {
        throw t.error(t.json.toString(),
            "exactly one of \"team\", \"agents\", \"skills\", \"expression\"");
      }
      target = t.optional("team").map(n -> Target.team(n.text()))
          .or(() -> t.optional("agents").map(n -> Target.agents(
              n.elements().stream().map(Node::text).toArray(String[]::new))))
          .or(() -> t.optional("expression").map(Scenario::expression))
          .orElseGet(() -> Target.skills(levels(t.required("skills"))));
    } else {
      throw t.error(t.json.toString(), "one of " + NAMED_TARGETS.keySet()
          + " or an object with \"team\", \"agents\", \"skills\" or \"expression\"");
    }
    PolicyStep s;
    if (step.has("slaShare")) {
      Node share = step.at("slaShare");
      double v = share.number();
      if (!(v > 0 && v <= 1)) {
        throw share.error(share.json.toString(), "a share of the SLA above 0, at most 1");
      }
      if (!step.has("waitSeconds")) {
        throw new UserError(step.path + ".waitSeconds: missing; it is required with \"slaShare\""
            + " (the longest wait, also for items without an SLA)");
      }
      s = PolicyStep.waitForShareOfSla(target, v, step.at("waitSeconds").seconds(false));
    } else {
      s = step.optional("waitSeconds")
          .map(n -> PolicyStep.waitFor(target, n.seconds(false)))
          .orElse(PolicyStep.untilAnswered(target));
    }
    return step.optional("priorityBoost").map(n -> s.withPriorityBoost(n.integer(0, 100))).orElse(s);
  }

  /** A routing expression in the text syntax; a syntax error names the path and position. */
  private static Target expression(Node n) {
    try {
      return Target.of(n.text());
    } catch (IllegalArgumentException e) {
      throw new UserError(n.path + ": " + e.getMessage());
    }
  }

  /** An agent's attributes for routing expressions: texts, numbers and lists of texts. */
  private static void attributes(Agent.Builder b, Node attributes) {
    attributes.fields().forEach((name, n) -> {
      if (n.json.isTextual()) {
        wrap(n, () -> b.attribute(name, n.json.asText()));
      } else if (n.json.isNumber()) {
        wrap(n, () -> b.attribute(name, n.json.asDouble()));
      } else if (n.json.isArray()) {
        Set<String> values = new LinkedHashSet<>();
        n.elements().forEach(e -> values.add(e.text()));
        wrap(n, () -> b.attribute(name, values));
      } else {
        throw n.error(n.json.toString(), "a text, a number or a list of texts");
      }
    });
  }

  private static void agent(Simulation.Builder sim, Node a,
      Map<String, BusinessCalendar> calendars) {
    a.object("id", "count", "skills", "channels", "totalCapacity", "exclusive", "team",
        "supervisor", "shifts", "attributes", "calendar");
    String calendar = a.optional("calendar").map(n -> known(n, calendars)).orElse(null);
    String id = a.required("id").text();
    int count = a.optional("count").map(n -> n.integer(1, SimulationLimits.MAX_AGENTS)).orElse(0);
    Agent.Builder b = Agent.builder(id);
    a.optional("skills").ifPresent(s -> levels(s).forEach(b::skill));
    a.required("channels").fields().forEach((ch, n) -> b.capacity(channel(a.at("channels." + ch), ch),
        n.integer(1, 1000)));
    a.optional("totalCapacity").ifPresent(n -> b.totalCapacity(n.integer(1, 1000)));
    a.optional("exclusive").ifPresent(e -> e.elements().forEach(
        c -> b.exclusive(channel(c, c.text()))));
    a.optional("team").ifPresent(n -> b.team(n.text()));
    a.optional("supervisor").ifPresent(n -> b.supervisor(n.text()));
    a.optional("attributes").ifPresent(n -> attributes(b, n));
    List<Shift> shifts = new ArrayList<>();
    a.optional("shifts").ifPresent(s -> s.elements(SimulationLimits.MAX_SHIFTS).forEach(shift -> {
      List<Node> ends = shift.elements();
      if (ends.size() != 2) {
        throw shift.error(shift.json.toString(), "[startHour, endHour]");
      }
      wrap(shift, () -> shifts.add(Shift.of(ends.get(0).hours(true), ends.get(1).hours(true))));
    }));
    Shift[] worked = shifts.toArray(Shift[]::new);
    if (count == 0) {
      wrap(a, () -> staff(sim, b.build(), calendar, worked));
    }
    for (int i = 1; i <= count; i++) {
      String each = id + "-" + i;
      wrap(a, () -> {
        Agent t = b.build();
        staff(sim, new Agent(each, t.skills(), t.capacity(), t.totalCapacity(),
            t.exclusiveChannels(), t.team(), t.supervisor(), t.attributes()), calendar, worked);
      });
    }
  }

  /** Adds the agent with its shifts, and its calendar's open hours when it follows one. */
  private static void staff(Simulation.Builder sim, Agent agent, String calendar,
      Shift[] shifts) {
    if (calendar == null) {
      sim.agent(agent, shifts);
    } else {
      sim.agent(agent, calendar, shifts);
    }
  }

  /** The name of a calendar under {@code calendars}. */
  private static String known(Node n, Map<String, BusinessCalendar> calendars) {
    String name = n.text();
    if (!calendars.containsKey(name)) {
      throw n.error("\"" + name + "\"", "the name of a calendar under \"calendars\": "
          + calendars.keySet());
    }
    return name;
  }

  private static ArrivalStream stream(Node s) {
    s.object("name", "channel", "queue", "skills", "ratePerHour", "ratesPerHour", "periodMinutes",
        "handleTime", "patience", "slaSeconds", "followUps", "customers", "balkProbability",
        "retrials");
    ArrivalStream.Builder b = ArrivalStream.builder(s.required("name").text(),
        channel(s.required("channel"), s.required("channel").text()));
    s.optional("queue").ifPresent(n -> b.queue(n.text()));
    s.optional("skills").ifPresent(n -> levels(n).forEach(b::requireSkill));
    if (s.has("ratePerHour") == s.has("ratesPerHour")) {
      throw s.error(s.json.toString(), "exactly one of \"ratePerHour\" and \"ratesPerHour\"");
    }
    double maxRate = SimulationLimits.MAX_RATE_PER_HOUR;
    s.optional("ratePerHour").ifPresent(n -> b.ratePerHour(n.nonNegative(maxRate)));
    s.optional("ratesPerHour").ifPresent(n -> b.ratesPerHour(period(s),
        n.elements(SimulationLimits.MAX_RATE_PERIODS).stream().map(r -> r.nonNegative(maxRate))
            .toList()));
    b.handleTime(distribution(s.required("handleTime")));
    s.optional("patience").ifPresent(n -> b.patience(distribution(n)));
    s.optional("slaSeconds").ifPresent(n -> b.slaTarget(n.seconds(false)));
    s.optional("customers").ifPresent(n -> b.customers(
        n.integer(1, SimulationLimits.MAX_CUSTOMERS)));
    s.optional("followUps").ifPresent(f -> b.followUps(belowOne(f), distribution(f.at("delay"))));
    s.optional("balkProbability").ifPresent(n -> b.balkProbability(n.nonNegative(1)));
    s.optional("retrials").ifPresent(f -> b.retrials(belowOne(f), distribution(f.at("delay"))));
    return b.build();
  }

  /** A {"probability": p, "delay": distribution} object's probability, below 1. */
  private static double belowOne(Node f) {
    f.object("probability", "delay");
    f.required("delay");
    double p = f.required("probability").nonNegative(1);
    if (p >= 1) {
      throw f.at("probability").error(Double.toString(p), "a probability below 1");
    }
    return p;
  }

  private static SlaPolicy slaPolicy(Node p, Map<String, BusinessCalendar> calendars) {
    p.object("name", "channel", "itemType", "firstResponseSeconds", "resolutionSeconds", "warnAt",
        "calendar");
    SlaPolicy.Builder b = SlaPolicy.builder(p.required("name").text());
    p.optional("channel").ifPresent(n -> b.channel(channel(n, n.text())));
    p.optional("itemType").ifPresent(n -> b.itemType(n.text()));
    if (!p.has("firstResponseSeconds") && !p.has("resolutionSeconds")) {
      throw p.error(p.json.toString(), "at least one of \"firstResponseSeconds\" and"
          + " \"resolutionSeconds\"");
    }
    p.optional("firstResponseSeconds").ifPresent(n -> b.firstResponse(n.seconds(false)));
    p.optional("resolutionSeconds").ifPresent(n -> b.resolution(n.seconds(false)));
    p.optional("warnAt").ifPresent(n -> {
      double v = n.number();
      if (!(v > 0 && v < 1)) {
        throw n.error(n.json.toString(), "a fraction of the target above 0 and below 1");
      }
      b.warnAt(v);
    });
    p.optional("calendar").ifPresent(n -> b.calendar(calendars.get(known(n, calendars))));
    return b.build();
  }

  private static CampaignWorkload campaign(Node c) {
    c.object("id", "channel", "queue", "skills", "contacts", "assign", "handleTime");
    Campaign.Builder cb = Campaign.builder(c.required("id").text(),
        channel(c.required("channel"), c.required("channel").text()));
    c.optional("queue").ifPresent(n -> cb.queue(n.text()));
    c.optional("skills").ifPresent(n -> levels(n).forEach(cb::requireSkill));
    Campaign[] campaign = new Campaign[1];
    wrap(c, () -> campaign[0] = cb.build());
    CampaignWorkload.Builder b = CampaignWorkload.builder(campaign[0])
        .contacts(c.required("contacts").integer(1, SimulationLimits.MAX_CONTACTS))
        .handleTime(distribution(c.required("handleTime")));
    Node assign = c.required("assign");
    if (assign.json.size() == 0) {
      throw assign.error("[]", "at least one assignment");
    }
    for (Node a : assign.elements()) {
      a.object("agent", "team", "expression", "pacing");
      if ((a.has("agent") ? 1 : 0) + (a.has("team") ? 1 : 0) + (a.has("expression") ? 1 : 0)
          != 1) {
        throw a.error(a.json.toString(),
            "exactly one of \"agent\", \"team\" and \"expression\"");
      }
      Assignee[] assignee = new Assignee[1];
      if (a.has("expression")) {
        Node e = a.at("expression");
        wrap(e, () -> assignee[0] = Assignee.matching(e.text()));
      } else {
        assignee[0] = a.has("agent") ? Assignee.agent(a.at("agent").text())
            : Assignee.team(a.at("team").text());
      }
      Assignee who = assignee[0];
      Pacing pacing = pacing(a.required("pacing"));
      wrap(a, () -> b.assign(who, pacing));
    }
    return b.build();
  }

  private static Pacing pacing(Node p) {
    if (p.json.isTextual() && p.json.asText().equals("onlyWhenIdle")) {
      return Pacing.onlyWhenIdle();
    }
    if (!p.json.isObject()) {
      throw p.error(p.json.toString(),
          "\"onlyWhenIdle\" or {\"share\": fraction, \"windowHours\": hours}");
    }
    p.object("share", "windowHours");
    Node share = p.required("share");
    double v = share.number();
    if (!(v > 0 && v <= 1)) {
      throw share.error(share.json.toString(), "a share of busy time above 0, at most 1");
    }
    Node window = p.required("windowHours");
    double h = window.number();
    if (!(h >= 1.0 / 60 && h <= MAX_HOURS)) {
      throw window.error(window.json.toString(), "a window of at least one minute (1/60 hour),"
          + " at most " + (long) MAX_HOURS + " hours");
    }
    return Pacing.share(v, Duration.ofNanos(Math.round(h * 3600e9)));
  }

  private static Distribution distribution(Node d) {
    d.object("fixed", "exponential", "lognormal", "empirical", "uniform", "gamma");
    if (d.json.size() != 1) {
      throw d.error(d.json.toString(), "one of {\"fixed\": s}, {\"exponential\": mean s},"
          + " {\"lognormal\": [mean s, sd s]}, {\"empirical\": [s, ...]},"
          + " {\"uniform\": [min s, max s]}, {\"gamma\": [shape, mean s]}");
    }
    if (d.has("uniform")) {
      List<Node> p = pair(d, "uniform", "[min seconds, max seconds]");
      Duration min = p.get(0).seconds(true);
      Duration max = p.get(1).seconds(true);
      if (max.compareTo(min) < 0) {
        throw p.get(1).error(p.get(1).json.toString(), "a maximum of at least the minimum");
      }
      return Distribution.uniform(min, max);
    }
    if (d.has("gamma")) {
      List<Node> p = pair(d, "gamma", "[shape, mean seconds]");
      double shape = p.get(0).number();
      if (!(shape >= 0.001 && shape <= 1000)) {
        throw p.get(0).error(p.get(0).json.toString(), "a gamma shape from 0.001 to 1000");
      }
      Duration mean = p.get(1).seconds(false);
      Distribution[] out = new Distribution[1];
      wrap(d.at("gamma"), () -> out[0] = Distribution.gamma(shape, mean));
      return out[0];
    }
    if (d.has("fixed")) {
      return Distribution.fixed(d.required("fixed").seconds(true));
    }
    if (d.has("exponential")) {
      return Distribution.exponential(d.required("exponential").seconds(false));
    }
    if (d.has("lognormal")) {
      List<Node> p = pair(d, "lognormal", "[mean seconds, sd seconds]");
      return Distribution.lognormal(p.get(0).seconds(false), p.get(1).seconds(false));
    }
    List<Node> values = d.required("empirical").elements(SimulationLimits.MAX_OBSERVATIONS);
    if (values.isEmpty()) {
      throw d.at("empirical").error("[]", "at least one value in seconds");
    }
    return Distribution.empirical(values.stream().map(n -> n.seconds(true))
        .toArray(Duration[]::new));
  }

  /** The two-element array in {@code d.field}. */
  private static List<Node> pair(Node d, String field, String expected) {
    List<Node> p = d.required(field).elements();
    if (p.size() != 2) {
      throw d.at(field).error(d.json.get(field).toString(), expected);
    }
    return p;
  }

  private static Map<String, Integer> levels(Node n) {
    Map<String, Integer> out = new LinkedHashMap<>();
    n.fields().forEach((skill, level) -> {
      long v = level.integer();
      if (v < 1 || v > 10) {
        throw level.error(Long.toString(v), "a skill level from 1 to 10");
      }
      out.put(skill, (int) v);
    });
    return out;
  }

  private static Channel channel(Node where, String id) {
    Channel c = BUILT_IN.get(id);
    if (c == null) {
      throw where.error("\"" + id + "\"", "one of " + new java.util.TreeSet<>(BUILT_IN.keySet()));
    }
    return c;
  }

  /** Runs a builder step, turning its IllegalArgumentException into an error at the node's path. */
  private static void wrap(Node where, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new UserError(where.path + ": " + e.getMessage());
    }
  }

  /** A JSON value and its path, with checks whose errors say path, value and what is allowed. */
  private record Node(String path, JsonNode json) {

    UserError error(String value, String allowed) {
      return new UserError(path + ": " + value + " is not allowed; expected " + allowed);
    }

    Node object(String... allowed) {
      if (json == null || !json.isObject()) {
        throw error(String.valueOf(json), "an object");
      }
      Set<String> names = Set.of(allowed);
      for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!names.contains(f)) {
          throw new UserError(path + "." + f + ": unknown field; allowed: "
              + String.join(", ", new java.util.TreeSet<>(names)));
        }
      }
      return this;
    }

    boolean has(String field) {
      return json.has(field) && !json.get(field).isNull();
    }

    Node at(String field) {
      return new Node(path + "." + field, json.get(field));
    }

    Node get(String field) {
      return at(field);
    }

    Node required(String field) {
      if (!has(field)) {
        throw new UserError(path + "." + field + ": missing; it is required");
      }
      return at(field);
    }

    java.util.Optional<Node> optional(String field) {
      return has(field) ? java.util.Optional.of(at(field)) : java.util.Optional.empty();
    }

    List<Node> elements() {
      return elements(Integer.MAX_VALUE);
    }

    /** The array's elements, refusing an array of more than {@code max}. */
    List<Node> elements(int max) {
      if (!json.isArray()) {
        throw error(json.toString(), "an array");
      }
      if (json.size() > max) {
        throw new UserError(path + ": an array of " + json.size() + " is not allowed; expected at"
            + " most " + max);
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < json.size(); i++) {
        out.add(new Node(path + "[" + i + "]", json.get(i)));
      }
      return out;
    }

    Map<String, Node> fields() {
      if (!json.isObject()) {
        throw error(json.toString(), "an object");
      }
      Map<String, Node> out = new LinkedHashMap<>();
      json.fieldNames().forEachRemaining(f -> out.put(f, at(f)));
      return out;
    }

    String text() {
      if (!json.isTextual() || json.asText().isBlank()) {
        throw error(json.toString(), "a non-empty string");
      }
      return json.asText();
    }

    boolean bool() {
      if (!json.isBoolean()) {
        throw error(json.toString(), "true or false");
      }
      return json.asBoolean();
    }

    double number() {
      if (!json.isNumber()) {
        throw error(json.toString(), "a number");
      }
      return json.asDouble();
    }

    /** A number above 0, at most {@code max}. */
    double positive(double max) {
      double v = number();
      if (!(v > 0 && v <= max)) {
        throw error(json.toString(), "a positive number, at most " + plain(max));
      }
      return v;
    }

    /** A number from 0 to {@code max}. */
    double nonNegative(double max) {
      double v = number();
      if (!(v >= 0 && v <= max)) {
        throw error(json.toString(), "a number from 0 to " + plain(max));
      }
      return v;
    }

    /** Seconds, above 0 (or also 0 if allowed), at most a year. */
    Duration seconds(boolean zeroAllowed) {
      return Duration.ofNanos(Math.round(within(zeroAllowed, MAX_SECONDS, "seconds") * 1e9));
    }

    /** Hours, above 0 (or also 0 if allowed), at most a year. */
    Duration hours(boolean zeroAllowed) {
      return Duration.ofNanos(Math.round(within(zeroAllowed, MAX_HOURS, "hours") * 3600e9));
    }

    private double within(boolean zeroAllowed, double max, String unit) {
      double v = number();
      if (!(zeroAllowed ? v >= 0 : v > 0) || !(v <= max)) {
        throw error(json.toString(), (zeroAllowed ? "a number of " : "a positive number of ")
            + unit + ", at most " + plain(max) + " (one year)");
      }
      return v;
    }

    private static String plain(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    long integer() {
      if (!json.isIntegralNumber() || !json.canConvertToLong()) {
        throw error(json.toString(), "a whole number");
      }
      return json.asLong();
    }

    /** A whole number from {@code min} to {@code max}, so that narrowing it cannot wrap. */
    int integer(int min, int max) {
      long v = integer();
      if (v < min || v > max) {
        throw error(Long.toString(v), "a whole number from " + min + " to " + max);
      }
      return (int) v;
    }
  }
}
