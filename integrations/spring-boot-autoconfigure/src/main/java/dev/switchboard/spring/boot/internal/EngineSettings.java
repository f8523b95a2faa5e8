package dev.switchboard.spring.boot.internal;

import dev.switchboard.Channel;
import dev.switchboard.PolicyStep;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.Target;
import dev.switchboard.TransferTarget;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.sla.SlaEscalation;
import dev.switchboard.sla.SlaPolicy;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spring.boot.SwitchboardProperties;
import dev.switchboard.spring.boot.SwitchboardProperties.Calendar;
import dev.switchboard.spring.boot.SwitchboardProperties.ChannelOptions;
import dev.switchboard.spring.boot.SwitchboardProperties.QueueHoursOptions;
import dev.switchboard.spring.boot.SwitchboardProperties.Sla;
import dev.switchboard.spring.boot.SwitchboardProperties.Step;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Hands the {@code switchboard.*} properties to the engine's builder, the same builder calls the
 * scenario files of the simulator make, turning each refusal into an {@link
 * InvalidPropertyException} that names the property.
 */
public final class EngineSettings {

  private static final String PREFIX = "switchboard.";
  private static final Map<String, Channel> BUILT_IN = new TreeMap<>(Map.of("chat", Channel.CHAT,
      "email", Channel.EMAIL, "sms", Channel.SMS, "voice", Channel.VOICE, "social",
      Channel.SOCIAL, "im", Channel.IM));
  private static final Map<String, Supplier<Target>> NAMED_TARGETS = namedTargets();

  private EngineSettings() {}

  private static Map<String, Supplier<Target>> namedTargets() {
    Map<String, Supplier<Target>> m = new LinkedHashMap<>();
    m.put("required-skills", Target::requiredSkills);
    m.put("own-agent", Target::ownAgent);
    m.put("recent-agents", Target::recentAgents);
    return m;
  }

  /** Applies every property that is set; unset ones keep the builder's defaults. */
  public static void apply(SwitchboardProperties p, SwitchboardBuilder b) {
    Map<String, Channel> channels = channels(p.channels(), b);
    for (int i = 0; i < p.skills().size(); i++) {
      String skill = p.skills().get(i);
      call("skills[" + i + "]", skill, "a new skill name of 1 to 64 characters",
          () -> b.skills(skill));
    }
    if (p.agentAttributes() != null) {
      call("agent-attributes", String.join(",", p.agentAttributes()),
          "attribute names of 1 to 128 characters",
          () -> b.agentAttributes(p.agentAttributes().toArray(String[]::new)));
    }
    if (p.selectionStrategy() != null) {
      b.selectionStrategy(p.selectionStrategy());
    }
    if (p.offerTimeout() != null) {
      call("offer-timeout", p.offerTimeout(), "a positive duration",
          () -> b.offerTimeout(p.offerTimeout()));
    }
    if (p.declineMemory() != null) {
      call("decline-memory", p.declineMemory(), "a positive duration",
          () -> b.declineMemory(p.declineMemory()));
    }
    if (p.maxConsecutiveMisses() != null) {
      call("max-consecutive-misses", p.maxConsecutiveMisses(), "a positive number",
          () -> b.maxConsecutiveMisses(p.maxConsecutiveMisses()));
    }
    if (p.commandQueueCapacity() != null) {
      call("command-queue-capacity", p.commandQueueCapacity(), "a positive number",
          () -> b.commandQueueCapacity(p.commandQueueCapacity()));
    }
    if (p.listenerQueueCapacity() != null) {
      call("listener-queue-capacity", p.listenerQueueCapacity(), "a positive number",
          () -> b.listenerQueueCapacity(p.listenerQueueCapacity()));
    }
    p.queues().forEach((name, queue) -> {
      String where = "queues." + name;
      List<PolicyStep> steps = new ArrayList<>();
      for (int i = 0; i < queue.steps().size(); i++) {
        steps.add(step(where + ".steps[" + i + "]", queue.steps().get(i)));
      }
      RoutingPolicy policy = steps.isEmpty() ? RoutingPolicy.DEFAULT : null;
      RoutingPolicy built = policy != null ? policy
          : call(where + ".steps", "", "steps where each but the last has a max-wait and the last"
              + " is not own-agent or recent-agents", () -> new RoutingPolicy(steps));
      call(where, name, "a queue name of 1 to 64 characters of [A-Za-z0-9_.:-]",
          () -> b.queue(name, built));
    });
    Map<String, BusinessCalendar> calendars = new TreeMap<>();
    p.calendars().forEach((name, c) -> {
      BusinessCalendar calendar = calendar("calendars." + name, name, c);
      calendars.put(name, calendar);
      b.calendar(calendar);
    });
    p.queueHours().forEach((queue, h) -> {
      String where = "queue-hours." + queue;
      if (h.calendar() == null || !calendars.containsKey(h.calendar())) {
        throw invalid(where + ".calendar", String.valueOf(h.calendar()),
            "the name of a calendar under switchboard.calendars: " + calendars.keySet());
      }
      AfterHours after = afterHours(where, h);
      call(where, queue, "a queue given hours once", () -> b.queueHours(queue, h.calendar(),
          after));
    });
    for (int i = 0; i < p.slaPolicies().size(); i++) {
      String where = "sla-policies[" + i + "]";
      SlaPolicy policy = sla(where, p.slaPolicies().get(i), channels, calendars);
      call(where + ".name", policy.name(), "a name no other SLA policy has",
          () -> b.slaPolicy(policy));
    }
  }

