package dev.switchboard.channel;

import static dev.switchboard.channel.ChannelFixture.chatAdapter;
import static dev.switchboard.channel.ChannelFixture.emailAdapter;
import static dev.switchboard.channel.ChannelFixture.smsAdapter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.event.RoutingEvent.CustomersMerged;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One customer across channels: the resolver links an email address, a phone number and a chat
 * handle to one customer, so history and affinity follow her from SMS to email to chat; two
 * customers found to be one are merged.
 */
class CustomerAcrossChannelsTest {

  private static final ChannelIdentity DANA_PHONE = ChannelIdentity.phone("+1 555 000 3333");
  private static final ChannelIdentity DANA_MAIL = ChannelIdentity.email("Dana@Example.com");
  private static final ChannelIdentity DANA_CHAT = ChannelIdentity.chat("dana_w");

  private final InMemoryChannelAdapter sms = smsAdapter("sms-line");
  private final InMemoryChannelAdapter email = emailAdapter("mailbox");
  private final InMemoryChannelAdapter chat = chatAdapter("web-chat");
  private final IdentityResolver resolver = IdentityResolver.inMemory();
  private final ChannelFixture f = ChannelFixture.of(b -> b.adapter(sms).adapter(email)
      .adapter(chat).identityResolver(resolver).deliveryExecutor(Runnable::run));

  @AfterEach
  void close() {
    f.close();
  }

  /** ann and bob work every channel; bob has been idle longer, so he would win without affinity. */
  private void annAndBob() {
    for (String id : new String[] {"bob", "ann"}) {
      f.ok(f.sb.addAgent(Agent.builder(id).capacity(Channel.SMS, 5).capacity(Channel.EMAIL, 5)
          .capacity(Channel.CHAT, 3).build()));
      f.ok(f.sb.setPresence(id, Presence.AVAILABLE));
      f.clock.advance(Duration.ofSeconds(1));
    }
  }

  /** The customer writes on the adapter; the item is offered, accepted, answered, completed. */
  private String handled(InMemoryChannelAdapter adapter, ChannelIdentity from, String key) {
    adapter.customerSends(from, key, "hello");
    f.sb.drain();
    ItemOffered offer = f.events(ItemOffered.class).get(f.events(ItemOffered.class).size() - 1);
    f.ok(f.sb.accept(offer.agentId(), offer.itemId()));
    f.ok(f.sb.channels().reply(offer.agentId(), offer.itemId(), "answered"));
    f.ok(f.sb.complete(offer.agentId(), offer.itemId(), Outcome.RESOLVED));
    f.clock.advance(Duration.ofSeconds(5));
    return offer.agentId();
  }

  @Test
  void linkedIdentities_resolveToOneCustomer_andAffinityFollowsHerAcrossChannels() {
    String dana = resolver.resolve(DANA_PHONE);
    resolver.link(DANA_MAIL, dana);
    resolver.link(DANA_CHAT, dana);
    annAndBob();
    // ann answers Dana's SMS (bob is busy with another customer meanwhile)
    f.ok(f.sb.setPresence("bob", Presence.away("lunch")));
    assertThat(handled(sms, DANA_PHONE, "+15550003333")).isEqualTo("ann");
    f.ok(f.sb.setPresence("bob", Presence.AVAILABLE));
    f.ok(f.sb.setPresence("ann", Presence.away("coffee")));
    f.ok(f.sb.setPresence("ann", Presence.AVAILABLE)); // ann is now the more recently idle

    String byEmail = handled(email, ChannelIdentity.email("dana@example.com"), "<m1@example.com>");
    String byChat = handled(chat, DANA_CHAT, "session-9");

    assertThat(byEmail).as("the email goes to the agent who answered her SMS").isEqualTo("ann");
    assertThat(byChat).as("and so does her chat").isEqualTo("ann");
    assertThat(f.events(ItemSubmitted.class)).extracting(e -> e.item().customerId())
        .containsOnly(dana);
    assertThat(f.events(ItemSubmitted.class)).extracting(e -> e.item().channel())
        .containsExactly(Channel.SMS, Channel.EMAIL, Channel.CHAT);
    assertThat(f.ok(f.sb.channels().conversations(dana))).containsExactly(
        "sms-line:+15550003333", "mailbox:<m1@example.com>", "web-chat:session-9");
  }

