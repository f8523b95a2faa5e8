package dev.switchboard.examples.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.channel.ChannelHost;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.FollowUpReceived;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.event.RoutingEvent.MessageDelivered;
import dev.switchboard.examples.adapters.email.EmailAdapter;
import dev.switchboard.examples.adapters.email.MailServer;
import dev.switchboard.examples.adapters.sms.SmsAdapter;
import dev.switchboard.examples.adapters.sms.SmsProvider;
import dev.switchboard.examples.adapters.sms.SmsSettings;
import dev.switchboard.examples.adapters.webchat.ChatHttp;
import dev.switchboard.examples.adapters.webchat.SseClient;
import dev.switchboard.examples.adapters.webchat.WebChatAdapter;
import dev.switchboard.examples.adapters.webchat.WebChatSettings;
import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.spi.ChannelIdentity;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One threaded {@link Switchboard} hosting the three reference adapters at once, each against its
 * real counterpart (GreenMail, a local SMS provider, an HTTP chat visitor): customers' messages
 * become routed items, agents' replies reach the customer through the channel they wrote on,
 * follow-ups stick to the agent, and linked identities make one customer across channels.
 */
class EndToEndAdaptersTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String PHONE = "+447700900123";

  private final IdentityResolver identities = IdentityResolver.inMemory();
  private final Object lock = new Object();
  private final List<RoutingEvent> events = new ArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  private MailServer mail;
  private SmsProvider provider;
  private SmsAdapter sms;
  private WebChatAdapter chat;
  private Switchboard sb;
  private ChatHttp visitor;
  /** The visitor's conversation id, as the chat issued it. */
  private String chatVisitor;

  @BeforeEach
  void start() throws Exception {
    mail = new MailServer();
    toClose.add(mail);
    provider = new SmsProvider();
    toClose.add(provider);
    EmailAdapter email = new EmailAdapter("support-mailbox", mail.settings()
        .pollInterval(Duration.ofMillis(100)).build());
    sms = new SmsAdapter("sms-main", SmsSettings.builder().number(SmsProvider.CENTRE)
        .secret(SmsProvider.SECRET).providerEndpoint(provider.endpoint())
        .timeout(Duration.ofSeconds(5)).build());
    chat = new WebChatAdapter("website-chat", WebChatSettings.builder().build());
    sb = Switchboard.builder().listener(this::record).identityResolver(identities)
        .adapter(email).adapter(sms).adapter(chat).build();
    toClose.add(0, sb); // closed first: it stops the adapters before their counterparts go
    for (String agent : List.of("ted", "una")) {
      done(sb.addAgent(Agent.builder(agent).capacity(Channel.EMAIL, 5).capacity(Channel.SMS, 5)
          .capacity(Channel.CHAT, 3).build()));
      done(sb.setPresence(agent, Presence.AVAILABLE));
    }
    visitor = new ChatHttp(chat.url());
    chatVisitor = visitor.open();
  }

  @AfterEach
  void stop() throws Exception {
    Exception first = null;
    for (AutoCloseable c : toClose) {
      try {
        c.close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Test
  void customerOnEachChannel_isRoutedToAnAgent_whoseReplyReachesTheRealCounterpart()
      throws Exception {
    SseClient page = listen();

    String mailId = mail.customerWrites("Broken router", "It blinks red", null, null);
    Routed byMail = routed("It blinks red", Channel.EMAIL,
        ChannelIdentity.email(MailServer.CUSTOMER));
    provider.deliverInbound(sms.webhookUrl(), SmsProvider.text("SMa1", PHONE, "Is my bill late?"));
    Routed bySms = routed("Is my bill late?", Channel.SMS, ChannelIdentity.phone(PHONE));
    assertThat(visitor.post("m1", "Where is my order?").statusCode())
        .isEqualTo(202);
    Routed byChat = routed("Where is my order?", Channel.CHAT,
        ChannelIdentity.chat(chatVisitor));

    assertThat(List.of(byMail.itemId, bySms.itemId, byChat.itemId)).doesNotHaveDuplicates();
    assertThat(List.of(byMail.item.conversationId(), bySms.item.conversationId(),
        byChat.item.conversationId())).allSatisfy(c -> assertThat(c).isPresent())
        .doesNotHaveDuplicates();

    reply(byMail, "Unplug it for ten seconds.");
    MimeMessage answer = mailNumber(1);
    assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo(mailId);
    assertThat(answer.getSubject()).isEqualTo("Re: Broken router");
    assertThat(answer.getContent().toString()).contains("Unplug it for ten seconds.");

    reply(bySms, "No, it is paid.");
    SmsProvider.Sent text = provider.nextSent();
    assertThat(text.form()).containsEntry("To", PHONE).containsEntry("From", SmsProvider.CENTRE)
        .containsEntry("Body", "No, it is paid.");

    String chatDelivery = reply(byChat, "It ships today.");
    JsonNode pushed = pushed(page);
    assertThat(pushed.get("text").asText()).isEqualTo("It ships today.");
    assertThat(pushed.get("agent").asText()).isEqualTo(byChat.agentId);
    assertThat(pushed.get("id").asText()).isEqualTo(chatDelivery);
  }

  @Test
  void followUpInTheSameConversation_reachesTheAgentWhoHasIt_onEveryChannel() throws Exception {
    SseClient page = listen();

    String mailId = mail.customerWrites("Broken router", "It blinks red", null, null);
    Routed byMail = routed("It blinks red", Channel.EMAIL,
        ChannelIdentity.email(MailServer.CUSTOMER));
    reply(byMail, "Unplug it for ten seconds.");
    String replyId = mailNumber(1).getMessageID();
    String followUpId = mail.customerWrites("Re: Broken router", "Still red", replyId,
        mailId + " " + replyId);
    stuck(byMail, "Still red");
    reply(byMail, "Then we send a new one.");
    assertThat(mailNumber(2).getHeader("In-Reply-To", null)).isEqualTo(followUpId);

    provider.deliverInbound(sms.webhookUrl(), SmsProvider.text("SMa1", PHONE, "Is my bill late?"));
    Routed bySms = routed("Is my bill late?", Channel.SMS, ChannelIdentity.phone(PHONE));
    reply(bySms, "No, it is paid.");
    provider.nextSent();
    provider.deliverInbound(sms.webhookUrl(), SmsProvider.text("SMa2", PHONE, "And next month?"));
    stuck(bySms, "And next month?");
    reply(bySms, "Due on the 5th.");
    assertThat(provider.nextSent().form()).containsEntry("To", PHONE)
        .containsEntry("Body", "Due on the 5th.");

    visitor.post("m1", "Where is my order?");
    Routed byChat = routed("Where is my order?", Channel.CHAT,
        ChannelIdentity.chat(chatVisitor));
    reply(byChat, "It ships today.");
    pushed(page);
    visitor.post("m2", "Which carrier?");
    stuck(byChat, "Which carrier?");
    reply(byChat, "DHL.");
    assertThat(pushed(page).get("text").asText()).isEqualTo("DHL.");

    assertThat(all(ItemSubmitted.class)).as("only the three opening messages became items")
        .hasSize(3);
  }

  @Test
  void linkedEmailAddressAndPhoneNumber_makeTheSmsAndTheEmailItemsOfOneCustomer()
      throws Exception {
    String customer = identities.resolve(ChannelIdentity.phone(PHONE));
    identities.link(ChannelIdentity.email(MailServer.CUSTOMER), customer);

    provider.deliverInbound(sms.webhookUrl(), SmsProvider.text("SMa1", PHONE, "Is my bill late?"));
    Routed bySms = routed("Is my bill late?", Channel.SMS, ChannelIdentity.phone(PHONE));
    reply(bySms, "No, it is paid.");
    provider.nextSent();
    mail.customerWrites("My bill", "Can I have it as PDF?", null, null);
    Routed byMail = routed("Can I have it as PDF?", Channel.EMAIL,
        ChannelIdentity.email(MailServer.CUSTOMER));
    visitor.post("m1", "Hello?");
    Routed byStranger = routed("Hello?", Channel.CHAT, ChannelIdentity.chat(chatVisitor));

    assertThat(bySms.item.customerId()).isEqualTo(customer);
    assertThat(byMail.item.customerId()).isEqualTo(customer);
    assertThat(byStranger.item.customerId()).isNotEqualTo(customer);
    assertThat(byMail.agentId).as("the email goes first to the agent who answered her SMS")
        .isEqualTo(bySms.agentId);
    assertThat(done(sb.channels().conversations(customer))).containsExactly(
        bySms.item.conversationId().orElseThrow(), byMail.item.conversationId().orElseThrow());
  }

  // ---------------------------------------------------------------- helpers

  /** An item routed to an agent who accepted it. */
  private record Routed(String itemId, WorkItem item, String agentId) {}

  /**
   * Waits for the item a customer's message became, checks its channel and sender, and has the
   * agent it is offered to accept it.
   */
  private Routed routed(String body, Channel channel, ChannelIdentity sender) throws Exception {
    WorkItem item = await(ItemSubmitted.class, e -> body.equals(message(e.item().attributes())
        .get("body")), "an item for \"" + body + "\"").item();
    assertThat(item.channel()).isEqualTo(channel);
    assertThat(message(item.attributes())).containsEntry("sender", sender.toString());
    String agent = await(ItemOffered.class, e -> e.itemId().equals(item.id()),
        "an offer of " + item.id()).agentId();
    done(sb.accept(agent, item.id()));
    await(ItemAssigned.class, e -> e.itemId().equals(item.id()) && e.agentId().equals(agent),
        item.id() + " assigned to " + agent);
    return new Routed(item.id(), item, agent);
  }

  /** Waits for the follow-up {@code body} and checks it went to the agent holding the item. */
  private void stuck(Routed r, String body) throws Exception {
    FollowUpReceived f = await(FollowUpReceived.class,
        e -> body.equals(message(e.attributes()).get("body")), "the follow-up \"" + body + "\"");
    assertThat(f.conversationId()).isEqualTo(r.item.conversationId().orElseThrow());
    assertThat(f.itemId()).isEqualTo(r.itemId);
    assertThat(f.agentId()).hasValue(r.agentId);
  }

  /** The agent replies through the switchboard; waits until the adapter delivered it. */
  private String reply(Routed r, String text) throws Exception {
    String delivery = done(sb.channels().reply(r.agentId, r.itemId, text));
    await(MessageDelivered.class, e -> e.deliveryId().equals(delivery),
        "delivery " + delivery);
    return delivery;
  }

  private SseClient listen() throws Exception {
    SseClient page = visitor.listen(null);
    toClose.add(page);
    return page;
  }

  private static JsonNode pushed(SseClient page) throws Exception {
    SseClient.Event e = page.next();
    assertThat(e.name()).isEqualTo("reply");
    return new ObjectMapper().readTree(e.data());
  }

  /** The customer's {@code n}th mail from support (1-based), waiting for it to arrive. */
  private MimeMessage mailNumber(int n) {
    assertThat(mail.greenMail.waitForIncomingEmail(WAIT.toMillis(), n + countSentToSupport()))
        .as("mail %d reached the customer", n).isTrue();
    MimeMessage[] inbox = mail.customerInbox();
    assertThat(inbox).hasSize(n);
    return inbox[n - 1];
  }

  /** GreenMail counts every message it received; the customer's own mails went to support. */
  private int countSentToSupport() {
    return mail.greenMail.getReceivedMessages().length - mail.customerInbox().length;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> message(Map<String, Object> attributes) {
    return (Map<String, Object>) attributes.getOrDefault(ChannelHost.MESSAGE_ATTRIBUTE, Map.of());
  }

  private void record(RoutingEvent e) {
    synchronized (lock) {
      events.add(e);
      lock.notifyAll();
    }
  }

  private <T extends RoutingEvent> List<T> all(Class<T> type) {
    synchronized (lock) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  /** The first event of {@code type} matching {@code p}, waiting for it up to {@link #WAIT}. */
  private <T extends RoutingEvent> T await(Class<T> type, Predicate<T> p, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (lock) {
      while (true) {
        for (RoutingEvent e : events) {
          if (type.isInstance(e) && p.test(type.cast(e))) {
            return type.cast(e);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no " + what + " within " + WAIT + "; events: " + events);
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  private static <T> T done(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}
