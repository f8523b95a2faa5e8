package dev.switchboard.helpdesk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Channel;
import dev.switchboard.crowd.PowerUser;
import dev.switchboard.crowd.Question;
import dev.switchboard.helpdesk.Actor;
import dev.switchboard.helpdesk.Classification;
import dev.switchboard.helpdesk.TicketRequest;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every desk input has a tag and round-trips exactly; malformed payloads are refused. */
class DeskCodecTest {

  private static final Instant AT = Instant.parse("2026-01-05T09:00:00.123456789Z");

  @Test
  void everyInputType_hasATag_andRoundTrips() throws Exception {
    for (Class<?> type : DeskInput.class.getPermittedSubclasses()) {
      assertThat(DeskCodec.TYPES).as("a tag for %s", type.getSimpleName()).contains(
          type.asSubclass(DeskInput.class));
      RecordComponent[] components = type.getRecordComponents();
      Object[] values = Arrays.stream(components).map(c -> sample(c.getType())).toArray();
      DeskInput input = (DeskInput) type.getDeclaredConstructor(Arrays.stream(components)
          .map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(values);
      byte[] payload = DeskCodec.payload(AT, input, DeskCodec.body(input));
      assertThat(DeskCodec.decode(payload)).isEqualTo(new DeskCodec.Decoded(AT, input));
    }
  }

  @Test
  void nullsAndEveryAttributeNumberType_keepTheirType() throws Exception {
    DeskInput failed = new DeskInput.Classified("t-1", 2, null, "threw boom");
    assertThat(DeskCodec.decode(DeskCodec.payload(AT, failed, DeskCodec.body(failed))).input())
        .isEqualTo(failed);
    Map<String, Object> attributes = Map.of("i", 1, "l", 2L, "d", 3.5, "f", 4.5f,
        "s", (short) 5, "b", (byte) 6, "g", new BigInteger("123456789012345678901234567890"),
        "e", new BigDecimal("1.50"), "list", List.of("x", true, Map.of("deep", List.of())));
    DeskInput open = new DeskInput.Open(new TicketRequest("t-1", "u-1", Channel.SMS, "s", "t",
        attributes));
    DeskInput back = DeskCodec.decode(DeskCodec.payload(AT, open, DeskCodec.body(open))).input();
    assertThat(((DeskInput.Open) back).request().attributes()).isEqualTo(attributes)
        .allSatisfy((k, v) -> assertThat(v instanceof Number ? v.getClass() : Number.class)
            .isEqualTo(v instanceof Number ? attributes.get(k).getClass() : Number.class));
    assertThat(((DeskInput.Open) back).request().channel().traits())
        .isEqualTo(Channel.SMS.traits());
  }

  @Test
  void malformedPayloads_areRefused() {
    DeskInput input = new DeskInput.Confirm("t-1");
    byte[] good = DeskCodec.payload(AT, input, DeskCodec.body(input));
    byte[] version = good.clone();
    version[0] = 9;
    assertThatThrownBy(() -> DeskCodec.decode(version)).isInstanceOf(IOException.class)
        .hasMessageContaining("layout version 9");
    byte[] tag = good.clone();
    tag[1] = (byte) 200;
    assertThatThrownBy(() -> DeskCodec.decode(tag)).hasMessageContaining("unknown entry tag 200");
    assertThatThrownBy(() -> DeskCodec.decode(Arrays.copyOf(good, good.length - 2)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> DeskCodec.decode(Arrays.copyOf(good, good.length + 1)))
        .hasMessageContaining("1 bytes left");
  }

  private static Object sample(Class<?> type) {
    if (type == String.class) {
      return "x-1";
    } else if (type == int.class) {
      return 7;
    } else if (type == long.class) {
      return -3L;
    } else if (type == boolean.class) {
      return true;
    } else if (type == Actor.class) {
      return Actor.agent("fay");
    } else if (type == Classification.class) {
      return new Classification(List.of("network", "billing"), Map.of("network", 3), 20, 0.8);
    } else if (type == TicketRequest.class) {
      return new TicketRequest("t-1", "u-1", Channel.EMAIL, "subject", "text",
          Map.of("product", "laserjet", "seats", 3));
    } else if (type == PowerUser.class) {
      return new PowerUser("ann", false, 2, Map.of("how-to", 4));
    } else if (type == Question.class) {
      return new Question("q-1", "u-1", "how-to", "how?", Map.of("billing", 2));
    } else if (type == DeskInput.Command.class) {
      return DeskInput.Command.TRANSFER;
    }
    throw new AssertionError("no sample for " + type);
  }
}