  private static Map<String, Channel> channels(Map<String, ChannelOptions> options,
      SwitchboardBuilder b) {
    Map<String, Channel> known = new TreeMap<>(BUILT_IN);
    options.forEach((id, o) -> {
      String where = "channels." + id;
      Channel channel = BUILT_IN.get(id);
      if (channel == null) {
        if (o.mode() == null) {
          throw invalid(where + ".mode", "", "synchronous or asynchronous: '" + id
              + "' is not a built-in channel " + BUILT_IN.keySet() + ", so it needs its traits");
        }
        if (o.concurrency() == null) {
          throw invalid(where + ".concurrency", "", "a positive number: '" + id
              + "' is not a built-in channel " + BUILT_IN.keySet() + ", so it needs its traits");
        }
        ChannelTraits traits = call(where + ".concurrency", o.concurrency(),
            "a positive number", () -> traits(where, o));
        channel = call(where, id, "a channel id of 1 to 32 characters of [a-z0-9_-]",
            () -> Channel.of(id, traits));
        Channel registered = channel;
        b.channel(registered);
      } else if (o.mode() != null || o.concurrency() != null) {
        throw invalid(where + (o.mode() != null ? ".mode" : ".concurrency"),
            String.valueOf(o.mode() != null ? o.mode() : o.concurrency()),
            "nothing: '" + id + "' is built in and keeps its own traits");
      }
      Channel c = channel;
      if (o.wrapUp() != null) {
        call(where + ".wrap-up", o.wrapUp(), "a duration of zero or more",
            () -> b.wrapUp(c, o.wrapUp()));
      }
      if (o.autoAccept()) {
        b.autoAccept(c);
      }
      known.put(id, c);
    });
    return known;
  }

  private static ChannelTraits traits(String where, ChannelOptions o) {
    switch (o.mode()) {
      case "synchronous":
        return ChannelTraits.synchronous(o.concurrency());
      case "asynchronous":
        return ChannelTraits.asynchronous(o.concurrency());
      default:
        throw invalid(where + ".mode", o.mode(), "synchronous or asynchronous");
    }
  }

