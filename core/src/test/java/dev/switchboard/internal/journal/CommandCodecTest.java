package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.internal.loop.Command;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every command type either has a journal codec that gives back an equal command, or is listed
 * as read-only. Instances are built from each record's components, so a command added on another
 * branch is covered without editing this test: it fails naming the type until CommandCodec
 * learns it (or a sample value for a new component type is added to {@link #sample}).
 */
class CommandCodecTest {

  private static final Instant T = Instant.parse("2026-01-05T09:00:00.123456789Z");
  private final CommandCodec codec = new CommandCodec(List.of(Channel.CHAT, Channel.EMAIL,
      Channel.VOICE));

  @Test
  void everyCommandType_roundTripsOrIsReadOnly() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Class<?> type : Command.class.getPermittedSubclasses()) {
      if (CommandCodec.READ_ONLY.contains(type)) {
        continue;
      }
      Command command = instance(type);
      byte[] payload;
      try {
        payload = codec.encode(command, 42L);
      } catch (IllegalStateException e) {
        missing.add(type.getSimpleName() + ": " + e.getMessage());
        continue;
      }
      CommandCodec.Decoded back = codec.decode(payload);
      assertThat(back.time()).isEqualTo(42L);
      assertThat(back.command()).as(type.getSimpleName()).isEqualTo(command);
      for (RecordComponent c : type.getRecordComponents()) {
        if (c.getType() == Map.class) { // an order the command applies in must survive
          List<Object> got = List.copyOf(((Map<?, ?>) c.getAccessor().invoke(back.command()))
              .keySet());
          List<Object> sent = List.copyOf(((Map<?, ?>) c.getAccessor().invoke(command)).keySet());
          assertThat(got).as(type.getSimpleName() + "." + c.getName()).isEqualTo(sent);
        }
      }
    }
    assertThat(missing).as("command types without a journal codec").isEmpty();
  }

  @Test
  void tick_roundTripsAsNoCommand() throws IOException {
    CommandCodec.Decoded d = codec.decode(codec.tick(-5L));
    assertThat(d.time()).isEqualTo(-5L);
    assertThat(d.command()).isNull();
  }

  @Test
  void attributes_keepEveryNumberType() throws IOException {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("i", 1);
    attributes.put("l", 2L);
    attributes.put("d", 2.5d);
    attributes.put("f", 1.5f);
    attributes.put("h", (short) 3);
    attributes.put("b", (byte) 4);
    attributes.put("big", new BigInteger("123456789012345678901234567890"));
    attributes.put("dec", new BigDecimal("1.50"));
    attributes.put("z", true);
    attributes.put("list", List.of("a", 1, List.of()));
    attributes.put("map", Map.of("nested", Map.of("deep", "x")));
    Command c = new Command.FollowUp("conv", dev.switchboard.internal.check.Attributes.copy(attributes));
    Command back = codec.decode(codec.encode(c, 1)).command();
    assertThat(back).isEqualTo(c);
    Map<String, Object> got = ((Command.FollowUp) back).attributes();
    attributes.forEach((k, v) -> {
      if (v instanceof Number) {
        assertThat(got.get(k)).as(k).isInstanceOf(v.getClass());
      }
    });
  }

  @Test
  void attributeOfAnUnstorableNumberType_isRefusedNamingIt() {
    Command c = new Command.FollowUp("conv", dev.switchboard.internal.check.Attributes.copy(
        Map.of("n", new java.util.concurrent.atomic.AtomicLong(1))));
    assertThatThrownBy(() -> codec.encode(c, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attribute n").hasMessageContaining("AtomicLong");
  }

  @Test
  void unknownChannel_isAMalformedPayloadNamingIt() {
    byte[] payload = new CommandCodec(List.of(Channel.SMS)).encode(
        new Command.Submit(WorkItem.builder("i1", Channel.SMS).customer("c").build()), 1);
    assertThatThrownBy(() -> codec.decode(payload)).isInstanceOf(IOException.class)
        .hasMessageContaining("channel 'sms' is not registered");
  }

  @Test
  void truncatedPayload_isMalformed() {
    byte[] payload = codec.encode(new Command.Cancel("item-1"), 1);
    byte[] cut = java.util.Arrays.copyOf(payload, payload.length - 2);
    assertThatThrownBy(() -> codec.decode(cut)).isInstanceOf(IOException.class);
  }

  // ---------------------------------------------------------------- generic instances

  private static Command instance(Class<?> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      throw new AssertionError(type + " is not a record; give it a sample in this test");
    }
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = sample(components[i].getGenericType(), type.getSimpleName() + "."
          + components[i].getName());
    }
    Constructor<?> constructor = type.getDeclaredConstructor(types);
    constructor.setAccessible(true);
    return (Command) constructor.newInstance(args);
  }

  /** A non-default value of the type, so that a field left out of a codec shows. */
  private static Object sample(Type type, String where) {
    Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (raw == String.class) {
      return "x-" + where.replace('.', '-').toLowerCase(java.util.Locale.ROOT);
    } else if (raw == int.class || raw == Integer.class) {
      return 7;
    } else if (raw == long.class || raw == Long.class) {
      return 9L;
    } else if (raw == boolean.class || raw == Boolean.class) {
      return true;
    } else if (raw == double.class || raw == Double.class) {
      return 0.25;
    } else if (raw == Duration.class) {
      return Duration.ofMillis(1500);
    } else if (raw == Instant.class) {
      return T;
    } else if (raw == Channel.class) {
      return Channel.EMAIL;
    } else if (raw == Outcome.class) {
      return Outcome.of("sold");
    } else if (raw == Presence.class) {
      return Presence.away("lunch");
    } else if (raw == TransferTarget.class) {
      return TransferTarget.queue("billing");
    } else if (raw == Agent.class) {
      return Agent.builder("a1").skill("billing", 3).capacity(Channel.CHAT, 2)
          .capacity(Channel.VOICE, 1).exclusive(Channel.VOICE).totalCapacity(2).team("blue")
          .supervisor("s1").build();
    } else if (raw == WorkItem.class) {
      return WorkItem.builder("i1", Channel.EMAIL).customer("c1").queue("billing").priority(3)
          .requireSkill("billing", 2).attribute("k", List.of(1, "v")).conversation("conv1")
          .createdAt(T).slaTarget(Duration.ofMinutes(5)).build();
    } else if (raw == dev.switchboard.spi.ChannelIdentity.class) {
      return dev.switchboard.spi.ChannelIdentity.email("Ann@Example.com");
    } else if (raw == dev.switchboard.spi.Health.class) {
      return dev.switchboard.spi.Health.degraded("throttled by the provider");
    } else if (raw == Map.class) {
      Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
      if (value == String.class) {
        Map<String, String> m = new LinkedHashMap<>(); // order matters: applied in this order
        m.put("c2", "a9");
        m.put("c1", "a3");
        return m;
      }
      return Map.of("k", 1, "nested", Map.of("list", List.of(2L, "v")));
    } else if (raw == Set.class) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      if (element == dev.switchboard.spi.ChannelIdentity.class) {
        return Set.of(dev.switchboard.spi.ChannelIdentity.phone("+15551234567"),
            dev.switchboard.spi.ChannelIdentity.chat("visitor-7"));
      }
      return Set.of("a", "b");
    } else if (raw == List.class) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      if (element == dev.switchboard.campaign.CampaignContact.class) {
        return List.of(new dev.switchboard.campaign.CampaignContact("k1", "c1",
            Map.of("tier", 2, "tags", List.of("vip"))),
            dev.switchboard.campaign.CampaignContact.of("k2", "c2"));
      }
      return List.of("a", "b");
    } else if (raw == dev.switchboard.campaign.Campaign.class) {
      return new dev.switchboard.campaign.Campaign("renewals", Channel.VOICE, "outbound",
          Map.of("billing", 2));
    } else if (raw == dev.switchboard.campaign.Assignee.class) {
      return dev.switchboard.campaign.Assignee.team("blue");
    } else if (raw == dev.switchboard.campaign.CampaignAssignment.class) {
      return new dev.switchboard.campaign.CampaignAssignment("renewals",
          dev.switchboard.campaign.Assignee.agent("ted"),
          dev.switchboard.campaign.Pacing.share(0.2, Duration.ofDays(7)));
    } else if (raw == Optional.class) {
      Type inner = ((ParameterizedType) type).getActualTypeArguments()[0];
      return Optional.of(sample(inner, where));
    } else if (raw.isEnum()) {
      Object[] values = raw.getEnumConstants();
      return values[values.length - 1];
    }
    throw new AssertionError("no sample value for " + type + " (component " + where
        + "): add one to CommandCodecTest.sample");
  }
}
