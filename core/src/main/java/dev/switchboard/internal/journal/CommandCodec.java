package dev.switchboard.internal.journal;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.internal.loop.Command;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.Health;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns the commands the engine applied into journal payloads and back: one tag byte, the engine
 * time the command was applied at (epoch nanoseconds), then the command's fields. Every command
 * type that changes state needs a case here; {@link #READ_ONLY} lists the ones that do not and
 * are never journaled. A command type with neither fails loudly, in use and in
 * {@code CommandCodecTest}, so a new command cannot silently go unrecorded.
 *
 * <p>Tags are part of the file format: never reuse or renumber one.
 */
public final class CommandCodec {

  /** Command types that read state only; the engine does not journal them. */
  public static final Set<Class<?>> READ_ONLY = Set.of(Command.Snapshot.class,
      Command.ReadDeadLetters.class, Command.ReadChannelCounts.class,
      Command.ReadCustomerConversations.class, Command.ReadRelationships.class,
      Command.ReadAgentQueue.class, Command.ReadAffinityMeasures.class,
      Command.SlaReportQuery.class, Command.CampaignReportQuery.class);

  static final int TICK = 0;
  private static final int ADD_AGENT = 1;
  private static final int UPDATE_AGENT = 2;
  private static final int REMOVE_AGENT = 3;
  private static final int SET_PRESENCE = 4;
  private static final int SUBMIT = 5;
  private static final int ACCEPT = 6;
  private static final int REJECT = 7;
  private static final int COMPLETE = 8;
  private static final int FINISH_WRAP_UP = 9;
  private static final int TRANSFER = 10;
  private static final int CANCEL = 11;
  private static final int ABANDON = 12;
  private static final int FOLLOW_UP = 13;
  private static final int CHANNEL_INBOUND = 14;
  private static final int CHANNEL_REPLY = 15;
  private static final int CHANNEL_CONTACT = 16;
  private static final int DELIVERY_OUTCOME = 17;
  private static final int ADAPTER_HEALTH = 18;
  private static final int MERGE_CUSTOMERS = 19;
  private static final int CLOSE_CHANNELS = 20;
  private static final int MOVE_ACCOUNTS = 21;
  private static final int CLEAR_OWNER = 22;
  private static final int ADD_CAMPAIGN = 23;
  private static final int ADD_CONTACTS = 24;
  private static final int ASSIGN_CAMPAIGN = 25;
  private static final int UNASSIGN_CAMPAIGN = 26;
  private static final int AWAIT_CUSTOMER = 27;
  /** Replaces {@link #CHANNEL_INBOUND} (still read, without a key) since the key is journaled. */
  private static final int CHANNEL_INBOUND_KEYED = 28;
  private static final int INCARNATION = 29;
  /** {@link #ADD_AGENT} of an agent with attributes, which follow its definition. */
  private static final int ADD_AGENT_ATTRIBUTED = 30;
  /** {@link #UPDATE_AGENT} of an agent with attributes, which follow its definition. */
  private static final int UPDATE_AGENT_ATTRIBUTED = 31;
  /** {@link #ADD_CAMPAIGN} of a campaign with a calendar, whose name follows the campaign. */
  private static final int ADD_CAMPAIGN_CALENDAR = 32;
  /** {@link #ADD_CONTACTS} where some contact has a time zone: each contact's follows it. */
  private static final int ADD_CONTACTS_ZONED = 33;
  /** {@link #TRANSFER} to agents meeting an expression: the item id, then the expression. */
  private static final int TRANSFER_MATCHING = 34;
  /** {@link #ASSIGN_CAMPAIGN} of an assignee by expression (assignee kind 2). */
  private static final int ASSIGN_CAMPAIGN_MATCHING = 35;
  /** {@link #UNASSIGN_CAMPAIGN} of an assignee by expression (assignee kind 2). */
  private static final int UNASSIGN_CAMPAIGN_MATCHING = 36;

  private final Map<String, Channel> channels = new LinkedHashMap<>();

  /** A codec for an engine with these channels (channels are stored by id). */
  public CommandCodec(List<Channel> channels) {
    channels.forEach(c -> this.channels.put(c.id(), c));
  }

  /** A decoded payload: the engine time and the command, or null for a timer advance. */
  public record Decoded(long time, Command command) {}

  /** The payload of a timer advance at the time (epoch nanoseconds). */
  public byte[] tick(long time) {
    return new Wire.Out().u8(TICK).i64(time).toByteArray();
  }

  /**
   * The payload of the command applied at the time. Throws {@link IllegalArgumentException} when
   * a value cannot be stored (an unsupported attribute number type) and {@link
   * IllegalStateException} for a command type without a codec.
   */
  public byte[] encode(Command command, long time) {
    return encode(command, time, Wire.MAX_BYTES);
  }

  /** As {@link #encode(Command, long)}, throwing {@link Wire.TooLarge} past {@code maxBytes}. */
  byte[] encode(Command command, long time, int maxBytes) {
    Wire.Out o = new Wire.Out(maxBytes);
    if (command instanceof Command.AddAgent c) {
      boolean attributed = !c.agent().attributes().isEmpty();
      agent(o.u8(attributed ? ADD_AGENT_ATTRIBUTED : ADD_AGENT).i64(time), c.agent());
      if (attributed) {
        agentAttributes(o, c.agent());
      }
    } else if (command instanceof Command.UpdateAgent c) {
      boolean attributed = !c.agent().attributes().isEmpty();
      agent(o.u8(attributed ? UPDATE_AGENT_ATTRIBUTED : UPDATE_AGENT).i64(time), c.agent());
      if (attributed) {
        agentAttributes(o, c.agent());
      }
    } else if (command instanceof Command.RemoveAgent c) {
      o.u8(REMOVE_AGENT).i64(time).str(c.agentId());
    } else if (command instanceof Command.SetPresence c) {
      o.u8(SET_PRESENCE).i64(time).str(c.agentId());
      presence(o, c.presence());
    } else if (command instanceof Command.Submit c) {
      item(o.u8(SUBMIT).i64(time), c.item());
    } else if (command instanceof Command.Accept c) {
      o.u8(ACCEPT).i64(time).str(c.agentId()).str(c.itemId());
    } else if (command instanceof Command.Reject c) {
      o.u8(REJECT).i64(time).str(c.agentId()).str(c.itemId());
    } else if (command instanceof Command.Complete c) {
      o.u8(COMPLETE).i64(time).str(c.agentId()).str(c.itemId()).str(c.outcome().code());
    } else if (command instanceof Command.FinishWrapUp c) {
      o.u8(FINISH_WRAP_UP).i64(time).str(c.agentId()).str(c.itemId());
    } else if (command instanceof Command.Transfer c
        && c.target() instanceof TransferTarget.Matching m) {
      expression(o.u8(TRANSFER_MATCHING).i64(time).str(c.itemId()), m.expression());
    } else if (command instanceof Command.Transfer c) {
      transferTarget(o.u8(TRANSFER).i64(time).str(c.itemId()), c.target());
    } else if (command instanceof Command.Cancel c) {
      o.u8(CANCEL).i64(time).str(c.itemId());
    } else if (command instanceof Command.Abandon c) {
      o.u8(ABANDON).i64(time).str(c.itemId());
    } else if (command instanceof Command.FollowUp c) {
      o.u8(FOLLOW_UP).i64(time).str(c.conversationId()).attributes(c.attributes());
    } else if (command instanceof Command.ChannelInbound c) {
      o.u8(CHANNEL_INBOUND_KEYED).i64(time).str(c.adapterId()).str(c.idempotencyKey())
          .str(c.conversationId()).str(c.conversationKey());
      identity(o, c.sender());
      o.str(c.customerId()).attributes(c.attributes());
    } else if (command instanceof Command.Incarnation c) {
      o.u8(INCARNATION).i64(time).i64(c.incarnation());
    } else if (command instanceof Command.ChannelReply c) {
      o.u8(CHANNEL_REPLY).i64(time).str(c.agentId()).str(c.itemId()).str(c.body());
    } else if (command instanceof Command.ChannelContact c) {
      o.u8(CHANNEL_CONTACT).i64(time).str(c.adapterId()).str(c.conversationKey());
      identity(o, c.recipient());
      o.str(c.customerId()).str(c.agentId()).str(c.body());
    } else if (command instanceof Command.DeliveryOutcome c) {
      o.u8(DELIVERY_OUTCOME).i64(time).str(c.deliveryId()).i32(c.attempt()).bool(c.delivered())
          .bool(c.retryable()).str(c.detail()).str(c.providerMessageId());
    } else if (command instanceof Command.AdapterHealth c) {
      health(o.u8(ADAPTER_HEALTH).i64(time).str(c.adapterId()), c.health());
    } else if (command instanceof Command.MergeCustomers c) {
      o.u8(MERGE_CUSTOMERS).i64(time).str(c.fromCustomerId()).str(c.intoCustomerId())
          .i32(c.identities().size());
      c.identities().forEach(i -> identity(o, i));
    } else if (command instanceof Command.CloseChannels) {
      o.u8(CLOSE_CHANNELS).i64(time);
    } else if (command instanceof Command.MoveAccounts c) {
      o.u8(MOVE_ACCOUNTS).i64(time).i32(c.newOwners().size());
      c.newOwners().forEach((customer, agent) -> o.str(customer).str(agent));
    } else if (command instanceof Command.ClearOwner c) {
      o.u8(CLEAR_OWNER).i64(time).str(c.customerId());
    } else if (command instanceof Command.AddCampaign c) {
      // a campaign without a calendar is written as before calendars existed
      boolean hours = c.campaign().calendar().isPresent();
      campaign(o.u8(hours ? ADD_CAMPAIGN_CALENDAR : ADD_CAMPAIGN).i64(time), c.campaign());
      if (hours) {
        o.str(c.campaign().calendar().get());
      }
    } else if (command instanceof Command.AddContacts c) {
      boolean zoned = c.contacts().stream().anyMatch(k -> k.zone().isPresent());
      o.u8(zoned ? ADD_CONTACTS_ZONED : ADD_CONTACTS).i64(time).str(c.campaignId())
          .i32(c.contacts().size());
      c.contacts().forEach(k -> {
        contact(o, k);
        if (zoned) {
          zone(o, k);
        }
      });
    } else if (command instanceof Command.AssignCampaign c) {
      // an assignee by expression gets a tag of its own, which an older engine stops at
      boolean matching = c.assignment().assignee() instanceof Assignee.MatchingAssignee;
      assignment(o.u8(matching ? ASSIGN_CAMPAIGN_MATCHING : ASSIGN_CAMPAIGN).i64(time),
          c.assignment());
    } else if (command instanceof Command.UnassignCampaign c) {
      boolean matching = c.assignee() instanceof Assignee.MatchingAssignee;
      assignee(o.u8(matching ? UNASSIGN_CAMPAIGN_MATCHING : UNASSIGN_CAMPAIGN).i64(time)
          .str(c.campaignId()), c.assignee());
    } else if (command instanceof Command.AwaitCustomer c) {
      o.u8(AWAIT_CUSTOMER).i64(time).str(c.agentId()).str(c.itemId());
    } else {
      throw new IllegalStateException("no journal codec for command "
          + command.getClass().getName() + ": add a case to " + CommandCodec.class.getName()
          + " (or list it in READ_ONLY if it changes nothing)");
    }
    return o.toByteArray();
  }

  /** Reads a payload; throws {@link IOException} when it is malformed. */
  public Decoded decode(byte[] payload) throws IOException {
    Wire.In in = new Wire.In(payload, 0);
    int tag = in.u8();
    long time = in.i64();
    Command command;
    try {
      command = switch (tag) {
        case TICK -> null;
        case ADD_AGENT -> new Command.AddAgent(agent(in));
        case UPDATE_AGENT -> new Command.UpdateAgent(agent(in));
        case ADD_AGENT_ATTRIBUTED -> new Command.AddAgent(withAttributes(agent(in), in));
        case UPDATE_AGENT_ATTRIBUTED -> new Command.UpdateAgent(withAttributes(agent(in), in));
        case REMOVE_AGENT -> new Command.RemoveAgent(in.str());
        case SET_PRESENCE -> new Command.SetPresence(in.str(), presence(in));
        case SUBMIT -> new Command.Submit(item(in));
        case ACCEPT -> new Command.Accept(in.str(), in.str());
        case REJECT -> new Command.Reject(in.str(), in.str());
        case COMPLETE -> new Command.Complete(in.str(), in.str(), Outcome.of(in.str()));
        case FINISH_WRAP_UP -> new Command.FinishWrapUp(in.str(), in.str());
        case TRANSFER -> new Command.Transfer(in.str(), transferTarget(in));
        case TRANSFER_MATCHING -> new Command.Transfer(in.str(),
            TransferTarget.matching(requiredExpression(in)));
        case CANCEL -> new Command.Cancel(in.str());
        case ABANDON -> new Command.Abandon(in.str());
        case FOLLOW_UP -> new Command.FollowUp(in.str(),
            dev.switchboard.internal.check.Attributes.copy(in.attributes()));
        case CHANNEL_INBOUND -> new Command.ChannelInbound(in.str(), "", in.str(), in.str(),
            identity(in), in.str(), dev.switchboard.internal.check.Attributes.copy(in.attributes()));
        case CHANNEL_INBOUND_KEYED -> new Command.ChannelInbound(in.str(), in.str(), in.str(),
            in.str(), identity(in), in.str(),
            dev.switchboard.internal.check.Attributes.copy(in.attributes()));
        case INCARNATION -> new Command.Incarnation(in.i64());
        case CHANNEL_REPLY -> new Command.ChannelReply(in.str(), in.str(), in.str());
        case CHANNEL_CONTACT -> new Command.ChannelContact(in.str(), in.str(), identity(in),
            in.str(), in.str(), in.str());
        case DELIVERY_OUTCOME -> new Command.DeliveryOutcome(in.str(), in.i32(), in.bool(),
            in.bool(), in.str(), in.str());
        case ADAPTER_HEALTH -> new Command.AdapterHealth(in.str(), health(in));
        case MERGE_CUSTOMERS -> new Command.MergeCustomers(in.str(), in.str(), identities(in));
        case CLOSE_CHANNELS -> new Command.CloseChannels();
        case MOVE_ACCOUNTS -> new Command.MoveAccounts(owners(in));
        case CLEAR_OWNER -> new Command.ClearOwner(in.str());
        case ADD_CAMPAIGN -> new Command.AddCampaign(campaign(in));
        case ADD_CAMPAIGN_CALENDAR -> new Command.AddCampaign(withCalendar(campaign(in), in));
        case ADD_CONTACTS -> new Command.AddContacts(in.str(), contacts(in, false));
        case ADD_CONTACTS_ZONED -> new Command.AddContacts(in.str(), contacts(in, true));
        case ASSIGN_CAMPAIGN, ASSIGN_CAMPAIGN_MATCHING ->
            new Command.AssignCampaign(assignment(in));
        case UNASSIGN_CAMPAIGN, UNASSIGN_CAMPAIGN_MATCHING ->
            new Command.UnassignCampaign(in.str(), assignee(in));
        case AWAIT_CUSTOMER -> new Command.AwaitCustomer(in.str(), in.str());
        default -> throw new IOException("unknown command tag " + tag);
      };
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException("a value in a command of tag " + tag + " is invalid: "
          + e.getMessage(), e);
    }
    if (!in.atEnd()) {
      throw new IOException("bytes left over after a command of tag " + tag);
    }
    return new Decoded(time, command);
  }

  // ---------------------------------------------------------------- values

  void agent(Wire.Out o, Agent a) {
    o.str(a.id()).levels(a.skills());
    o.i32(a.capacity().size());
    a.capacity().forEach((c, n) -> o.str(c.id()).i32(n));
    o.bool(a.totalCapacity().isPresent()).i32(a.totalCapacity().orElse(0));
    o.i32(a.exclusiveChannels().size());
    a.exclusiveChannels().forEach(c -> o.str(c.id()));
    o.optStr(a.team()).optStr(a.supervisor());
  }

  Agent agent(Wire.In in) throws IOException {
    String id = in.str();
    Map<String, Integer> skills = in.levels();
    int n = in.count();
    Map<Channel, Integer> capacity = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      capacity.put(channel(in.str()), in.i32());
    }
    boolean hasTotal = in.bool();
    int total = in.i32();
    int x = in.count();
    Set<Channel> exclusive = new LinkedHashSet<>();
    for (int i = 0; i < x; i++) {
      exclusive.add(channel(in.str()));
    }
    return new Agent(id, skills, capacity, hasTotal ? OptionalInt.of(total) : OptionalInt.empty(),
        exclusive, in.optStr(), in.optStr());
  }

  /** An agent's attributes: each a name, a kind (text, number, set of texts) and the value. */
  static void agentAttributes(Wire.Out o, Agent a) {
    o.i32(a.attributes().size());
    a.attributes().forEach((name, value) -> {
      o.str(name);
      if (value instanceof String text) {
        o.u8('s').str(text);
      } else if (value instanceof Double d) {
        o.u8('d').i64(Double.doubleToRawLongBits(d));
      } else {
        Set<?> set = (Set<?>) value;
        o.u8('S').i32(set.size());
        set.forEach(v -> o.str((String) v));
      }
    });
  }

  /** The agent with the attributes read from {@code in}. */
  static Agent withAttributes(Agent a, Wire.In in) throws IOException {
    int n = in.count();
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.str();
      int kind = in.u8();
      attributes.put(name, switch (kind) {
        case 's' -> in.str();
        case 'd' -> Double.longBitsToDouble(in.i64());
        case 'S' -> {
          int k = in.count();
          Set<String> set = new LinkedHashSet<>();
          for (int j = 0; j < k; j++) {
            set.add(in.str());
          }
          yield set;
        }
        default -> throw new IOException("agent attribute kind " + kind + " is unknown");
      });
    }
    return new Agent(a.id(), a.skills(), a.capacity(), a.totalCapacity(), a.exclusiveChannels(),
        a.team(), a.supervisor(), attributes);
  }

  void item(Wire.Out o, WorkItem w) {
    o.str(w.id()).str(w.channel().id()).str(w.customerId()).str(w.queue()).i32(w.priority())
        .levels(w.requiredSkills()).attributes(w.attributes()).optStr(w.conversationId());
    o.bool(w.createdAt().isPresent());
    w.createdAt().ifPresent(o::instant);
    o.bool(w.slaTarget().isPresent());
    w.slaTarget().ifPresent(o::duration);
  }

  WorkItem item(Wire.In in) throws IOException {
    String id = in.str();
    Channel channel = channel(in.str());
    String customer = in.str();
    String queue = in.str();
    int priority = in.i32();
    Map<String, Integer> skills = in.levels();
    Map<String, Object> attributes = in.attributes();
    Optional<String> conversation = in.optStr();
    Optional<java.time.Instant> created = in.bool() ? Optional.of(in.instant()) : Optional.empty();
    Optional<java.time.Duration> sla = in.bool() ? Optional.of(in.duration()) : Optional.empty();
    return new WorkItem(id, channel, customer, queue, priority, skills, attributes, conversation,
        created, sla);
  }

  static void presence(Wire.Out o, Presence p) {
    o.str(p.status().name()).str(p.activity());
  }

  static Presence presence(Wire.In in) throws IOException {
    return new Presence(Presence.Status.valueOf(in.str()), in.str());
  }

  static void identity(Wire.Out o, ChannelIdentity identity) {
    o.str(identity.scheme()).str(identity.value());
  }

  static ChannelIdentity identity(Wire.In in) throws IOException {
    return new ChannelIdentity(in.str(), in.str());
  }

  static void health(Wire.Out o, Health health) {
    o.str(health.status().name()).str(health.reason());
  }

  static Health health(Wire.In in) throws IOException {
    return new Health(Health.Status.valueOf(in.str()), in.str());
  }

  private static Set<ChannelIdentity> identities(Wire.In in) throws IOException {
    int n = in.count();
    Set<ChannelIdentity> out = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      out.add(identity(in));
    }
    return Set.copyOf(out);
  }

  /** Customer to agent, in the order written (the command applies them in that order). */
  private static Map<String, String> owners(Wire.In in) throws IOException {
    int n = in.count();
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(in.str(), in.str());
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  static void campaign(Wire.Out o, Campaign k) {
    o.str(k.id()).str(k.channel().id()).str(k.queue()).levels(k.requiredSkills());
  }

  Campaign campaign(Wire.In in) throws IOException {
    return new Campaign(in.str(), channel(in.str()), in.str(), in.levels());
  }

  /** The campaign with the calendar name that follows it. */
  private static Campaign withCalendar(Campaign k, Wire.In in) throws IOException {
    return withCalendar(k, in.str());
  }

  /** The campaign naming the calendar; itself when {@code calendar} is null. */
  static Campaign withCalendar(Campaign k, String calendar) {
    return calendar == null ? k : new Campaign(k.id(), k.channel(), k.queue(),
        k.requiredSkills(), java.util.Optional.of(calendar));
  }

  /** A contact's time zone (null for none), after the contact where a layout has it. */
  static void zone(Wire.Out o, CampaignContact k) {
    o.nstr(k.zone().map(java.time.ZoneId::getId).orElse(null));
  }

  /** The contact with the time zone that follows it, if any. */
  static CampaignContact withZone(CampaignContact k, Wire.In in) throws IOException {
    String zone = in.nstr();
    if (zone == null) {
      return k;
    }
    try {
      return k.inZone(java.time.ZoneId.of(zone));
    } catch (java.time.DateTimeException e) {
      throw new IOException("contact '" + k.id() + "' has time zone '" + zone + "', which this"
          + " JVM does not know: " + e.getMessage(), e);
    }
  }

  static void contact(Wire.Out o, CampaignContact k) {
    o.str(k.id()).str(k.customerId()).attributes(k.attributes());
  }

  static CampaignContact contact(Wire.In in) throws IOException {
    return new CampaignContact(in.str(), in.str(), in.attributes());
  }

  static void assignment(Wire.Out o, CampaignAssignment a) {
    assignee(o.str(a.campaignId()), a.assignee());
    if (a.pacing() instanceof Pacing.Share share) {
      o.u8(0).i64(Double.doubleToRawLongBits(share.target())).duration(share.window());
    } else {
      o.u8(1);
    }
  }

  static CampaignAssignment assignment(Wire.In in) throws IOException {
    return new CampaignAssignment(in.str(), assignee(in), pacing(in));
  }

  private static void assignee(Wire.Out o, Assignee a) {
    if (a instanceof Assignee.AgentAssignee agent) {
      o.u8(0).str(agent.agentId());
    } else if (a instanceof Assignee.TeamAssignee team) {
      o.u8(1).str(team.team());
    } else {
      expression(o.u8(2), ((Assignee.MatchingAssignee) a).expression());
    }
  }

  private static Assignee assignee(Wire.In in) throws IOException {
    int kind = in.u8();
    return switch (kind) {
      case 0 -> Assignee.agent(in.str());
      case 1 -> Assignee.team(in.str());
      case 2 -> Assignee.matching(requiredExpression(in));
      default -> throw new IOException("unknown assignee kind " + kind);
    };
  }

  private static Pacing pacing(Wire.In in) throws IOException {
    int kind = in.u8();
    return switch (kind) {
      case 0 -> Pacing.share(Double.longBitsToDouble(in.i64()), in.duration());
      case 1 -> Pacing.onlyWhenIdle();
      default -> throw new IOException("unknown pacing kind " + kind);
    };
  }

  private static List<CampaignContact> contacts(Wire.In in, boolean zoned) throws IOException {
    int n = in.count();
    List<CampaignContact> out = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      CampaignContact k = contact(in);
      out.add(zoned ? withZone(k, in) : k);
    }
    return List.copyOf(out);
  }

  /**
   * A routing expression, or null: written as its text, which reads back to an equal value (the
   * text form is part of the file format, as tags are).
   */
  static Wire.Out expression(Wire.Out o, dev.switchboard.Expression e) {
    return o.nstr(e == null ? null : e.text());
  }

  /** An expression written by {@link #expression(Wire.Out, dev.switchboard.Expression)}. */
  static dev.switchboard.Expression expression(Wire.In in) throws IOException {
    String text = in.nstr();
    try {
      return text == null ? null : dev.switchboard.ExpressionSyntax.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("a stored routing expression does not parse: " + e.getMessage(), e);
    }
  }

  private static dev.switchboard.Expression requiredExpression(Wire.In in) throws IOException {
    dev.switchboard.Expression e = expression(in);
    if (e == null) {
      throw new IOException("a routing expression is missing");
    }
    return e;
  }

  private static void transferTarget(Wire.Out o, TransferTarget t) {
    if (t instanceof TransferTarget.ToQueue q) {
      o.u8(0).str(q.queue());
    } else if (t instanceof TransferTarget.ToAgent a) {
      o.u8(1).str(a.agentId());
    } else {
      o.u8(2);
    }
  }

  private static TransferTarget transferTarget(Wire.In in) throws IOException {
    int kind = in.u8();
    return switch (kind) {
      case 0 -> TransferTarget.queue(in.str());
      case 1 -> TransferTarget.agent(in.str());
      case 2 -> TransferTarget.nextStep();
      default -> throw new IOException("unknown transfer target kind " + kind);
    };
  }

  Channel channel(String id) throws IOException {
    Channel c = channels.get(id);
    if (c == null) {
      throw new IOException("channel '" + id + "' is not registered with this engine;"
          + " registered: " + channels.keySet()
          + " (was the engine configured differently when the journal was written?)");
    }
    return c;
  }
}