  private static PolicyStep step(String where, Step s) {
    int given = (s.target() == null ? 0 : 1) + (s.team() == null ? 0 : 1)
        + (s.agents() == null ? 0 : 1) + (s.skills() == null ? 0 : 1)
        + (s.expression() == null ? 0 : 1);
    if (given != 1) {
      throw invalid(where, given == 0 ? "" : "several of target, team, agents, skills, expression",
          "exactly one of target (" + String.join(", ", NAMED_TARGETS.keySet())
              + "), team, agents, skills and expression");
    }
    Target target;
    if (s.target() != null) {
      Supplier<Target> named = NAMED_TARGETS.get(s.target());
      if (named == null) {
        throw invalid(where + ".target", s.target(), "one of "
            + String.join(", ", NAMED_TARGETS.keySet())
            + " (or set team, agents or skills instead)");
      }
      target = named.get();
    } else if (s.team() != null) {
      target = call(where + ".team", s.team(), "a team id", () -> Target.team(s.team()));
    } else if (s.agents() != null) {
      target = call(where + ".agents", String.join(",", s.agents()), "one or more agent ids",
          () -> Target.agents(s.agents().toArray(String[]::new)));
    } else if (s.expression() != null) {
      target = call(where + ".expression", s.expression(),
          "a routing expression, as in the user guide's grammar", () -> Target.of(s.expression()));
    } else {
      target = call(where + ".skills", s.skills().toString(),
          "skill names with levels from 1 to 10", () -> Target.skills(s.skills()));
    }
    PolicyStep step;
    if (s.slaShare() != null) {
      if (s.maxWait() == null) {
        throw invalid(where + ".max-wait", "", "a positive duration: it is required with sla-share"
            + " (the longest wait, also for items without an SLA target)");
      }
      double share = s.slaShare();
      if (!(share > 0 && share <= 1)) {
        throw invalid(where + ".sla-share", String.valueOf(share), "above 0, at most 1");
      }
      step = call(where + ".max-wait", s.maxWait(), "a positive duration",
          () -> PolicyStep.waitForShareOfSla(target, share, s.maxWait()));
    } else if (s.maxWait() != null) {
      step = call(where + ".max-wait", s.maxWait(), "a positive duration",
          () -> PolicyStep.waitFor(target, s.maxWait()));
    } else {
      step = PolicyStep.untilAnswered(target);
    }
    if (s.priorityBoost() == null) {
      return step;
    }
    PolicyStep unboosted = step;
    return call(where + ".priority-boost", s.priorityBoost(), "0 to 100",
        () -> unboosted.withPriorityBoost(s.priorityBoost()));
  }

  /** What a closed queue does with new work; {@code hold} when unset. */
  private static AfterHours afterHours(String where, QueueHoursOptions h) {
    String mode = h.afterHours() == null ? "hold" : h.afterHours();
    switch (mode) {
      case "hold":
        return AfterHours.hold();
      case "send-to":
        if (h.sendTo() == null) {
          throw invalid(where + ".send-to", "", "the queue that takes the work (after-hours is"
              + " send-to)");
        }
        return call(where + ".send-to", h.sendTo(), "a queue name",
            () -> AfterHours.sendTo(h.sendTo()));
      case "auto-reply":
        if (h.reply() == null) {
          throw invalid(where + ".reply", "", "the reply's text (after-hours is auto-reply)");
        }
        return call(where + ".reply", h.reply(), "the reply's text",
            () -> AfterHours.autoReply(h.reply()));
      default:
        throw invalid(where + ".after-hours", mode, "hold, send-to or auto-reply");
    }
  }

  /** A calendar from its properties; each bad value names its own property. */
  private static BusinessCalendar calendar(String where, String name, Calendar c) {
    if (c.zone() == null) {
      throw invalid(where + ".zone", "", "a time zone id, e.g. Europe/Paris");
    }
    ZoneId zone = call(where + ".zone", c.zone(), "a time zone id, e.g. Europe/Paris",
        () -> {
          try {
            return ZoneId.of(c.zone());
          } catch (DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
          }
        });
    BusinessCalendar.Builder b = call(where, name, "a calendar name",
        () -> BusinessCalendar.builder(name, zone));
    c.hours().forEach((days, spans) -> {
      String property = where + ".hours." + days;
      String[] range = days.split("-", -1);
      DayOfWeek first = day(property, range[0]);
      DayOfWeek last = range.length == 2 ? day(property, range[1]) : first;
      if (range.length > 2) {
        throw invalid(property, days, "a day or a range of days, e.g. monday-friday");
      }
      call(property, spans, "open spans, e.g. 09:00-12:00, 13:00-17:00",
          () -> b.open(first, last, spans(spans)));
    });
    for (int i = 0; i < c.holidays().size(); i++) {
      String property = where + ".holidays[" + i + "]";
      LocalDate date = date(property, c.holidays().get(i));
      call(property, date, "a date", () -> b.holiday(date));
    }
    c.exceptions().forEach((day, spans) -> {
      String property = where + ".exceptions." + day;
      LocalDate date = date(property, day);
      String[] open = spans.strip().equalsIgnoreCase("closed") ? new String[0] : spans(spans);
      call(property, spans, "open spans, e.g. 09:00-12:00, or closed",
          () -> b.exception(date, open));
    });
    return call(where, name, "a complete calendar", b::build);
  }

  private static DayOfWeek day(String property, String text) {
    try {
      return DayOfWeek.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(property, text, "a day or a range of days, e.g. monday-friday");
    }
  }

