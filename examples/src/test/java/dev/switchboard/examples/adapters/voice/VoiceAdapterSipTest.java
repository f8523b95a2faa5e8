package dev.switchboard.examples.adapters.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.EngineSnapshot.ItemView;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.Target;
import dev.switchboard.TransferTarget;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.event.RoutingEvent.ItemTransferred;
import dev.switchboard.event.RoutingEvent.OfferRejected;
import dev.switchboard.event.RoutingEvent.OfferTimedOut;
import dev.switchboard.examples.adapters.FloodLimit;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.Journals;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The voice adapter against real SIP user agents: SIPp plays the customers' and the agents'
 * phones on loopback, and {@link RtpPeer}s stand in for their audio, so what each party hears is
 * checked for the other's tone (Goertzel), not assumed.
 */
class VoiceAdapterSipTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String QUEUE_NUMBER = "100";
  private static final String CUSTOMER = "+15551230001";
  private static final double HOLD_HZ = 440;
  private static final double CALLER_HZ = 1000;
  private static final double AGENT_HZ = 1500;
  private static final double UNA_HZ = 2000;
  /** 200 ms of audio: enough for Goertzel to tell 440, 1000 and 1500 Hz apart. */
  private static final int WINDOW = 1600;
  /** The agents' SIP passwords, as the edge knows them and their phones use them. */
  private static final Map<String, String> PASSWORDS =
      Map.of("ted", "ted-secret", "una", "una-secret");

  @TempDir Path dir;

  private final List<RoutingEvent> events = new ArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private VoiceAdapter voice;
  private Switchboard sb;
  private int sipPort;
  private int maxCalls = 200;
  private Journal journal;
  private String trunkSource;
  private String[] digestAlgorithms;

  @BeforeEach
  void requireSipp() {
    Sipp.require();
  }

  private void start(FloodLimit callsPerSource) throws Exception {
    start(callsPerSource, Duration.ofSeconds(10), RoutingPolicy.of(
        PolicyStep.untilAnswered(Target.requiredSkills())));
  }

  /** Starts the engine with the voice adapter feeding {@code policy}'s queue. */
  private void start(FloodLimit callsPerSource, Duration offerTimeout, RoutingPolicy policy)
      throws Exception {
    sipPort = Sipp.freePort();
    Path hold = dir.resolve("hold.wav");
    writeTone(hold, HOLD_HZ, 8000);
    VoiceSettings.Builder settings = VoiceSettings.builder().sipPort(sipPort)
        .queueNumber(QUEUE_NUMBER).holdAudio(hold).callsPerSource(callsPerSource)
        .maxCalls(maxCalls).credentials(PASSWORDS);
    if (trunkSource != null) {
      settings.trunkSource(trunkSource);
    }
    if (digestAlgorithms != null) {
      settings.digestAlgorithms(digestAlgorithms);
    }
    voice = new VoiceAdapter("voice-edge", settings.build());
    sb = engine(voice, offerTimeout, policy);
    voice.attach(sb);
    toClose.add(0, sb);
  }

  /** An engine, on {@link #journal} when a test set one, whose queue the adapter feeds. */
  private Switchboard engine(VoiceAdapter adapter, Duration offerTimeout, RoutingPolicy policy) {
    SwitchboardBuilder builder = Switchboard.builder().offerTimeout(offerTimeout)
        .listener(this::record).listener(adapter.listener()).queue("calls", policy)
        .adapter(adapter, "calls");
    if (journal != null) {
      builder.journal(journal);
    }
    return builder.build();
  }

  private void start() throws Exception {
    start(new FloodLimit(10, Duration.ofSeconds(1)));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  @Test
  void call_ringsTheBestAgent_connects_andEachSideHearsTheOther() throws Exception {
    start();
    RtpPeer tedAudio = peer();
    Sipp tedPhone = phone("ted", Scenarios.agentAnswers(tedAudio.port()));
    Sipp unaPhone = phone("una", Scenarios.agentAnswers(peer().port()));
    available("ted"); // first available: the longest idle, the best agent
    available("una");
    RtpPeer caller = peer();
    caller.sendTone(CALLER_HZ);
    tedAudio.sendTone(AGENT_HZ);

    Sipp call = sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, caller.port(),
        6000));

    ItemAssigned assigned = awaitEvent(ItemAssigned.class);
    assertThat(assigned.agentId()).isEqualTo("ted");
    int callerMark = caller.heardSamples();
    int agentMark = tedAudio.heardSamples();
    awaitCondition("ted hears the customer's tone", () -> hears(tedAudio, agentMark, CALLER_HZ));
    awaitCondition("the customer hears ted's tone", () -> hears(caller, callerMark, AGENT_HZ));
    short[] tedHeard = tedAudio.heardSince(tedAudio.heardSamples() - WINDOW);
    assertThat(RtpPeer.toneShare(tedHeard, AGENT_HZ)).as("ted's own tone echoed").isLessThan(0.1);

    call.awaitSuccess(WAIT);
    tedPhone.awaitSuccess(WAIT); // it received the BYE the customer's hang-up caused
    ItemCompleted completed = awaitEvent(ItemCompleted.class);
    assertThat(completed.agentId()).isEqualTo("ted");
    assertThat(completed.itemId()).isEqualTo(assigned.itemId());
    assertThat(events(ItemOffered.class)).extracting(ItemOffered::agentId).containsExactly("ted");
    assertThat(unaPhone.running()).as("una's phone never rang, so still waits").isTrue();
    ItemSubmitted submitted = awaitEvent(ItemSubmitted.class);
    assertThat(submitted.item().channel()).isEqualTo(Channel.VOICE);
  }

  @Test
  void baresipSoftphone_registers_answers_andEachSideHearsTheOther() throws Exception {
    Baresip.require();
    start();
    Baresip ted = baresipAgent("ted");
    RtpPeer caller = peer();
    caller.sendTone(CALLER_HZ);

    Sipp call = sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, caller.port(),
        4000));

    assertThat(awaitEvent(ItemAssigned.class).agentId()).isEqualTo("ted");
    int callerMark = caller.heardSamples();
    awaitCondition("the customer hears ted's microphone", () -> hears(caller, callerMark,
        AGENT_HZ));
    call.awaitSuccess(WAIT);
    assertThat(awaitEvent(ItemCompleted.class).agentId()).isEqualTo("ted");
    assertHeardOnly(ted, "ted", CALLER_HZ, AGENT_HZ);
  }

  @Test
  void baresipCustomer_callsTheQueueNumber_reachesABaresipAgent_andEachHearsTheOther()
      throws Exception {
    Baresip.require();
    start();
    Baresip ted = baresipAgent("ted");
    Path microphone = dir.resolve("customer-microphone.wav");
    writeTone(microphone, CALLER_HZ, 8000 * 30);

    // the customer's softphone dials the queue number as it starts and hangs up as it quits
    Baresip customer = Baresip.caller(dir.resolve("customer"), CUSTOMER, QUEUE_NUMBER,
        Baresip.freePort(), sipPort, microphone, Duration.ofSeconds(10));
    toClose.add(0, customer);

    ItemSubmitted submitted = awaitEvent(ItemSubmitted.class);
    assertThat(submitted.item().channel()).isEqualTo(Channel.VOICE);
    ItemAssigned assigned = awaitEvent(ItemAssigned.class);
    assertThat(assigned.agentId()).isEqualTo("ted");
    ItemCompleted completed = awaitEvent(ItemCompleted.class);
    assertThat(completed.itemId()).isEqualTo(assigned.itemId());
    assertThat(completed.agentId()).isEqualTo("ted");
    assertHeardOnly(ted, "ted", CALLER_HZ, AGENT_HZ);
    // the customer first hears the hold audio; once ted answers, ted
    assertHeardOnly(customer, "the customer", AGENT_HZ, CALLER_HZ);
    awaitCondition("the customer's softphone quits at its limit", () -> !customer.running());
  }

  /** Starts a baresip softphone for {@code agent}, speaking 1500 Hz, registered and available. */
  private Baresip baresipAgent(String agent) throws Exception {
    Path microphone = dir.resolve(agent + "-microphone.wav");
    writeTone(microphone, AGENT_HZ, 8000 * 30);
    Baresip phone = Baresip.agent(dir.resolve(agent), agent, PASSWORDS.get(agent),
        Baresip.freePort(), sipPort, microphone, Duration.ofSeconds(60));
    toClose.add(0, phone);
    awaitCondition(agent + "'s softphone registers or quits",
        () -> voice.registered(agent) || !phone.running());
    if (!voice.registered(agent)) {
      fail(agent + "'s softphone quit unregistered; its log:\n" + phone.log());
    }
    available(agent);
    return phone;
  }

  /**
   * Once the softphone closed its recording at the call's end, its last second carries
   * {@code hertz} and not its own {@code ownHertz}.
   */
  private static void assertHeardOnly(Baresip phone, String who, double hertz, double ownHertz)
      throws Exception {
    int[] rate = {8000};
    // the recording's length is in its header only once the phone closes it, at the call's end
    awaitCondition(who + "'s softphone closed its recording of over a second", () -> {
      try {
        Optional<Path> file = phone.heard();
        return file.isPresent() && Baresip.samples(file.get(), rate).length > rate[0];
      } catch (IOException e) {
        return false;
      }
    });
    short[] heard = Baresip.samples(phone.heard().orElseThrow(), rate);
    short[] last = Arrays.copyOfRange(heard, heard.length - rate[0], heard.length);
    assertThat(RtpPeer.toneShare(last, hertz, rate[0])).as("the other's tone in " + who + "'s ear")
        .isGreaterThan(0.5);
    assertThat(RtpPeer.toneShare(last, ownHertz, rate[0])).as(who + "'s own tone echoed")
        .isLessThan(0.1);
  }

  @Test
  void busyPhone_reOffersTheCallToTheNextAgent_whoAnswers() throws Exception {
    start();

    tedMissesTheCall_unaTakesIt(Scenarios.agentBusy(), OfferRejected.class);

    assertThat(awaitEvent(OfferRejected.class).agentId()).isEqualTo("ted");
    assertThat(voice.counters().agentsDeclined()).isEqualTo(1);
  }

  @Test
  void phoneRingingPastTheOfferTimeout_isCancelled_andTheCallReOffered() throws Exception {
    start(new FloodLimit(10, Duration.ofSeconds(1)), Duration.ofSeconds(2), RoutingPolicy.of(
        PolicyStep.untilAnswered(Target.requiredSkills())));

    // ted's phone ends its scenario only after the CANCEL, to which it answers 487
    tedMissesTheCall_unaTakesIt(Scenarios.agentRingsUnanswered(), OfferTimedOut.class);

    assertThat(awaitEvent(OfferTimedOut.class).agentId()).isEqualTo("ted");
    assertThat(events(OfferRejected.class)).isEmpty();
  }

  @Test
  void agentWithoutARegisteredPhone_isSkippedAsUnreachable() throws Exception {
    start();
    Sipp unaPhone = phone("una", Scenarios.agentAnswers(peer().port()));
    available("ted"); // the best agent, but no phone registered
    available("una");

    Sipp call = sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, peer().port(),
        2000));

    assertThat(awaitEvent(OfferRejected.class).agentId()).isEqualTo("ted");
    assertThat(awaitEvent(ItemAssigned.class).agentId()).isEqualTo("una");
    call.awaitSuccess(WAIT);
    unaPhone.awaitSuccess(WAIT);
    assertThat(voice.counters().agentsUnreachable()).isEqualTo(1);
  }

  @Test
  void callThroughKamailio_asTheTrunkFacingProxy_reachesTheAgent_andEndsThroughIt()
      throws Exception {
    Kamailio.require();
    start();
    Kamailio proxy = proxy();

    callThrough(proxy, Scenarios::agentAnswers,
        port -> Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, port, 3000), true);

    assertThat(proxy.relayed()).as("the call's requests, as Kamailio relayed them")
        .containsSubsequence("INVITE", "ACK", "BYE");
    assertThat(proxy.relayedFrom("BYE")).as("the customer's BYE, not the B2BUA's")
        .doesNotContain("127.0.0.1:" + sipPort);
    assertThat(proxy.running()).isTrue();
  }

  @Test
  void agentHangsUpACallThroughKamailio_theByeToTheCallerFollowsTheRecordedRoute()
      throws Exception {
    Kamailio.require();
    start();
    Kamailio proxy = proxy();

    // audio through the proxy is the other Kamailio test's check: here ted hangs up after 3 s,
    // which on a loaded machine can come before both tones were heard
    callThrough(proxy, port -> Scenarios.agentHangsUp(port, 3000),
        port -> Scenarios.customerCallsUntilHungUp(CUSTOMER, QUEUE_NUMBER, port), false);

    // the caller's SIPp knows only Kamailio, and got the BYE: the B2BUA sent it by the route
    // Kamailio recorded, not to the Contact the INVITE carried
    assertThat(proxy.relayedFrom("BYE")).as("BYEs Kamailio relayed, by their source")
        .containsExactly("127.0.0.1:" + sipPort);
    assertThat(proxy.running()).isTrue();
  }

  /** Kamailio on a free loopback port as the trunk-facing proxy in front of the adapter. */
  private Kamailio proxy() throws Exception {
    Kamailio proxy = Kamailio.start(dir.resolve("kamailio"), Sipp.freePort(), sipPort);
    toClose.add(0, proxy);
    return proxy;
  }

  /**
   * ted's phone plays {@code tedScenario} (given its audio port) and a customer who knows only
   * {@code proxy} plays {@code customerScenario} (given the customer's audio port): the call is
   * queued, rings ted, audio flows both ways (checked when {@code checkAudio}), both scenarios end
   * well and ted's item completes.
   */
  private void callThrough(Kamailio proxy, IntFunction<String> tedScenario,
      IntFunction<String> customerScenario, boolean checkAudio) throws Exception {
    RtpPeer tedAudio = speaking(AGENT_HZ);
    Sipp tedPhone = phone("ted", tedScenario.apply(tedAudio.port()));
    available("ted");
    RtpPeer caller = speaking(CALLER_HZ);

    // the customer's carrier knows only the proxy: every request of the call goes to it
    Sipp call = Sipp.start(dir, "customer-via-proxy", customerScenario.apply(caller.port()),
        Sipp.freePort(), "127.0.0.1:" + proxy.port(), WAIT);
    toClose.add(0, call);

    ItemAssigned assigned = awaitEvent(ItemAssigned.class);
    assertThat(assigned.agentId()).isEqualTo("ted");
    assertThat(awaitEvent(ItemSubmitted.class).item().channel()).isEqualTo(Channel.VOICE);
    if (checkAudio) {
      int callerMark = caller.heardSamples();
      int agentMark = tedAudio.heardSamples();
      awaitCondition("ted hears the proxied caller", () -> hears(tedAudio, agentMark, CALLER_HZ));
      awaitCondition("the proxied caller hears ted", () -> hears(caller, callerMark, AGENT_HZ));
    }
    call.awaitSuccess(WAIT);
    tedPhone.awaitSuccess(WAIT);
    ItemCompleted completed = awaitEvent(ItemCompleted.class);
    assertThat(completed.itemId()).isEqualTo(assigned.itemId());
    assertThat(completed.agentId()).isEqualTo("ted");
  }

  @Test
  void knownCaller_reachesTheAgentWhoAnsweredThemLast_beforeTheLongestIdle() throws Exception {
    // the queue tries the customer's recent agents first, as on every other channel
    start(new FloodLimit(10, Duration.ofSeconds(1)), Duration.ofSeconds(10), RoutingPolicy.of(
        PolicyStep.waitFor(Target.recentAgents(), Duration.ofSeconds(30)),
        PolicyStep.untilAnswered(Target.requiredSkills())));
    int unaPort = Sipp.freePort();
    Sipp tedPhone = phone("ted", Scenarios.agentBusy());
    Sipp unaPhone = phone("una", Scenarios.agentAnswers(peer().port()), unaPort);
    available("ted");
    available("una");
    sipp("first-call", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, peer().port(), 1000))
        .awaitSuccess(WAIT);
    tedPhone.awaitSuccess(WAIT);
    unaPhone.awaitSuccess(WAIT);
    String first = awaitEvent(ItemCompleted.class).itemId();
    assertThat(awaitEvent(ItemAssigned.class).agentId()).isEqualTo("una");
    // ted was offered work longer ago than una, so he is the longest idle; but the caller is
    // una's customer now
    Sipp unaAgain = Sipp.start(dir, "una-phone-2", Scenarios.agentAnswers(peer().port()),
        unaPort, null, WAIT);
    toClose.add(0, unaAgain);

    sipp("second-call", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, peer().port(), 1000))
        .awaitSuccess(WAIT);

    unaAgain.awaitSuccess(WAIT);
    String second = awaitEvent(ItemCompleted.class, c -> !c.itemId().equals(first)).itemId();
    assertThat(events(ItemOffered.class)).filteredOn(o -> o.itemId().equals(second))
        .extracting(ItemOffered::agentId).containsExactly("una");
  }

  @Test
  void agentsTransfer_reachesTheSecondAgent_whomTheCallerThenHears() throws Exception {
    start();
    RtpPeer tedAudio = peer();
    RtpPeer unaAudio = peer();
    Sipp tedPhone = phone("ted", Scenarios.agentTransfers(tedAudio.port(), 1000, "una"));
    Sipp unaPhone = phone("una", Scenarios.agentAnswers(unaAudio.port()));
    available("ted");
    available("una");
    RtpPeer caller = peer();
    caller.sendTone(CALLER_HZ);
    tedAudio.sendTone(AGENT_HZ);
    unaAudio.sendTone(UNA_HZ);

    Sipp call = sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, caller.port(),
        6000));

    assertThat(awaitEvent(ItemAssigned.class).agentId()).isEqualTo("ted");
    tedPhone.awaitSuccess(WAIT); // REFER answered 202, then NOTIFY and BYE
    assertThat(awaitEvent(ItemTransferred.class).fromAgent()).contains("ted");
    assertThat(awaitEvent(ItemAssigned.class, a -> !a.agentId().equals("ted")).agentId())
        .isEqualTo("una");
    int callerMark = caller.heardSamples();
    awaitCondition("una hears the customer", () -> hears(unaAudio, 0, CALLER_HZ));
    awaitCondition("the customer hears una", () -> hears(caller, callerMark, UNA_HZ));
    call.awaitSuccess(WAIT);
    unaPhone.awaitSuccess(WAIT);
    assertThat(awaitEvent(ItemCompleted.class).agentId()).isEqualTo("una");
  }

  @Test
  void attendedTransfer_isRefused501_andTheCallStaysWithTheAgent() throws Exception {
    start();
    RtpPeer tedAudio = speaking(AGENT_HZ);
    Sipp tedPhone = phone("ted", Scenarios.agentTransferRefused(tedAudio.port(), 500,
        "una?Replaces=consult-1%3Bto-tag%3Da%3Bfrom-tag%3Db", 501));
    available("ted");
    RtpPeer caller = speaking(CALLER_HZ);
    Sipp call = sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, caller.port(),
        4000));
    String itemId = awaitEvent(ItemAssigned.class).itemId();

    call.awaitSuccess(WAIT); // ted's REFER was refused half-way through the customer's call

    tedPhone.awaitSuccess(WAIT); // 501, then the BYE the customer's hang-up caused
    assertThat(events(ItemTransferred.class)).isEmpty();
    ItemCompleted completed = awaitEvent(ItemCompleted.class);
    assertThat(completed.itemId()).isEqualTo(itemId);
    assertThat(completed.agentId()).isEqualTo("ted");
    assertThat(caller.heardSince(0).length).isGreaterThan(WINDOW);
    short[] last = caller.heardSince(caller.heardSamples() - WINDOW);
    assertThat(RtpPeer.toneShare(last, AGENT_HZ)).as("ted, not the hold audio, at the end")
        .isGreaterThan(0.5);
  }

  @Test
  void supervisorMovesAConnectedCall_releasesTheFirstPhone_holdsTheCaller_andJoinsTheNext()
      throws Exception {
    start();
    RtpPeer tedAudio = speaking(AGENT_HZ);
    RtpPeer unaAudio = speaking(UNA_HZ);
    Sipp tedPhone = phone("ted", Scenarios.agentAnswers(tedAudio.port()));
    Sipp unaPhone = phone("una", Scenarios.agentAnswers(unaAudio.port()));
    available("ted"); // una has a phone but is not available yet: the moved call waits for her
    sb.addAgent(Agent.builder("una").capacity(Channel.VOICE, 1).build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    RtpPeer caller = speaking(CALLER_HZ);
    Sipp call = sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, caller.port(),
        8000));
    String itemId = awaitEvent(ItemAssigned.class).itemId();
    int talking = caller.heardSamples();
    awaitCondition("the customer hears ted", () -> hears(caller, talking, AGENT_HZ));

    sb.supervisor().moveItem(itemId, "una").toCompletableFuture().get(10, TimeUnit.SECONDS);

    tedPhone.awaitSuccess(WAIT); // the B2BUA's BYE ended ted's leg
    int moved = caller.heardSamples();
    awaitCondition("the customer hears the hold audio again", () -> hears(caller, moved,
        HOLD_HZ));
    assertThat(events(ItemOffered.class)).extracting(ItemOffered::agentId).containsExactly("ted");
    sb.setPresence("una", Presence.AVAILABLE).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(awaitEvent(ItemAssigned.class, a -> a.agentId().equals("una")).itemId())
        .isEqualTo(itemId);
    int joined = caller.heardSamples();
    awaitCondition("the customer hears una", () -> hears(caller, joined, UNA_HZ));
    awaitCondition("una hears the customer", () -> hears(unaAudio, 0, CALLER_HZ));
    call.awaitSuccess(WAIT);
    unaPhone.awaitSuccess(WAIT);
    assertThat(awaitEvent(ItemCompleted.class).agentId()).isEqualTo("una");
    assertThat(events(ItemCompleted.class)).hasSize(1);
  }

  @Test
  void hostTransfersARingingCall_cancelsThatPhone_andTheNextAgentAnswers() throws Exception {
    start();
    RtpPeer unaAudio = speaking(UNA_HZ);
    Sipp tedPhone = phone("ted", Scenarios.agentRingsUnanswered());
    Sipp unaPhone = phone("una", Scenarios.agentAnswers(unaAudio.port()));
    available("ted");
    available("una");
    RtpPeer caller = speaking(CALLER_HZ);
    Sipp call = sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, caller.port(),
        4000));
    ItemOffered offer = awaitEvent(ItemOffered.class);
    assertThat(offer.agentId()).isEqualTo("ted");

    sb.transfer(offer.itemId(), TransferTarget.agent("una")).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    tedPhone.awaitSuccess(WAIT); // CANCEL, answered 487
    assertThat(awaitEvent(ItemAssigned.class).agentId()).isEqualTo("una");
    int joined = caller.heardSamples();
    awaitCondition("the customer hears una", () -> hears(caller, joined, UNA_HZ));
    call.awaitSuccess(WAIT);
    unaPhone.awaitSuccess(WAIT);
    assertThat(awaitEvent(ItemCompleted.class).agentId()).isEqualTo("una");
    assertThat(events(OfferRejected.class)).as("the transfer is no rejection").isEmpty();
    assertThat(voice.counters().agentsDeclined()).isZero();
  }

  @Test
  void restartedHost_abandonsTheQueuedCallsItLost_andCompletesTheAnsweredOnes() throws Exception {
    journal = Journals.inMemory();
    start();
    phone("ted", Scenarios.agentAnswers(peer().port()));
    available("ted");
    sipp("answered", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, peer().port(), 30_000));
    String answered = awaitEvent(ItemAssigned.class).itemId();
    sipp("queued", Scenarios.customerCalls("+15551230002", QUEUE_NUMBER, peer().port(), 30_000));
    String queued = awaitEvent(ItemSubmitted.class, s -> !s.item().id().equals(answered)).item()
        .id();
    // the host goes down with both calls: their dialogs and audio go, their items stay journaled
    sb.close();
    VoiceAdapter again = new VoiceAdapter("voice-edge", VoiceSettings.builder()
        .sipPort(Sipp.freePort()).queueNumber(QUEUE_NUMBER).holdAudio(dir.resolve("hold.wav"))
        .credentials(PASSWORDS).build());
    Switchboard restarted = engine(again, Duration.ofSeconds(10),
        RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills())));
    toClose.add(0, restarted);
    EngineSnapshot recovered = restarted.snapshot().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(recovered.item(answered)).get().extracting(ItemView::state)
        .isEqualTo(ItemState.ASSIGNED);
    assertThat(recovered.item(queued)).get().extracting(ItemView::state)
        .isEqualTo(ItemState.QUEUED);

    again.attach(restarted);

    assertThat(awaitEvent(ItemAbandoned.class).itemId()).isEqualTo(queued);
    ItemCompleted completed = awaitEvent(ItemCompleted.class);
    assertThat(completed.itemId()).isEqualTo(answered);
    assertThat(completed.agentId()).isEqualTo("ted");
    assertThat(completed.outcome()).isEqualTo(Outcome.UNRESOLVED);
    EngineSnapshot after = restarted.snapshot().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(after.items()).extracting(v -> v.item().id()).doesNotContain(queued)
        .allSatisfy(id -> assertThat(id).isEqualTo(answered)); // at most in wrap-up
  }

  @Test
  void callerWhoHangsUpWhileQueued_abandonsTheItem_afterHearingTheHoldAudio() throws Exception {
    start(); // no agent is available: the call waits in the queue
    RtpPeer caller = peer();

    Sipp call = sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, caller.port(),
        1500));

    call.awaitSuccess(WAIT);
    ItemAbandoned abandoned = awaitEvent(ItemAbandoned.class);
    assertThat(abandoned.itemId()).isEqualTo(awaitEvent(ItemSubmitted.class).item().id());
    assertThat(caller.heardSamples()).as("samples of hold audio heard").isGreaterThan(WINDOW);
    short[] heard = caller.heardSince(0);
    assertThat(RtpPeer.toneShare(heard, HOLD_HZ)).as("share of the hold tone").isGreaterThan(0.5);
    assertThat(RtpPeer.toneShare(heard, CALLER_HZ)).isLessThan(0.1);
  }

  @Test
  void unknownNumberAndBadCaller_areRefused_andCounted_withoutAnItem() throws Exception {
    start();
    sipp("unknown", Scenarios.customerRefused(CUSTOMER, "999", peer().port(), 404))
        .awaitSuccess(WAIT);
    sipp("anonymous", Scenarios.customerRefused("anonymous", QUEUE_NUMBER, peer().port(), 403))
        .awaitSuccess(WAIT);

    assertThat(voice.counters().unknownNumber()).isEqualTo(1);
    assertThat(voice.counters().badCaller()).isEqualTo(1);
    assertThat(events(ItemSubmitted.class)).isEmpty();
  }

  @Test
  void floodOfCallsFromOneSource_isRefusedWith503_andTheAdmittedCallIsUndisturbed()
      throws Exception {
    start(new FloodLimit(1, Duration.ofHours(1)));

    secondCall_isRefused503_whileTheFirstGoesOn();

    assertThat(voice.counters().floodRefused()).isEqualTo(1);
    assertThat(voice.counters().overCapacity()).isZero();
  }

  @Test
  void callBeyondMaxCalls_isRefusedWith503_andCounted() throws Exception {
    maxCalls = 1;
    start();

    secondCall_isRefused503_whileTheFirstGoesOn();

    assertThat(voice.counters().overCapacity()).isEqualTo(1);
    assertThat(voice.counters().floodRefused()).isZero();
  }

  /** A first call is queued; a second is answered 503; the first goes on and is abandoned. */
  private void secondCall_isRefused503_whileTheFirstGoesOn() throws Exception {
    Sipp first = sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, peer().port(),
        3000));
    awaitEvent(ItemSubmitted.class);

    sipp("second", Scenarios.customerRefused("+15551230002", QUEUE_NUMBER, peer().port(), 503))
        .awaitSuccess(WAIT);

    first.awaitSuccess(WAIT);
    awaitEvent(ItemAbandoned.class);
    assertThat(events(ItemSubmitted.class)).hasSize(1);
  }

  @Test
  void phoneWithAWrongPassword_isRefused403_counted_andNotRegistered() throws Exception {
    start();

    sipp("una-register", Scenarios.register("una", Sipp.freePort(), "not-una-secret", 403))
        .awaitSuccess(WAIT);

    assertThat(voice.counters().badCredentials()).isEqualTo(1);
    assertThat(voice.registered("una")).isFalse();
  }

  @Test
  void registerWithoutCredentials_isChallenged_andAReplayedAnswerIsRefused() throws Exception {
    start();
    try (DatagramSocket phone = loopbackSocket()) {

      String challenge = exchange(phone, register(phone, 1, ""));

      assertThat(challenge).startsWith("SIP/2.0 401").contains("realm=\"127.0.0.1\"")
          .contains("qop=\"auth\"").containsIgnoringCase("algorithm=MD5");
      String nonce = digestParameter(challenge, "nonce");
      assertThat(nonce).matches("[0-9a-f]{32}");
      assertThat(voice.registered("ted")).isFalse();
      String uri = "sip:127.0.0.1:" + sipPort;
      String answer = "Authorization: Digest username=\"ted\", realm=\"127.0.0.1\", nonce=\""
          + nonce + "\", uri=\"" + uri + "\", response=\"" + SipDigest.response("ted",
              "127.0.0.1", PASSWORDS.get("ted"), "REGISTER", uri, nonce, "00000001", "0a4f113b",
              "auth") + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\"\r\n";
      assertThat(exchange(phone, register(phone, 2, answer))).startsWith("SIP/2.0 200");
      assertThat(voice.registered("ted")).isTrue();

      // whoever captured that REGISTER sends it again, as a new request
      String replayed = exchange(phone, register(phone, 3, answer));

      assertThat(replayed).startsWith("SIP/2.0 401");
      assertThat(digestParameter(replayed, "nonce")).isNotEqualTo(nonce);
      assertThat(voice.counters().badCredentials()).isZero();
    }
  }

  @Test
  void callFromOutsideTheTrunkNetworks_isRefused403_andCounted_withoutAnItem() throws Exception {
    trunkSource = "192.0.2.0/24"; // the carrier's network; the test's SIPp calls from loopback

    start();
    sipp("stranger", Scenarios.customerRefused(CUSTOMER, QUEUE_NUMBER, peer().port(), 403))
        .awaitSuccess(WAIT);

    assertThat(voice.counters().forbiddenSource()).isEqualTo(1);
    assertThat(voice.counters().floodRefused()).isZero();
    assertThat(events(ItemSubmitted.class)).isEmpty();
  }

  @Test
  void phoneAnsweringTheSha256Challenge_registers_andAnAlgorithmNotOfferedIsRefused()
      throws Exception {
    digestAlgorithms = new String[] {"SHA-256", "MD5"};
    start();
    try (DatagramSocket phone = loopbackSocket()) {
      String challenge = exchange(phone, register(phone, 1, ""));
      assertThat(challenge).containsPattern("(?i)WWW-Authenticate:.*algorithm=SHA-256(?s).*"
          + "WWW-Authenticate:.*algorithm=MD5"); // one challenge each, the preferred first
      String nonce = digestParameter(challenge, "SHA-256", "nonce");

      String answered = exchange(phone, register(phone, 2, authorization("SHA-256", nonce)));

      assertThat(answered).startsWith("SIP/2.0 200");
      assertThat(voice.registered("ted")).isTrue();
      String md5Nonce = digestParameter(exchange(phone, register(phone, 3, "")), "MD5", "nonce");
      assertThat(exchange(phone, register(phone, 4, authorization("MD5-sess", md5Nonce))))
          .startsWith("SIP/2.0 403");
      assertThat(voice.counters().badCredentials()).isEqualTo(1);
    }
  }

  /** ted's answer to {@code nonce} with {@code algorithm} (MD5-sess computed as plain MD5). */
  private String authorization(String algorithm, String nonce) {
    String uri = "sip:127.0.0.1:" + sipPort;
    String computedWith = algorithm.equals("SHA-256") ? "SHA-256" : "MD5";
    return "Authorization: Digest username=\"ted\", realm=\"127.0.0.1\", nonce=\"" + nonce
        + "\", uri=\"" + uri + "\", response=\"" + SipDigest.response(computedWith, "ted",
            "127.0.0.1", PASSWORDS.get("ted"), "REGISTER", uri, nonce, "00000001", "0a4f113b",
            "auth") + "\", algorithm=" + algorithm + ", qop=auth, nc=00000001,"
        + " cnonce=\"0a4f113b\"\r\n";
  }

  @Test
  void malformedSip_isAnswered400OrDropped_counted_andCallsGoOn() throws Exception {
    start();
    try (DatagramSocket attacker = loopbackSocket()) {
      String badCseq = "INVITE sip:100@127.0.0.1 SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:" + attacker.getLocalPort() + ";branch=z9hG4bKbad1\r\n"
          + "From: <sip:+15551230001@127.0.0.1>;tag=1\r\n"
          + "To: <sip:100@127.0.0.1>\r\n"
          + "Call-ID: bad-1\r\n"
          + "CSeq: not-a-number INVITE\r\n"
          + "Max-Forwards: 70\r\n"
          + "Content-Length: 0\r\n\r\n";
      send(attacker, badCseq);
      DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
      attacker.receive(answer);
      assertThat(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8))
          .startsWith("SIP/2.0 400");
      send(attacker, "\u0001\u0002 not SIP at all\r\n\r\n");
    }

    awaitCondition("both messages counted", () -> voice.counters().malformed() == 2);
    sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, peer().port(), 500))
        .awaitSuccess(WAIT);
    awaitEvent(ItemAbandoned.class);
    assertThat(events(ItemSubmitted.class)).hasSize(1);
  }

  // ------------------------------------------------------------------ helpers

  /** A REGISTER for ted from {@code phone}, a new transaction, with {@code authorization}. */
  private String register(DatagramSocket phone, int cseq, String authorization) {
    int port = phone.getLocalPort();
    return "REGISTER sip:127.0.0.1:" + sipPort + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bKreg" + cseq + "\r\n"
        + "From: <sip:ted@127.0.0.1:" + sipPort + ">;tag=reg\r\n"
        + "To: <sip:ted@127.0.0.1:" + sipPort + ">\r\n"
        + "Call-ID: register-ted\r\n"
        + "CSeq: " + cseq + " REGISTER\r\n"
        + "Contact: <sip:ted@127.0.0.1:" + port + ">\r\n"
        + authorization
        + "Expires: 300\r\n"
        + "Max-Forwards: 70\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /** A UDP socket on loopback whose receive fails after {@link #WAIT}. */
  private static DatagramSocket loopbackSocket() throws IOException {
    DatagramSocket s = new DatagramSocket(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    s.setSoTimeout((int) WAIT.toMillis());
    return s;
  }

  /** Sends {@code request} to the edge and returns its answer. */
  private String exchange(DatagramSocket from, String request) throws IOException {
    send(from, request);
    DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
    from.receive(answer);
    return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
  }

  /** A quoted parameter of the response's first WWW-Authenticate header. */
  private static String digestParameter(String response, String name) {
    return digestParameter(response, "", name);
  }

  /** A quoted parameter of the response's WWW-Authenticate header for {@code algorithm}. */
  private static String digestParameter(String response, String algorithm, String name) {
    for (String line : response.split("\r\n")) {
      Matcher m = Pattern.compile("(?i)WWW-Authenticate:.*[ ,]" + name + "=\"([^\"]*)\"")
          .matcher(line);
      if (m.find() && line.toLowerCase(Locale.ROOT)
          .contains("algorithm=" + algorithm.toLowerCase(Locale.ROOT))) {
        return m.group(1);
      }
    }
    return fail("no " + name + " for " + algorithm + " in " + response);
  }

  private void send(DatagramSocket from, String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    from.send(new DatagramPacket(bytes, bytes.length,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort)));
  }

  /**
   * ted (the longest idle) and una are available; ted's phone plays {@code tedScenario} and
   * una's answers; a customer calls: ted's offer ends with {@code tedMiss}, una connects, and
   * the customer's hang-up completes una's item.
   */
  private void tedMissesTheCall_unaTakesIt(String tedScenario,
      Class<? extends RoutingEvent> tedMiss) throws Exception {
    Sipp tedPhone = phone("ted", tedScenario);
    Sipp unaPhone = phone("una", Scenarios.agentAnswers(peer().port()));
    available("ted");
    available("una");

    Sipp call = sipp("customer", Scenarios.customerCalls(CUSTOMER, QUEUE_NUMBER, peer().port(),
        4000));

    awaitEvent(tedMiss);
    assertThat(awaitEvent(ItemAssigned.class).agentId()).isEqualTo("una");
    tedPhone.awaitSuccess(WAIT);
    call.awaitSuccess(WAIT);
    unaPhone.awaitSuccess(WAIT);
    assertThat(awaitEvent(ItemCompleted.class).agentId()).isEqualTo("una");
  }

  private static boolean hears(RtpPeer peer, int since, double hertz) {
    short[] heard = peer.heardSince(since);
    if (heard.length < WINDOW) {
      return false;
    }
    short[] last = new short[WINDOW];
    System.arraycopy(heard, heard.length - WINDOW, last, 0, WINDOW);
    return RtpPeer.toneShare(last, hertz) > 0.5;
  }

  private RtpPeer peer() throws IOException {
    RtpPeer p = new RtpPeer();
    toClose.add(p);
    return p;
  }

  /** A party's audio that answers what it hears with a tone of {@code hertz}. */
  private RtpPeer speaking(double hertz) throws IOException {
    RtpPeer p = peer();
    p.sendTone(hertz);
    return p;
  }

  /** Starts an agent's phone (SIPp answering on a free port) and registers it. */
  private Sipp phone(String agent, String scenario) throws Exception {
    return phone(agent, scenario, Sipp.freePort());
  }

  private Sipp phone(String agent, String scenario, int port) throws Exception {
    Sipp phone = Sipp.start(dir, agent + "-phone", scenario, port, null, WAIT);
    toClose.add(0, phone);
    sipp(agent + "-register", Scenarios.register(agent, port, PASSWORDS.get(agent), 200))
        .awaitSuccess(WAIT);
    return phone;
  }

  private Sipp sipp(String name, String scenario) throws IOException {
    Sipp s = Sipp.start(dir, name, scenario, Sipp.freePort(), "127.0.0.1:" + sipPort, WAIT);
    toClose.add(0, s);
    return s;
  }

  private void available(String agent) throws Exception {
    sb.addAgent(Agent.builder(agent).capacity(Channel.VOICE, 1).build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    sb.setPresence(agent, Presence.AVAILABLE).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void record(RoutingEvent e) {
    synchronized (events) {
      events.add(e);
      events.notifyAll();
    }
  }

  private <T extends RoutingEvent> List<T> events(Class<T> type) {
    synchronized (events) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  private <T extends RoutingEvent> T awaitEvent(Class<T> type) throws InterruptedException {
    return awaitEvent(type, e -> true);
  }

  private <T extends RoutingEvent> T awaitEvent(Class<T> type, Predicate<T> matching)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (events) {
      while (true) {
        for (RoutingEvent e : events) {
          if (type.isInstance(e) && matching.test(type.cast(e))) {
            return type.cast(e);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("no " + type.getSimpleName() + " within " + WAIT + "; events: " + events);
        }
        events.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  private static void awaitCondition(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(what + ": not within " + WAIT);
      }
      Thread.sleep(20); // polling interval; the bound above is the assertion
    }
  }

  /** Writes {@code samples} of a sine of {@code hertz} as an 8 kHz mono 16-bit WAV file. */
  static void writeTone(Path file, double hertz, int samples) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x46464952).putInt(36 + 2 * samples).putInt(0x45564157);
    b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000)
        .putInt(16000).putShort((short) 2).putShort((short) 16);
    b.putInt(0x61746164).putInt(2 * samples);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (8000 * Math.sin(2 * Math.PI * hertz * i / 8000)));
    }
    Files.write(file, b.array());
  }
}
