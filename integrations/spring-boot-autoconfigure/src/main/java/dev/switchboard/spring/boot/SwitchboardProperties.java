package dev.switchboard.spring.boot;

import dev.switchboard.SelectionStrategy;
import dev.switchboard.journal.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine as {@code application.yml} describes it, under {@code switchboard}: skills, queues
 * and their policy steps, SLA policies, channels, adapters found through the adapters SPI, and
 * the journal. Unset options keep the engine builder's defaults. Values are checked when the
 * engine is built; a bad one stops start-up with a message naming the property and what is
 * allowed. {@code docs/spring-boot.md} lists every property.
 *
 * @param enabled whether to build an engine at all
 * @param skills skill names that agents may have and items may require
 * @param agentAttributes agent attribute names that routing expressions may read (unchecked
 *     when unset)
 * @param selectionStrategy how an agent is chosen among several eligible ones (the engine's
 *     default: longest idle)
 * @param offerTimeout how long an offer stays open before it times out (engine default: 30s)
 * @param declineMemory how long a declined item is not offered to the same agent again
 * @param maxConsecutiveMisses offers timed out in a row after which the agent is set away
 * @param commandQueueCapacity commands waiting for the engine loop past which they are refused
 * @param listenerQueueCapacity events waiting for the listeners past which they are dropped
 * @param queues routing policy per queue name: the steps an item goes through while it waits
 * @param calendars business calendars by name, for SLA policies and queue hours
 * @param queueHours per queue name: the calendar it is open by and what happens to new work that
 *     arrives while it is closed
 * @param slaPolicies SLA policies, matched to items by channel and item type
 * @param channels per channel id: wrap-up, auto-accept, and the traits of a channel that is not
 *     built in
 * @param adapters per adapter id: the adapter to create through the adapters SPI
 * @param journal where the engine records what it applies (none by default)
 * @since 0.1
 */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
    @DefaultValue("true") boolean enabled,
    List<String> skills,
    List<String> agentAttributes,
    SelectionStrategy selectionStrategy,
    Duration offerTimeout,
    Duration declineMemory,
    Integer maxConsecutiveMisses,
    Integer commandQueueCapacity,
    Integer listenerQueueCapacity,
    Map<String, Queue> queues,
    Map<String, Calendar> calendars,
    Map<String, QueueHoursOptions> queueHours,
    List<Sla> slaPolicies,
    Map<String, ChannelOptions> channels,
    Map<String, Adapter> adapters,
    @DefaultValue JournalOptions journal) {

  /** Replaces absent lists and maps by empty ones and keeps the maps' order. */
  public SwitchboardProperties {
    skills = list(skills);
    agentAttributes = agentAttributes == null ? null : List.copyOf(agentAttributes);
    queues = map(queues);
    calendars = map(calendars);
    queueHours = map(queueHours);
    slaPolicies = list(slaPolicies);
    channels = map(channels);
    adapters = map(adapters);
    journal = journal == null ? new JournalOptions(null, null) : journal;
  }

  /**
   * A queue's routing policy; a queue without steps routes by the item's required skills, with
   * no time limit.
   *
   * @param steps the steps in order; each but the last needs a max-wait
   */
  public record Queue(List<Step> steps) {
    /** Replaces absent steps by none. */
    public Queue {
      steps = list(steps);
    }
  }

  /**
   * One step of a queue's policy. Exactly one of {@code target}, {@code team}, {@code agents},
   * {@code skills} and {@code expression} says who may take the item.
   *
   * @param target {@code required-skills}, {@code own-agent} or {@code recent-agents}
   * @param team agents of this team
   * @param agents these agents, by id
   * @param skills agents with at least these skill levels (1 to 10)
   * @param expression agents meeting this routing expression, e.g. {@code billing >= 5 or
   *     agent.region == item.region}
   * @param maxWait how long the item waits at this step; unset only on the last step
   * @param slaShare wait at most this share (above 0, at most 1) of the item's SLA target, and
   *     never longer than {@code maxWait}
   * @param priorityBoost added to the item's priority on entering the step (0 to 100)
   */
  public record Step(String target, String team, List<String> agents,
      Map<String, Integer> skills, String expression, Duration maxWait, Double slaShare,
      Integer priorityBoost) {
    /** Keeps absent lists and maps absent (null), so that a step can tell which was given. */
    public Step {
      agents = agents == null ? null : List.copyOf(agents);
      skills = skills == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(skills));
    }
  }

  /**
   * An SLA policy; at least one of {@code firstResponse} and {@code resolution} is needed.
   *
   * @param name the policy's name, unique
   * @param channel the channel id whose items it covers (all when unset)
   * @param itemType the item type it covers (all when unset)
   * @param firstResponse time allowed until an agent accepts the item
   * @param resolution time allowed until the item is completed
   * @param warnAt the share of the target (above 0, below 1) at which a warning is raised
   * @param calendar the calendar (under {@code calendars}) whose open hours the targets count;
   *     around the clock when unset
   * @param raisePriority on a breach, first raise the item's priority by this much (1 to 100)
   * @param widenPool on a breach, then move the item to its policy's next step at once
   * @param reassignQueue on a breach, last send the item to this queue
   * @param reassignAgent on a breach, last send the item to this agent
   * @param reassignExpression on a breach, last send the item to any agent meeting this routing
   *     expression, e.g. {@code billing >= 5 or escalations >= 1}; at most one of the three
   *     {@code reassign} entries
   */
  public record Sla(String name, String channel, String itemType, Duration firstResponse,
      Duration resolution, Double warnAt, String calendar, Integer raisePriority,
      Boolean widenPool, String reassignQueue, String reassignAgent, String reassignExpression) {}

  /**
   * A business calendar: weekly opening hours in a time zone, holidays and one-off exceptions.
   *
   * @param zone the time zone the hours are in, e.g. {@code Europe/Paris}
   * @param hours per day ({@code monday}) or range of days ({@code monday-friday}), the open
   *     spans, e.g. {@code 09:00-12:00, 13:00-17:00}; days not named are closed
   * @param holidays dates ({@code 2026-12-25}) closed all day
   * @param exceptions per date, its own spans instead of its weekday's ({@code closed} for none)
   */
  public record Calendar(String zone, Map<String, String> hours, List<String> holidays,
      Map<String, String> exceptions) {
    /** Replaces absent maps and lists by empty ones and keeps the maps' order. */
    public Calendar {
      hours = map(hours);
      holidays = list(holidays);
      exceptions = map(exceptions);
    }
  }

  /**
   * A queue's opening hours.
   *
   * @param calendar the calendar (under {@code calendars}) the queue is open by
   * @param afterHours what happens to new work while it is closed: {@code hold} (until opening,
   *     the default), {@code send-to} (another queue) or {@code auto-reply} (answer through the
   *     channel, then hold)
   * @param sendTo the queue that takes the work, with {@code send-to}
   * @param reply the automatic reply's text, with {@code auto-reply}
   */
  public record QueueHoursOptions(String calendar, String afterHours, String sendTo,
      String reply) {}

  /**
   * Options of one channel. A channel id that is not built in (chat, email, sms, voice, social,
   * im) registers a new channel, which needs {@code mode} and {@code concurrency}.
   *
   * @param mode {@code synchronous} (the customer waits on line) or {@code asynchronous}
   * @param concurrency how many items of the channel an agent handles at once by default
   * @param wrapUp after completing an item of the channel, the agent wraps up for this long
   * @param autoAccept whether offers on the channel are accepted at once
   */
  public record ChannelOptions(String mode, Integer concurrency, Duration wrapUp,
      @DefaultValue("false") boolean autoAccept) {}

  /**
   * An adapter created through the adapters SPI (a {@code ChannelAdapterProvider} found with
   * {@code ServiceLoader}); the map key is the adapter's id.
   *
   * @param type the provider's type, e.g. {@code webchat}
   * @param queue the queue its new conversations join ({@code default} when unset)
   * @param properties the provider's own properties, as text
   */
  public record Adapter(String type, String queue, Map<String, String> properties) {
    /** Replaces absent properties by none. */
    public Adapter {
      properties = map(properties);
    }
  }

  /**
   * Where the engine records what it applies. With neither set the engine keeps no journal.
   *
   * @param file a file journal, when {@code path} is set and switchboard-journal-file is present
   * @param postgres a journal on the application's own {@code DataSource}, when enabled and
   *     switchboard-journal-postgres is present
   */
  public record JournalOptions(@DefaultValue FileJournal file,
      @DefaultValue PostgresJournal postgres) {
    /** Replaces absent parts by unset ones. */
    public JournalOptions {
      file = file == null ? new FileJournal(null, null, null) : file;
      postgres = postgres == null ? new PostgresJournal(false, null, null, null) : postgres;
    }
  }

  /**
   * The file journal.
   *
   * @param path the directory of the journal; setting it turns the file journal on
   * @param durability when an entry counts as recorded (journal default: SYNC)
   * @param snapshotInterval entries between snapshots (journal default applies when unset)
   */
  public record FileJournal(Path path, Durability durability, Integer snapshotInterval) {}

  /**
   * The PostgreSQL journal, on the application's {@code DataSource}.
   *
   * @param enabled whether to keep the journal in the application's database
   * @param domain the routing domain whose entries this engine writes (journal default when
   *     unset)
   * @param durability when an entry counts as recorded (journal default: SYNC)
   * @param snapshotInterval entries between snapshots (journal default applies when unset)
   */
  public record PostgresJournal(@DefaultValue("false") boolean enabled, String domain,
      Durability durability, Integer snapshotInterval) {}

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
  }

  private static <K, V> Map<K, V> map(Map<K, V> values) {
    return values == null ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
