package dev.switchboard.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.Attachment;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.OutboundMessage;
import dev.switchboard.spi.tck.CustomerMessage.TckAttachment;
import dev.switchboard.spi.tck.RecordingChannelContext.Report;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for {@link ChannelAdapter}s: extend it in your adapter's tests, say how to
 * create the adapter, how a customer sends through your protocol and what customers received, and
 * it checks the contract's numbered rules. Each test's name carries its rule ({@code
 * required_rule4_...}); optional rules your adapter does not claim are skipped visibly with the
 * reason, never passed silently. A failure names the rule and says what to check.
 *
 * <pre>{@code
 * class MyAdapterTckTest extends ChannelAdapterTck<MyAdapter> {
 *   protected MyAdapter createAdapter() { return new MyAdapter(testServer.config()); }
 *   protected void customerSends(MyAdapter a, CustomerMessage m) { testServer.send(m); }
 *   protected List<ReceivedMessage> customersReceived(MyAdapter a) { return testServer.inbox(); }
 *   protected ChannelIdentity customerIdentity(int n) { return ChannelIdentity.email("c" + n + "@t.example"); }
 * }
 * }</pre>
 *
 * <p>A channel of calls rather than messages (voice) overrides {@link #profile()} with {@link
 * TckProfile#CALLS}: each customer message is then a call, and the rules about threads, text
 * replies and concurrent replies are checked as they apply to calls.
 *
 * <p>Every test creates a fresh adapter, starts it with a {@link RecordingChannelContext}, and
 * stops it afterwards. Waits poll for at most {@link #patience()}.
 *
 * @param <A> the adapter type under test
 * @since 0.1
 */
public abstract class ChannelAdapterTck<A extends ChannelAdapter> {

  private static final Pattern ADAPTER_ID = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern CHANNEL_ID = Pattern.compile("[a-z0-9_-]{1,32}");
  /** Rule 6: how long {@code deliver} may take to return its stage. */
  private static final Duration DELIVER_RETURNS_WITHIN = Duration.ofSeconds(1);

  private A adapter;
  private RecordingChannelContext context;
  private final AtomicInteger deliveries = new AtomicInteger();

  /** For subclasses: an adapter's TCK test. */
  protected ChannelAdapterTck() {}

  // ------------------------------------------------------------------ what the author supplies

  /** A new, unstarted adapter for one test; the TCK starts and stops it. */
  protected abstract A createAdapter() throws Exception;

  /**
   * Makes a customer send a message through the adapter's real protocol (append to the test
   * mailbox, post to the webhook, type into the chat page). May return before the adapter has
   * read it; the TCK waits for the report.
   */
  protected abstract void customerSends(A adapter, CustomerMessage message) throws Exception;

  /** Every message customers have received so far through the adapter's protocol. */
  protected abstract List<ReceivedMessage> customersReceived(A adapter) throws Exception;

  /**
   * The identity of test customer {@code n} (1, 2, 3...) as the adapter reports senders: the same
   * scheme and normalisation, e.g. {@code ChannelIdentity.email("customer" + n + "@test.example")}.
   */
  protected abstract ChannelIdentity customerIdentity(int n);

  /** Releases what {@link #createAdapter()} set up beyond the adapter; after stop. */
  protected void disposeAdapter(A adapter) throws Exception {}

  /**
   * A recipient the channel refuses outright (a malformed or non-existent address), for rule 9;
   * empty (the default) skips that check.
   */
  protected Optional<ChannelIdentity> undeliverableRecipient() {
    return Optional.empty();
  }

  /** Whether the adapter claims optional rule 11 (delivery is idempotent per delivery id). */
  protected boolean idempotentDelivery() {
    return false;
  }

  /** Whether the harness can send attachments, for optional rule 16. */
  protected boolean supportsAttachments() {
    return false;
  }

  /**
   * Whether the harness can tell when the adapter acknowledged a customer's message upstream,
   * for rule 17; false (the default) skips that rule visibly. Override it together with {@link
   * #acknowledgedUpstream}.
   */
  protected boolean observesAcknowledgement() {
    return false;
  }

  /**
   * Whether the adapter has acknowledged the customer's message upstream through its protocol:
   * the mail flagged seen or deleted, the webhook answered with success, the chat client told its
   * message was received. Called only when {@link #observesAcknowledgement()} is true.
   */
  protected boolean acknowledgedUpstream(A adapter, CustomerMessage message) throws Exception {
    throw new UnsupportedOperationException("override acknowledgedUpstream with"
        + " observesAcknowledgement()");
  }

  /**
   * What the channel carries: {@link TckProfile#MESSAGES} (the default) checks every rule as
   * written; {@link TckProfile#CALLS} checks rules 5, 10 and 12 as they apply to calls.
   */
  protected TckProfile profile() {
    return TckProfile.MESSAGES;
  }

  /** How long the TCK waits for something to happen; ten seconds by default. */
  protected Duration patience() {
    return Duration.ofSeconds(10);
  }

  /** How long the TCK watches for something that must not happen; 300 ms by default. */
  protected Duration grace() {
    return Duration.ofMillis(300);
  }

  // ------------------------------------------------------------------ fixture

  @BeforeEach
  final void createAdapterUnderTest() throws Exception {
    adapter = createAdapter();
    assertThat(adapter).as("createAdapter() returned null").isNotNull();
    context = new RecordingChannelContext("tck." + getClass().getSimpleName());
  }

  @AfterEach
  final void stopAdapterUnderTest() throws Exception {
    if (adapter == null) {
      return;
    }
    context.running(false);
    Thread stopper = new Thread(adapter::stop, "tck-stop");
    stopper.setDaemon(true);
    stopper.start();
    stopper.join(patience().toMillis());
    disposeAdapter(adapter);
  }

  /** The adapter under test in the current test. */
  protected final A adapter() {
    return adapter;
  }

  /** The context the adapter under test reports to. */
  protected final RecordingChannelContext context() {
    return context;
  }

  private void start() throws Exception {
    context.running(true);
    adapter.start(context);
  }

  private void stop() {
    adapter.stop();
    context.running(false);
  }

  // ------------------------------------------------------------------ rule 1

  @Test
  void required_rule1_identityIsValidAndStable() throws Exception {
    String id = adapter.id();
    String channelId = adapter.channelId();
    AdapterTraits traits = adapter.traits();
    assertThat(id).as("rule 1 (identity): id() must be 1 to 64 characters of [a-z0-9_-]")
        .isNotNull().matches(ADAPTER_ID);
    assertThat(channelId)
        .as("rule 1 (identity): channelId() must be 1 to 32 characters of [a-z0-9_-]")
        .isNotNull().matches(CHANNEL_ID);
    assertThat(traits).as("rule 1 (identity): traits() must not be null").isNotNull();
    start();
    checkIdentity(id, channelId, traits, "after start");
    stop();
    checkIdentity(id, channelId, traits, "after stop");
  }

  private void checkIdentity(String id, String channelId, AdapterTraits traits, String when) {
    String what = "rule 1 (identity): %s() changed " + when + "; it must return the same value"
        + " on every call";
    assertThat(adapter.id()).as(what, "id").isEqualTo(id);
    assertThat(adapter.channelId()).as(what, "channelId").isEqualTo(channelId);
    assertThat(adapter.traits()).as(what, "traits").isEqualTo(traits);
  }

  // ------------------------------------------------------------------ rule 2

  @Test
  void required_rule2_stopWithoutStartAndRepeatedStopReturnPromptly() throws Exception {
    awaitReturn(adapter::stop, "rule 2 (lifecycle): stop() without start() did not return");
    A second = createAdapter();
    try {
      awaitReturn(() -> {
        try {
          second.start(new RecordingChannelContext("tck.second"));
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      }, "rule 2 (lifecycle): start() did not return");
      awaitReturn(second::stop, "rule 2 (lifecycle): stop() after start() did not return");
      awaitReturn(second::stop, "rule 2 (lifecycle): a second stop() did not return at once");
    } finally {
      disposeAdapter(second);
    }
  }

  // ------------------------------------------------------------------ rule 3

  @Test
  void required_rule3_reportsOnlyWhileRunning() throws Exception {
    start();
    send(1, "t1", "rule3-before-stop");
    awaitReport(body("rule3-before-stop"),
        "rule 3 (inbound while running): a message sent while the adapter ran was not reported");
    stop();
    try {
      send(1, "t1", "rule3-after-stop");
    } catch (Exception expected) {
      // the protocol may refuse a stopped adapter's traffic; that is fine
    }
    Thread.sleep(grace().toMillis());
    assertThat(context.reports()).filteredOn(Report::outsideRunning)
        .as("rule 3 (inbound while running): the adapter reported messages after stop() returned;"
            + " stop reading inbound before stop returns")
        .isEmpty();
  }

  // ------------------------------------------------------------------ rule 4

  @Test
  void required_rule4_redeliveryCarriesTheSameIdempotencyKey() throws Exception {
    start();
    customerSends(adapter, message(1, "t1", "rule4-first", "tck-upstream-1"));
    customerSends(adapter, message(1, "t1", "rule4-first", "tck-upstream-1"));
    customerSends(adapter, message(1, "t1", "rule4-second", "tck-upstream-2"));
    InboundMessage first = awaitReport(body("rule4-first"),
        "rule 4 (idempotency keys): the first message was not reported").message();
    InboundMessage second = awaitReport(body("rule4-second"),
        "rule 4 (idempotency keys): the second message was not reported").message();
    Thread.sleep(grace().toMillis());
    assertThat(reportsOf("rule4-first")).extracting(InboundMessage::idempotencyKey)
        .as("rule 4 (idempotency keys): the same upstream message, redelivered, was reported"
            + " with different keys; derive the key from the upstream message's own id (a"
            + " Message-ID, a webhook's message id), not from time or a counter")
        .containsOnly(first.idempotencyKey());
    assertThat(second.idempotencyKey())
        .as("rule 4 (idempotency keys): two different upstream messages were reported with the"
            + " same key; the key must tell messages apart")
        .isNotEqualTo(first.idempotencyKey());
  }

  // ------------------------------------------------------------------ rule 5

  @Test
  void required_rule5_aThreadSharesOneKeyAndCustomersDoNot() throws Exception {
    assumeProfile(TckProfile.MESSAGES, "rule 5 (threads)");
    start();
    send(1, "t1", "rule5-a");
    InboundMessage a = awaitReport(body("rule5-a"), "rule 5: a message was not reported")
        .message();
    send(1, "t1", "rule5-b");
    InboundMessage b = awaitReport(body("rule5-b"), "rule 5: a message was not reported")
        .message();
    send(2, "t1", "rule5-c");
    InboundMessage c = awaitReport(body("rule5-c"), "rule 5: a message was not reported")
        .message();
    assertSenders(a, c);
    assertThat(b.conversationKey())
        .as("rule 5 (conversation): two messages of one customer's thread got different"
            + " conversation keys; derive the key from the thread (a reply chain's root, the chat"
            + " session), not from the message")
        .isEqualTo(a.conversationKey());
    assertThat(c.conversationKey())
        .as("rule 5 (conversation): messages of two different customers got the same"
            + " conversation key")
        .isNotEqualTo(a.conversationKey());
  }

  @Test
  void required_rule5_call_eachCallIsItsOwnConversation() throws Exception {
    assumeProfile(TckProfile.CALLS, "rule 5 (calls)");
    start();
    InboundMessage a = inboundFrom(1, "rule5-call-a");
    InboundMessage b = inboundFrom(1, "rule5-call-b");
    InboundMessage c = inboundFrom(2, "rule5-call-c");
    assertSenders(a, c);
    assertThat(b.conversationKey())
        .as("rule 5 (calls): two calls of one customer got the same conversation key; each call"
            + " is its own conversation, so derive the key from the call's own id (a SIP"
            + " Call-ID), not from the caller")
        .isNotEqualTo(a.conversationKey());
    assertThat(c.conversationKey())
        .as("rule 5 (calls): calls of two different customers got the same conversation key")
        .isNotEqualTo(a.conversationKey());
  }

  /** Rule 5's sender: {@code first} came from customer 1, {@code second} from customer 2. */
  private void assertSenders(InboundMessage first, InboundMessage second) {
    assertThat(first.sender())
        .as("rule 5 (sender): the sender must be the customer's identity on the channel, with the"
            + " scheme and normalisation of customerIdentity(n)")
        .isEqualTo(customerIdentity(1));
    assertThat(second.sender()).as("rule 5 (sender): the second customer's identity")
        .isEqualTo(customerIdentity(2));
  }

  // ------------------------------------------------------------------ rules 6, 7

  @Test
  void required_rule6_deliverReturnsPromptlyAndNeverThrows() throws Exception {
    start();
    InboundMessage in = inboundFrom(1, "rule6-in");
    OutboundMessage reply = replyTo(in, "rule6-reply");
    long began = System.nanoTime();
    CompletionStage<DeliveryReceipt> stage;
    try {
      stage = adapter.deliver(reply);
    } catch (RuntimeException e) {
      throw new AssertionError("rule 6 (deliver does not block): deliver() threw " + e
          + "; complete the returned stage exceptionally instead", e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    assertThat(stage).as("rule 6 (deliver does not block): deliver() returned null").isNotNull();
    assertThat(took)
        .as("rule 6 (deliver does not block): deliver() took %s to return; send on the adapter's"
            + " own threads and return the stage at once", took)
        .isLessThan(DELIVER_RETURNS_WITHIN);
    await(stage, "rule 7 (every delivery completes)");
  }

  @Test
  void required_rule7_everyDeliveryCompletes() throws Exception {
    start();
    InboundMessage in = inboundFrom(1, "rule7-in");
    await(adapter.deliver(replyTo(in, "rule7-reply")), "rule 7 (every delivery completes)");
    OutboundMessage elsewhere = OutboundMessage.builder()
        .deliveryId(nextDeliveryId()).conversationKey("tck-never-opened-" + UUID.randomUUID())
        .recipient(customerIdentity(3)).body("rule7-elsewhere").agentId("agent-1").build();
    await(adapter.deliver(elsewhere), "rule 7 (every delivery completes)");
  }

  // ------------------------------------------------------------------ rule 8

  @Test
  void required_rule8_rejectedInboundDoesNotStopTheAdapter() throws Exception {
    start();
    context.rejectNext(1, "tck: rejected on purpose");
    send(1, "t1", "rule8-rejected");
    awaitReport(body("rule8-rejected"),
        "rule 8 (rejections): the message the TCK meant to reject was never reported");
    send(2, "t1", "rule8-after");
    awaitReport(body("rule8-after").and(r -> r.result().owned()),
        "rule 8 (rejections): after the context rejected one message the adapter reported no"
            + " later message; keep running after a rejection");
    assertThat(reportsOf("rule8-rejected"))
        .as("rule 8 (rejections): the rejected message was reported again and again; do not"
            + " retry a rejected message in a tight loop")
        .hasSizeLessThanOrEqualTo(10);
  }

  // ------------------------------------------------------------------ rule 9

  @Test
  void required_rule9_unknownConversationFailsPermanentlyWithoutOutbound() throws Exception {
    assumeTrue(!adapter.traits().startsOutbound(),
        "rule 9 (unknown conversation) skipped: the adapter starts outbound contact, so a new"
            + " conversation key is allowed (see rule 15)");
    start();
    OutboundMessage unknown = OutboundMessage.builder()
        .deliveryId(nextDeliveryId()).conversationKey("tck-never-opened-" + UUID.randomUUID())
        .recipient(customerIdentity(3)).body("rule9-unknown").agentId("agent-1").build();
    expectPermanent(adapter.deliver(unknown),
        "rule 9 (typed failures): delivering to a conversation no customer opened, on an adapter"
            + " that does not start outbound contact");
  }

  @Test
  void optional_rule9_undeliverableRecipientFailsPermanently() throws Exception {
    Optional<ChannelIdentity> bad = undeliverableRecipient();
    assumeTrue(bad.isPresent(),
        "rule 9 (undeliverable recipient) skipped: the harness names no undeliverableRecipient()");
    start();
    InboundMessage in = inboundFrom(1, "rule9-in");
    OutboundMessage message = OutboundMessage.builder()
        .deliveryId(nextDeliveryId()).conversationKey(in.conversationKey())
        .recipient(bad.get()).body("rule9-undeliverable").agentId("agent-1").build();
    expectPermanent(adapter.deliver(message),
        "rule 9 (typed failures): delivering to undeliverable recipient " + bad.get());
  }

  // ------------------------------------------------------------------ rule 10

  @Test
  void required_rule10_successfulDeliveryReachesTheCustomerWithAReceipt() throws Exception {
    assumeProfile(TckProfile.MESSAGES, "rule 10 (receipts)");
    start();
    InboundMessage in = inboundFrom(1, "rule10-in");
    OutboundMessage reply = replyTo(in, "rule10-reply");
    DeliveryReceipt receipt = awaitReceipt(adapter.deliver(reply), "rule 10 (receipts)");
    assertThat(receipt)
        .as("rule 10 (receipts): a successful delivery must complete with a receipt").isNotNull();
    assertThat(receipt.deliveryId())
        .as("rule 10 (receipts): the receipt must carry the message's deliveryId")
        .isEqualTo(reply.deliveryId());
    awaitReceived(customerIdentity(1), "rule10-reply",
        "rule 10 (receipts): the delivery succeeded but customer 1 never received the body");
  }

  @Test
  void required_rule10_call_textReplyToACallFailsPermanently() throws Exception {
    assumeProfile(TckProfile.CALLS, "rule 10 (calls)");
    start();
    InboundMessage call = inboundFrom(1, "rule10-call");
    expectPermanent(adapter.deliver(replyTo(call, "rule10-call-reply")),
        "rule 10 (calls): a text reply into a call's conversation (a call carries no text, and"
            + " retrying cannot change that)");
  }

  // ------------------------------------------------------------------ rule 11

  @Test
  void optional_rule11_redeliveringADeliveryIdDoesNotSendTwice() throws Exception {
    assumeTrue(idempotentDelivery(),
        "rule 11 (idempotent delivery) skipped: the harness does not claim idempotentDelivery()");
    start();
    InboundMessage in = inboundFrom(1, "rule11-in");
    OutboundMessage reply = replyTo(in, "rule11-reply");
    awaitReceipt(adapter.deliver(reply), "rule 11 (idempotent delivery)");
    awaitReceipt(adapter.deliver(reply.withAttempt(2)), "rule 11 (idempotent delivery)");
    awaitReceived(customerIdentity(1), "rule11-reply", "rule 11: the reply never arrived");
    Thread.sleep(grace().toMillis());
    assertThat(received(customerIdentity(1), "rule11-reply"))
        .as("rule 11 (idempotent delivery): a message delivered twice with one deliveryId reached"
            + " the customer more than once")
        .hasSize(1);
  }

  // ------------------------------------------------------------------ rule 12

  @Test
  void required_rule12_concurrentDeliveriesAllArrive() throws Exception {
    assumeProfile(TckProfile.MESSAGES, "rule 12 (concurrent deliveries)");
    start();
    int agents = 5;
    List<OutboundMessage> replies = new ArrayList<>();
    for (int n = 1; n <= agents; n++) {
      InboundMessage in = inboundFrom(n, "rule12-in-" + n);
      replies.add(OutboundMessage.builder()
          .deliveryId(nextDeliveryId()).conversationKey(in.conversationKey())
          .recipient(in.sender()).body("rule12-reply-" + n).agentId("agent-" + n).build());
    }
    CyclicBarrier barrier = new CyclicBarrier(agents);
    List<CompletableFuture<CompletionStage<DeliveryReceipt>>> calls = new ArrayList<>();
    for (OutboundMessage reply : replies) {
      CompletableFuture<CompletionStage<DeliveryReceipt>> call = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try {
          barrier.await(patience().toMillis(), TimeUnit.MILLISECONDS);
          call.complete(adapter.deliver(reply));
        } catch (Throwable e) {
          call.completeExceptionally(e);
        }
      }, "tck-agent-" + reply.agentId());
      t.setDaemon(true);
      t.start();
      calls.add(call);
    }
    for (int i = 0; i < agents; i++) {
      CompletionStage<DeliveryReceipt> stage;
      try {
        stage = calls.get(i).get(patience().toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError("rule 12 (concurrent deliveries): deliver() called from "
            + agents + " threads at once threw " + e.getCause(), e.getCause());
      }
      DeliveryReceipt receipt = awaitReceipt(stage,
          "rule 12 (concurrent deliveries): of " + agents + " deliveries made at once, one");
      assertThat(receipt.deliveryId()).as("rule 12: receipt of a concurrent delivery")
          .isEqualTo(replies.get(i).deliveryId());
    }
    for (int n = 1; n <= agents; n++) {
      awaitReceived(customerIdentity(n), "rule12-reply-" + n,
          "rule 12 (concurrent deliveries): of " + agents + " replies sent at once by different"
              + " agents, the one to customer " + n + " never arrived");
    }
  }

  @Test
  void required_rule12_call_callsPlacedAtOnceAreAllReported() throws Exception {
    assumeProfile(TckProfile.CALLS, "rule 12 (calls)");
    start();
    int callers = 5;
    CyclicBarrier barrier = new CyclicBarrier(callers);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int n = 1; n <= callers; n++) {
      int customer = n;
      Thread t = new Thread(() -> {
        try {
          barrier.await(patience().toMillis(), TimeUnit.MILLISECONDS);
          send(customer, "t1", "rule12-call-" + customer);
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "tck-caller-" + n);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join(patience().toMillis());
    }
    assertThat(failures).as("rule 12 (calls): customerSends(...) failed for calls placed at once")
        .isEmpty();
    List<InboundMessage> calls = new ArrayList<>();
    for (int n = 1; n <= callers; n++) {
      InboundMessage call = awaitReport(body("rule12-call-" + n), "rule 12 (calls): of " + callers
          + " calls placed at once, the one from customer " + n + " was never reported").message();
      assertThat(call.sender()).as("rule 12 (calls): the caller of call " + n)
          .isEqualTo(customerIdentity(n));
      calls.add(call);
    }
    assertThat(calls).extracting(InboundMessage::conversationKey)
        .as("rule 12 (calls): calls placed at once must each have their own conversation key")
        .doesNotHaveDuplicates();
    assertThat(calls).extracting(InboundMessage::idempotencyKey)
        .as("rule 12 (calls): calls placed at once must each have their own idempotency key")
        .doesNotHaveDuplicates();
  }

  // ------------------------------------------------------------------ rule 13

  @Test
  void required_rule13_stopDrainsDeliveriesInFlight() throws Exception {
    start();
    InboundMessage in = inboundFrom(1, "rule13-in");
    CompletionStage<DeliveryReceipt> inFlight = adapter.deliver(replyTo(in, "rule13-reply"));
    awaitReturn(this::stop, "rule 13 (stop drains): stop() did not return");
    assertThat(inFlight.toCompletableFuture().isDone())
        .as("rule 13 (stop drains): stop() returned while a delivery was still in flight; wait"
            + " for deliveries to complete (or fail them) before returning")
        .isTrue();
    CompletionStage<DeliveryReceipt> late = adapter.deliver(replyTo(in, "rule13-late"));
    Throwable failure = awaitFailure(late,
        "rule 13 (stop drains): deliver() after stop() must fail with a retryable"
            + " DeliveryException, but it");
    assertThat(failure)
        .as("rule 13 (stop drains): deliver() after stop() failed with %s; expected a retryable"
            + " DeliveryException", failure)
        .isInstanceOf(DeliveryException.class);
    assertThat(((DeliveryException) failure).retryable())
        .as("rule 13 (stop drains): deliver() after stop() failed permanently; it must be"
            + " retryable, since a restarted adapter can deliver it")
        .isTrue();
  }

  // ------------------------------------------------------------------ rule 14

  @Test
  void required_rule14_reportsUpOnceStarted() throws Exception {
    start();
    awaitCondition(() -> context.healthReports().contains(Health.up()),
        "rule 14 (health): the adapter never reported Health.up() after start; report it once"
            + " connected");
  }

  // ------------------------------------------------------------------ rule 15

  @Test
  void optional_rule15_outboundContactReachesANewRecipient() throws Exception {
    assumeTrue(adapter.traits().startsOutbound(),
        "rule 15 (outbound contact) skipped: the adapter's traits do not start outbound contact");
    start();
    OutboundMessage contact = OutboundMessage.builder()
        .deliveryId(nextDeliveryId()).conversationKey("tck-outbound-" + UUID.randomUUID())
        .recipient(customerIdentity(3)).body("rule15-contact").agentId("agent-1").build();
    DeliveryReceipt receipt = awaitReceipt(adapter.deliver(contact), "rule 15 (outbound contact)");
    assertThat(receipt.deliveryId()).as("rule 15: the receipt's deliveryId")
        .isEqualTo(contact.deliveryId());
    awaitReceived(customerIdentity(3), "rule15-contact",
        "rule 15 (outbound contact): customer 3 never received the outbound message");
  }

  // ------------------------------------------------------------------ rule 16

  @Test
  void optional_rule16_attachmentsAreReported() throws Exception {
    assumeTrue(supportsAttachments(),
        "rule 16 (attachments) skipped: the harness does not claim supportsAttachments()");
    start();
    byte[] content = "hello from the TCK".getBytes(StandardCharsets.UTF_8);
    customerSends(adapter, new CustomerMessage(customerIdentity(1), "t1", "rule16-in",
        nextUpstreamId(), List.of(new TckAttachment("tck.txt", "text/plain", content))));
    InboundMessage in = awaitReport(body("rule16-in"), "rule 16: the message was not reported")
        .message();
    assertThat(in.attachments())
        .as("rule 16 (attachments): a message with one attachment was reported with %s",
            in.attachments())
        .hasSize(1);
    Attachment a = in.attachments().get(0);
    assertThat(a.name()).as("rule 16 (attachments): the file name").isEqualTo("tck.txt");
    assertThat(a.mediaType()).as("rule 16 (attachments): the media type")
        .startsWith("text/plain");
    assertThat(a.sizeBytes()).as("rule 16 (attachments): the size").isPositive();
  }

  // ------------------------------------------------------------------ rule 17

  @Test
  void required_rule17_acknowledgesUpstreamOnlyOnceTheHostOwnsTheMessage() throws Exception {
    assumeTrue(observesAcknowledgement(), "rule 17 (acknowledge after ownership) skipped: the"
        + " harness does not observe upstream acknowledgement; override observesAcknowledgement()"
        + " and acknowledgedUpstream(...)");
    start();
    context.holdAnswers();
    CustomerMessage m = message(1, "t1", "rule17-held", nextUpstreamId());
    // the protocol may wait for the host's answer before it returns (a webhook), so send aside
    Thread sender = new Thread(() -> {
      try {
        customerSends(adapter, m);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, "tck-rule17-sender");
    sender.setDaemon(true);
    sender.start();
    awaitReport(body("rule17-held"), "rule 17 (acknowledge after ownership): the message was"
        + " not reported");
    long until = System.nanoTime() + grace().toNanos();
    while (System.nanoTime() - until < 0) {
      assertThat(acknowledged(m))
          .as("rule 17 (acknowledge after ownership): the message was acknowledged upstream"
              + " while the host's answer was still pending; acknowledge only once the stage"
              + " inbound() returned completes with an owned result")
          .isFalse();
      Thread.sleep(10);
    }
    context.releaseAnswers();
    awaitCondition(() -> acknowledged(m), "rule 17 (acknowledge after ownership): the host"
        + " accepted the message but the adapter never acknowledged it upstream");
    sender.join(patience().toMillis());
  }

  private boolean acknowledged(CustomerMessage m) {
    try {
      return acknowledgedUpstream(adapter, m);
    } catch (Exception e) {
      throw new AssertionError("rule 17: acknowledgedUpstream(...) threw " + e, e);
    }
  }

  // ------------------------------------------------------------------ helpers

  private final AtomicInteger upstreamIds = new AtomicInteger();

  private void assumeProfile(TckProfile applies, String rule) {
    assumeTrue(profile() == applies, rule + " skipped: it applies to the " + applies
        + " profile and the harness's profile() is " + profile());
  }

  private String nextUpstreamId() {
    return "tck-upstream-" + UUID.randomUUID() + "-" + upstreamIds.incrementAndGet();
  }

  private String nextDeliveryId() {
    return "tck-delivery-" + deliveries.incrementAndGet() + "-" + UUID.randomUUID();
  }

  private CustomerMessage message(int customer, String thread, String body, String upstreamId) {
    return new CustomerMessage(customerIdentity(customer), thread, body, upstreamId, List.of());
  }

  private void send(int customer, String thread, String body) throws Exception {
    customerSends(adapter, message(customer, thread, body, nextUpstreamId()));
  }

  private InboundMessage inboundFrom(int customer, String body) throws Exception {
    send(customer, "t1", body);
    return awaitReport(body(body), "a message customer " + customer
        + " sent was never reported to the context (rules 3 and 5)").message();
  }

  private OutboundMessage replyTo(InboundMessage in, String body) {
    return OutboundMessage.builder()
        .deliveryId(nextDeliveryId()).conversationKey(in.conversationKey())
        .recipient(in.sender()).body(body).agentId("agent-1").build();
  }

  private static Predicate<Report> body(String body) {
    return r -> r.message().body().contains(body);
  }

  private List<InboundMessage> reportsOf(String body) {
    return context.reports().stream().filter(body(body)).map(Report::message).toList();
  }

  private Report awaitReport(Predicate<Report> which, String failure) throws InterruptedException {
    long deadline = System.nanoTime() + patience().toNanos();
    while (true) {
      for (Report r : context.reports()) {
        if (which.test(r)) {
          return r;
        }
      }
      if (System.nanoTime() > deadline) {
        return fail(failure + " within " + patience());
      }
      Thread.sleep(10);
    }
  }

  private void awaitCondition(BooleanSupplier condition, String failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience().toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(failure + " within " + patience());
      }
      Thread.sleep(10);
    }
  }

  private List<ReceivedMessage> received(ChannelIdentity to, String body) throws Exception {
    return customersReceived(adapter).stream()
        .filter(m -> m.to().equals(to) && m.body().contains(body)).toList();
  }

  private void awaitReceived(ChannelIdentity to, String body, String failure) throws Exception {
    long deadline = System.nanoTime() + patience().toNanos();
    while (received(to, body).isEmpty()) {
      if (System.nanoTime() > deadline) {
        fail(failure + " within " + patience() + "; customers received: "
            + customersReceived(adapter));
      }
      Thread.sleep(10);
    }
  }

  private void awaitReturn(Runnable action, String failure) throws InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        action.run();
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "tck-call");
    t.setDaemon(true);
    t.start();
    try {
      done.get(patience().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      fail(failure + " within " + patience());
    } catch (ExecutionException e) {
      throw new AssertionError(failure + ": it threw " + e.getCause(), e.getCause());
    }
  }

  /** Waits for the stage to complete either way; returns its failure or null. */
  private Throwable await(CompletionStage<DeliveryReceipt> stage, String rule)
      throws InterruptedException {
    assertThat(stage).as(rule + ": deliver() returned null").isNotNull();
    try {
      stage.toCompletableFuture().get(patience().toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (TimeoutException e) {
      return fail(rule + ": the stage deliver() returned did not complete within " + patience()
          + "; complete every delivery, successfully or with a DeliveryException");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private DeliveryReceipt awaitReceipt(CompletionStage<DeliveryReceipt> stage, String rule)
      throws InterruptedException {
    Throwable failure = await(stage, rule);
    if (failure != null) {
      throw new AssertionError(rule + ": a delivery that should succeed failed with " + failure,
          failure);
    }
    return stage.toCompletableFuture().join();
  }

  private Throwable awaitFailure(CompletionStage<DeliveryReceipt> stage, String rule)
      throws InterruptedException {
    Throwable failure = await(stage, rule);
    if (failure == null) {
      fail(rule + " succeeded");
    }
    return failure;
  }

  private void expectPermanent(CompletionStage<DeliveryReceipt> stage, String what)
      throws InterruptedException {
    Throwable failure = await(stage, what);
    if (failure == null) {
      fail(what + " succeeded; it must fail with a permanent DeliveryException");
    }
    if (!(failure instanceof DeliveryException de)) {
      throw new AssertionError(what + " failed with " + failure
          + "; it must fail with DeliveryException.permanent(...), so the host does not retry",
          failure);
    }
    assertThat(de.retryable())
        .as(what + " failed retryably (%s); it must fail with DeliveryException.permanent(...),"
            + " since retrying cannot help", de.getMessage())
        .isFalse();
  }
}