  private static LocalDate date(String property, String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeException e) {
      throw invalid(property, text, "a date, e.g. 2026-12-25");
    }
  }

  private static String[] spans(String text) {
    String[] parts = text.split(",");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].strip();
    }
    return parts;
  }

  private static SlaPolicy sla(String where, Sla s, Map<String, Channel> channels,
      Map<String, BusinessCalendar> calendars) {
    if (s.name() == null) {
      throw invalid(where + ".name", "", "a name for the policy");
    }
    if (s.firstResponse() == null && s.resolution() == null) {
      throw invalid(where + ".first-response", "", "a positive duration (or set resolution):"
          + " a policy needs at least one of the two targets");
    }
    SlaPolicy.Builder b = call(where + ".name", s.name(), "a policy name",
        () -> SlaPolicy.builder(s.name()));
    if (s.channel() != null) {
      Channel c = channels.get(s.channel());
      if (c == null) {
        throw invalid(where + ".channel", s.channel(), "one of " + channels.keySet()
            + " (built in, or set under switchboard.channels)");
      }
      b.channel(c);
    }
    if (s.itemType() != null) {
      call(where + ".item-type", s.itemType(), "an item type", () -> b.itemType(s.itemType()));
    }
    if (s.firstResponse() != null) {
      call(where + ".first-response", s.firstResponse(), "a positive duration",
          () -> b.firstResponse(s.firstResponse()));
    }
    if (s.resolution() != null) {
      call(where + ".resolution", s.resolution(), "a positive duration",
          () -> b.resolution(s.resolution()));
    }
    if (s.warnAt() != null) {
      call(where + ".warn-at", s.warnAt(), "a share of the target above 0 and below 1",
          () -> b.warnAt(s.warnAt()));
    }
    if (s.calendar() != null) {
      BusinessCalendar calendar = calendars.get(s.calendar());
      if (calendar == null) {
        throw invalid(where + ".calendar", s.calendar(),
            "the name of a calendar under switchboard.calendars: " + calendars.keySet());
      }
      b.calendar(calendar);
    }
    List<SlaEscalation> onBreach = new ArrayList<>();
    if (s.raisePriority() != null) {
      onBreach.add(call(where + ".raise-priority", s.raisePriority(), "1 to 100",
          () -> SlaEscalation.raisePriority(s.raisePriority())));
    }
    if (Boolean.TRUE.equals(s.widenPool())) {
      onBreach.add(SlaEscalation.widenPool());
    }
    int reassigns = (s.reassignQueue() == null ? 0 : 1) + (s.reassignAgent() == null ? 0 : 1)
        + (s.reassignExpression() == null ? 0 : 1);
    if (reassigns > 1) {
      throw invalid(where, "several of reassign-queue, reassign-agent, reassign-expression",
          "at most one of reassign-queue, reassign-agent and reassign-expression");
    }
    if (s.reassignQueue() != null) {
      onBreach.add(SlaEscalation.reassign(call(where + ".reassign-queue", s.reassignQueue(),
          "a queue name", () -> TransferTarget.queue(s.reassignQueue()))));
    } else if (s.reassignAgent() != null) {
      onBreach.add(SlaEscalation.reassign(call(where + ".reassign-agent", s.reassignAgent(),
          "an agent id", () -> TransferTarget.agent(s.reassignAgent()))));
    } else if (s.reassignExpression() != null) {
      onBreach.add(SlaEscalation.reassign(call(where + ".reassign-expression",
          s.reassignExpression(), "a routing expression, as in the user guide's grammar",
          () -> TransferTarget.matching(s.reassignExpression()))));
    }
    if (!onBreach.isEmpty()) {
      b.onBreach(onBreach.toArray(SlaEscalation[]::new));
    }
    return call(where, s.name(), "a complete SLA policy", b::build);
  }

  /** A bad value of {@code switchboard.<property>}. */
  static InvalidPropertyException invalid(String property, String value, String allowed) {
    return new InvalidPropertyException(PREFIX + property, value, allowed);
  }

  /** Runs one builder call, naming the property when the builder refuses its value. */
  static <T> T call(String property, Object value, String allowed, Supplier<T> action) {
    try {
      return action.get();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw invalid(property, value instanceof Duration ? value.toString()
          : String.valueOf(value), allowed + " (" + e.getMessage() + ")");
    }
  }
}
