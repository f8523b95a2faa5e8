package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.switchboard.testing.RandomExpressions;
import dev.switchboard.testing.RandomText;
import dev.switchboard.testing.RandomTries;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random text through every path of the journal's codec: whatever string a command or value
 * holds (lone surrogates, NUL, astral chars, very long text) is read back exactly, and a
 * well-formed string is still written as journals always wrote it, so older journals read the
 * same.
 */
class CodecPropertiesTest {

  static final int STRING_TRIES = 5000;
  static final int COMMAND_TRIES = 1000;

  private final CommandCodec codec = new CommandCodec(List.of(Channel.CHAT, Channel.EMAIL,
      Channel.SMS));

  @Test
  void everyString_isReadBackExactly_andWellFormedOnesAsUtf8AsBefore() {
    RandomTries.check("wire strings", STRING_TRIES, 1_000, RandomText::text, s -> {
      byte[] bytes = new Wire.Out().str(s).nstr(s).nstr(null).optStr(Optional.of(s))
          .toByteArray();
      Wire.In in = new Wire.In(bytes, 0);
      assertThat(in.str()).isEqualTo(s);
      assertThat(in.nstr()).isEqualTo(s);
      assertThat(in.nstr()).isNull();
      assertThat(in.optStr()).contains(s);
      assertThat(in.atEnd()).isTrue();

      byte[] one = new Wire.Out().str(s).toByteArray();
      assertThat(one.length).as("the size the entry limit reckons")
          .isEqualTo(4 + EntryLimit.encodedLength(s));
      if (RandomText.wellFormed(s)) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertThat(one).isEqualTo(ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length)
            .put(utf8).array());
      } else {
        assertThat(ByteBuffer.wrap(one).getInt()).as("the UTF-16 form's mark")
            .isEqualTo(-1 - s.length());
      }
    });
  }

  @Test
  void everyCommandKind_withRandomText_decodesToAnEqualCommand() {
    Set<Class<?>> written = new LinkedHashSet<>();
    RandomTries.check("command codec", COMMAND_TRIES, 2_000, CodecPropertiesTest::commands,
        commands -> {
          for (Command c : commands) {
            byte[] payload = codec.encode(c, 77L);
            CommandCodec.Decoded back = codec.decode(payload);
            assertThat(back.time()).isEqualTo(77L);
            assertThat(back.command()).as(c.getClass().getSimpleName()).isEqualTo(c);
            written.add(c.getClass());
          }
        });
    Set<Class<?>> journaled = Stream.of(Command.class.getPermittedSubclasses())
        .filter(t -> !CommandCodec.READ_ONLY.contains(t)).collect(Collectors.toSet());
    assertThat(written).as("command kinds given random text; add a new kind to commands()")
        .containsExactlyInAnyOrderElementsOf(journaled);
  }

  /** One command of every journaled kind, with random text wherever its rules allow. */
  static List<Command> commands(Random r) {
    String a = RandomText.text(r);
    String b = RandomText.text(r);
    String id = validId(r, 40);
    String id2 = validId(r, 40);
    String label = RandomText.label(r, 320);
    Map<String, Object> attributes = RandomText.attributes(r, 3);
    ChannelIdentity who = new ChannelIdentity("chat", label);
    ChannelIdentity other = new ChannelIdentity("x-" + r.nextInt(9), RandomText.label(r, 320));
    Agent agent = Agent.builder(id).skill(id2, 1 + r.nextInt(10)).capacity(Channel.CHAT, 2)
        .team(id2).supervisor(id).build();
    WorkItem.Builder item = WorkItem.builder(id, Channel.EMAIL).customer(id2).queue(id)
        .priority(r.nextInt(101)).requireSkill(id2, 3).createdAt(Instant.ofEpochSecond(r.nextInt()))
        .slaTarget(Duration.ofMillis(1 + r.nextInt(100_000)));
    attributes.forEach(item::attribute);
    if (id.length() <= 117) {
      item.conversation(id);
    }
    Map<String, String> owners = new LinkedHashMap<>();
    owners.put(a, b);
    owners.put(b, id);
    Set<ChannelIdentity> identities = new LinkedHashSet<>(List.of(who, other));
    RandomExpressions expressions = RandomExpressions.anyNames(r);
    Agent attributed = agent.toBuilder().attribute(id2, a)
        .attribute(validId(r, 40) + "n", r.nextBoolean() ? -0.0 : r.nextGaussian() * 1e300)
        .attribute(id + "s", new LinkedHashSet<>(List.of(a, b))).build();
    return List.of(
        new Command.AddAgent(agent),
        new Command.UpdateAgent(agent),
        new Command.AddAgent(attributed),
        new Command.UpdateAgent(attributed),
        new Command.RemoveAgent(a),
        new Command.SetPresence(a, Presence.away(label)),
        new Command.Submit(item.build()),
        new Command.Accept(a, b),
        new Command.Reject(b, a),
        new Command.Complete(a, b, Outcome.of("x" + r.nextInt(100))),
        new Command.FinishWrapUp(a, b),
        new Command.Transfer(a, r.nextBoolean() ? TransferTarget.queue(id)
            : TransferTarget.agent(id2)),
        new Command.Transfer(b, TransferTarget.matching(expressions.next(2))),
        new Command.Cancel(a),
        new Command.Abandon(b),
        new Command.FollowUp(a, attributes),
        new Command.ChannelInbound(a, RandomText.label(r, 320), b, a, who, b,
            RandomText.attributes(r, 3)),
        new Command.Incarnation(1 + (r.nextLong() & Long.MAX_VALUE - 1)),
        new Command.ChannelReply(a, b, RandomText.text(r)),
        new Command.ChannelContact(a, b, other, a, b, RandomText.text(r)),
        new Command.DeliveryOutcome(a, r.nextInt(), r.nextBoolean(), r.nextBoolean(), b, a),
        new Command.AdapterHealth(a, new Health(Health.Status.DEGRADED, label)),
        new Command.MergeCustomers(a, b, Set.copyOf(identities)),
        new Command.CloseChannels(),
        new Command.MoveAccounts(owners),
        new Command.ClearOwner(b),
        new Command.AddCampaign(new Campaign(id, Channel.SMS, id2, Map.of(id, 2))),
        new Command.AddContacts(a, List.of(new CampaignContact(id, id2, attributes),
            new CampaignContact(id2, id, RandomText.attributes(r, 2)))),
        new Command.AssignCampaign(new CampaignAssignment(id, r.nextBoolean()
            ? Assignee.agent(id2) : Assignee.team(id2),
            r.nextBoolean() ? Pacing.onlyWhenIdle()
                : Pacing.share(1 - r.nextDouble(), Duration.ofMinutes(1 + r.nextInt(1000))))),
        new Command.UnassignCampaign(b, Assignee.team(id)),
        new Command.AssignCampaign(new CampaignAssignment(id2, Assignee.matching(
            expressions.withoutItems().next(2)), Pacing.onlyWhenIdle())),
        new Command.UnassignCampaign(a, Assignee.matching(expressions.withoutItems().next(1))),
        new Command.AwaitCustomer(a, b));
  }

  /** An id the rules allow, of at most {@code max} chars (campaign ids take at most 40). */
  private static String validId(Random r, int max) {
    String id;
    do {
      id = RandomText.id(r);
    } while (!RandomText.validId(id) || id.length() > max);
    return id;
  }
}