  @Test
  void withoutALink_aNewIdentityIsANewCustomer_withNoAffinity() {
    annAndBob();
    handled(sms, DANA_PHONE, "+15550003333");

    email.customerSends(DANA_MAIL, "<m1@example.com>", "hello");
    f.sb.drain();

    assertThat(f.events(ItemSubmitted.class)).extracting(e -> e.item().customerId())
        .doesNotHaveDuplicates();
  }

  @Test
  void mergingTwoCustomers_movesIdentitiesAndHistory_andAnnouncesIt() {
    annAndBob();
    f.ok(f.sb.setPresence("bob", Presence.away("lunch")));
    handled(sms, DANA_PHONE, "+15550003333"); // ann answers the phone customer
    f.ok(f.sb.setPresence("bob", Presence.AVAILABLE));
    String byPhone = resolver.resolve(DANA_PHONE);
    email.customerSends(DANA_MAIL, "<m0@example.com>", "is this the same shop?");
    f.sb.drain();
    String byMail = resolver.resolve(DANA_MAIL);
    assertThat(byMail).isNotEqualTo(byPhone);

    f.ok(f.sb.channels().mergeCustomers(byPhone, byMail));

    assertThat(f.events(CustomersMerged.class)).singleElement().satisfies(e -> {
      assertThat(e.survivorId()).isEqualTo(byPhone);
      assertThat(e.mergedId()).isEqualTo(byMail);
      assertThat(e.identities()).containsExactly(DANA_MAIL);
    });
    assertThat(resolver.resolve(DANA_MAIL)).isEqualTo(byPhone);
    assertThat(resolver.identities(byPhone)).containsExactlyInAnyOrder(DANA_PHONE, DANA_MAIL);
    assertThat(resolver.identities(byMail)).isEmpty();
    assertThat(f.ok(f.sb.channels().conversations(byPhone)))
        .containsExactly("sms-line:+15550003333", "mailbox:<m0@example.com>");
    assertThat(f.ok(f.sb.channels().conversations(byMail)))
        .as("the merged id leads to the survivor's history")
        .containsExactly("sms-line:+15550003333", "mailbox:<m0@example.com>");
    f.ok(f.sb.setPresence("ann", Presence.away("coffee")));
    f.ok(f.sb.setPresence("ann", Presence.AVAILABLE)); // without affinity bob would win now
    email.customerSends(DANA_MAIL, "<m2@example.com>", "me again");
    f.sb.drain();
    assertThat(f.events(ItemOffered.class)).last().satisfies(e -> {
      assertThat(e.itemId()).isEqualTo("mailbox:<m2@example.com>#1");
      assertThat(e.agentId()).as("affinity followed the merge").isEqualTo("ann");
    });
  }

  @Test
  void merge_withBadIds_isRefused_andChangesNothing() {
    String dana = resolver.resolve(DANA_PHONE);
    int mark = f.mark();

    assertThatThrownBy(() -> f.sb.channels().mergeCustomers(dana, dana))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be merged into itself");
    assertThatThrownBy(() -> f.sb.channels().mergeCustomers(dana, "nobody"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mergedId 'nobody' is not a known customer: no identity resolves to it");
    f.sb.drain();
    assertThat(f.eventsSince(mark, CustomersMerged.class)).isEmpty();
    assertThat(resolver.identities(dana)).containsExactly(DANA_PHONE);
  }

  @Test
  void identities_areNormalised_soTheSamePersonCompareEqual() {
    assertThat(ChannelIdentity.email(" Dana@Example.COM ")).isEqualTo(DANA_MAIL);
    assertThat(ChannelIdentity.phone("+1 (555) 000-3333")).isEqualTo(DANA_PHONE);
    assertThat(resolver.resolve(ChannelIdentity.email("dana@example.com")))
        .isEqualTo(resolver.resolve(DANA_MAIL));
  }
}
