package dev.switchboard.examples.adapters.voice;

import static dev.switchboard.examples.adapters.voice.SipMessages.callId;
import static dev.switchboard.examples.adapters.voice.SipMessages.source;
import static dev.switchboard.examples.adapters.voice.SipMessages.user;

import dev.switchboard.EngineSnapshot;
import dev.switchboard.Outcome;
import dev.switchboard.Switchboard;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.channel.ChannelHost;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.examples.adapters.FloodGuard;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import gov.nist.javax.sip.SipStackImpl;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.header.SubjectHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The back-to-back user agent: answers customers' calls to a queue number, plays them the hold
 * audio, rings the agent the engine offers each call to, and relays audio between the two once
 * the agent answers. Every call's state is changed on one signalling thread; JAIN-SIP's threads
 * and the engine's listener only hand work to it.
 */
final class B2bua implements SipListener {

  /** What the edge counts. */
  enum Count {
    MALFORMED, FORBIDDEN_SOURCE, FLOOD, OVER_CAPACITY, UNKNOWN_NUMBER, BAD_CALLER, NO_AUDIO,
    HOST_REFUSED, BAD_REGISTRATION, BAD_CREDENTIALS, AGENT_UNREACHABLE, AGENT_DECLINED
  }

  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  /** Characters of a caller's {@code Subject} kept as the item's text. */
  private static final int MAX_SUBJECT = 200;

  private final String adapterId;
  private final VoiceSettings settings;
  private final HoldAudio hold;
  private final InstantSource clock;
  private final System.Logger log;
  private final Function<InboundMessage, CompletionStage<InboundResult>> report;
  private final FloodGuard floods;
  /** Where customers' calls may come from. */
  private final List<Network> trunk;
  private final Registrar registrar;
  private final SipDigest digest;
  private final Map<Count, AtomicLong> counts = new EnumMap<>(Count.class);
  private final ExecutorService signalling;
  private final ScheduledExecutorService player;
  private final Map<String, Call> calls = new HashMap<>();
  /** Rings by their own Call-ID, until their final response (or their BYE once connected). */
  private final Map<String, Ring> rings = new HashMap<>();
  private final Map<String, Call> byItem = new HashMap<>();
  private final InetAddress host;
  private volatile Switchboard engine;
  private SipStack stack;
  private SipMessages sip;

  B2bua(String adapterId, VoiceSettings settings, HoldAudio hold, InstantSource clock,
      System.Logger log, Function<InboundMessage, CompletionStage<InboundResult>> report)
      throws java.net.UnknownHostException {
    this.adapterId = adapterId;
    this.settings = settings;
    this.hold = hold;
    this.clock = clock;
    this.log = log;
    this.report = report;
    this.host = InetAddress.getByName(settings.host());
    this.floods = settings.callsPerSource().guard(clock, 10_000);
    this.trunk = settings.trunkSources().stream().map(Network::parse).toList();
    this.registrar = new Registrar(clock, settings.maxRegistrations());
    this.digest = new SipDigest(clock, 10_000);
    for (Count c : Count.values()) {
      counts.put(c, new AtomicLong());
    }
    signalling = Executors.newSingleThreadExecutor(r -> daemon(r, "voice-signalling-" + adapterId));
    player = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "voice-hold-" + adapterId));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  void start() throws Exception {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", stackName());
    p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY",
        CountingParserFactory.class.getName());
    CountingParserFactory.count(stackName(), counts.get(Count.MALFORMED)::incrementAndGet);
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", QuietStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", QuietStackLogger.Server.class.getName());
    stack = new SipStackImpl(p);
    ListeningPoint lp = stack.createListeningPoint(settings.host(), settings.sipPort(), "udp");
    SipProvider provider = stack.createSipProvider(lp);
    provider.addSipListener(this);
    sip = new SipMessages(provider, settings);
    stack.start();
    StartProbe.await(host, settings.sipPort());
  }

  private String stackName() {
    return "switchboard-" + adapterId + "-" + settings.sipPort();
  }

  /** The engine to command; calls of an earlier run still live in it are ended. */
  void attach(Switchboard engine) {
    this.engine = engine;
    engine.snapshot().thenAccept(snapshot -> dispatch(() -> guarded(() -> endLostCalls(snapshot))))
        .exceptionally(failure -> {
          log.log(Level.WARNING, "voice adapter " + adapterId + " could not read the engine's"
              + " items to end calls lost in a restart", failure);
          return null;
        });
  }

  /**
   * Ends the items of this adapter's calls that it does not hold: calls of an earlier run of the
   * host or of the adapter, whose dialogs and audio went with it. A call no agent had answered is
   * abandoned (the caller is gone); an answered one is completed {@link Outcome#UNRESOLVED} by its
   * agent (the conversation broke off); an item in wrap-up is left to finish.
   */
  private void endLostCalls(EngineSnapshot snapshot) {
    int ended = 0;
    for (EngineSnapshot.ItemView view : snapshot.items()) {
      Optional<String> callId = reportedCallId(view.item());
      if (callId.isEmpty() || calls.containsKey(callId.get())) {
        continue;
      }
      String itemId = view.item().id();
      switch (view.state()) {
        case QUEUED, OFFERED, HELD -> command(e -> e.abandon(itemId));
        case ASSIGNED -> command(e -> e.complete(view.agentId().orElseThrow(), itemId,
            Outcome.UNRESOLVED));
        default -> {
          continue;
        }
      }
      ended++;
    }
    if (ended > 0) {
      log.log(Level.INFO, "voice adapter " + adapterId + " ended " + ended + " items of calls"
          + " lost in a restart");
    }
  }

  /** The Call-ID of the call {@code item} was made for, if this adapter reported it. */
  private Optional<String> reportedCallId(WorkItem item) {
    if (item.attributes().get(ChannelHost.MESSAGE_ATTRIBUTE) instanceof Map<?, ?> m
        && adapterId.equals(m.get("adapter"))) {
      return Optional.of(String.valueOf(m.get("idempotencyKey")));
    }
    return Optional.empty();
  }

  boolean registered(String agentId) {
    return registrar.contact(agentId).isPresent();
  }

  long count(Count c) {
    return counts.get(c).get();
  }

  /** Hangs up every call, then stops SIP and media. */
  void stop() {
    signalling.execute(() -> List.copyOf(calls.values()).forEach(this::hangUp));
    signalling.shutdown();
    try {
      signalling.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    player.shutdownNow();
    if (stack != null) {
      stack.stop();
    }
    CountingParserFactory.forget(stackName());
  }

  // ------------------------------------------------------------------ SIP from JAIN-SIP threads

  @Override
  public void processRequest(RequestEvent e) {
    dispatch(() -> guarded(() -> onRequest(e.getRequest(), e.getServerTransaction())));
  }

  @Override
  public void processResponse(ResponseEvent e) {
    dispatch(() -> guarded(() -> onResponse(e.getResponse(), e.getDialog())));
  }

  @Override
  public void processTimeout(TimeoutEvent e) {
    if (!e.isServerTransaction() && e.getClientTransaction() != null) {
      String callId = callId(e.getClientTransaction().getRequest());
      dispatch(() -> guarded(() -> {
        Ring ring = rings.get(callId);
        if (ring != null) {
          dropRing(ring, Count.AGENT_UNREACHABLE);
        }
      }));
    }
  }

  @Override
  public void processIOException(IOExceptionEvent e) {}

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent e) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent e) {}

  /** Hands work to the signalling thread; after stop, late SIP and engine events are dropped. */
  private void dispatch(Runnable work) {
    try {
      signalling.execute(work);
    } catch (RejectedExecutionException stopped) {
      log.log(Level.DEBUG, "voice adapter " + adapterId + " is stopped; event dropped");
    }
  }

  private interface SipStep {
    void run() throws Exception;
  }

  private void guarded(SipStep step) {
    try {
      step.run();
    } catch (Exception e) {
      log.log(Level.WARNING, "voice signalling failed", e);
    }
  }

  // ------------------------------------------------------------------ requests

  private void onRequest(Request r, ServerTransaction st) throws Exception {
    switch (r.getMethod()) {
      case Request.INVITE -> {
        if (((ToHeader) r.getHeader(ToHeader.NAME)).getTag() != null) {
          sip.respond(r, st, Response.NOT_ACCEPTABLE_HERE, "Re-INVITE not supported");
        } else {
          invite(r, st);
        }
      }
      case Request.ACK -> { }
      case Request.BYE -> onBye(r, st);
      case Request.CANCEL -> cancel(r, st);
      case Request.REGISTER -> register(r, st);
      case Request.OPTIONS -> sip.respond(r, st, Response.OK, null);
      case Request.REFER -> refer(r, st);
      default -> sip.respond(r, st, Response.METHOD_NOT_ALLOWED, null);
    }
  }

  private void invite(Request r, ServerTransaction given) throws Exception {
    String source = source(r);
    String dialled = user(r.getRequestURI());
    String from = user(((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().getURI());
    Optional<InetSocketAddress> media = Sdp.pcmuTarget(r.getRawContent());
    Optional<InetAddress> peer = SipMessages.sourceAddress(r);
    if (peer.isEmpty() || trunk.stream().noneMatch(n -> n.contains(peer.get()))) {
      refuse(r, given, Count.FORBIDDEN_SOURCE, Response.FORBIDDEN, "Not a trunk source");
      return;
    }
    if (!floods.tryAcquire(source)) {
      refuse(r, given, Count.FLOOD, Response.SERVICE_UNAVAILABLE, "Too many calls from source");
      return;
    }
    if (calls.size() >= settings.maxCalls()) {
      refuse(r, given, Count.OVER_CAPACITY, Response.SERVICE_UNAVAILABLE, "All lines busy");
      return;
    }
    if (dialled == null || !settings.queueNumbers().contains(dialled)) {
      refuse(r, given, Count.UNKNOWN_NUMBER, Response.NOT_FOUND, "No queue at this number");
      return;
    }
    ChannelIdentity caller;
    try {
      caller = ChannelIdentity.phone(from);
    } catch (IllegalArgumentException | NullPointerException e) {
      refuse(r, given, Count.BAD_CALLER, Response.FORBIDDEN, "Caller number is not E.164");
      return;
    }
    if (media.isEmpty()) {
      refuse(r, given, Count.NO_AUDIO, Response.NOT_ACCEPTABLE_HERE, "PCMU audio required");
      return;
    }
    String callId = callId(r);
    if (calls.containsKey(callId) || callId.length() > InboundMessage.MAX_KEY_LENGTH - 5) {
      sip.respond(r, given, Response.BAD_REQUEST, "Call-ID in use or too long");
      return;
    }
    ServerTransaction st = given != null ? given : sip.provider.getNewServerTransaction(r);
    st.sendResponse(sip.messages.createResponse(Response.TRYING, r));
    RtpLeg leg = new RtpLeg(host, "caller");
    leg.remote(media.get());
    Call call = new Call(callId, r, st, leg);
    calls.put(callId, call);
    InboundMessage message = InboundMessage.builder().sender(caller)
        .conversationKey("call:" + callId).body(subject(r))
        .receivedAt(clock.instant()).idempotencyKey(callId)
        .metadata("dialled", dialled).metadata("callId", callId).build();
    report.apply(message).thenAcceptAsync(result -> guarded(() -> admitted(call, result)),
        signalling);
  }

  /** The engine took the call (or refused it): answer it and play the hold audio. */
  private void admitted(Call call, InboundResult result) throws Exception {
    if (call.ended) {
      return; // the caller gave up first; the item, if any, is abandoned when it is known
    }
    if (!result.owned()) {
      counts.get(Count.HOST_REFUSED).incrementAndGet();
      Response busy = sip.messages.createResponse(Response.SERVICE_UNAVAILABLE, call.request);
      busy.setReasonPhrase("Not taken in: " + printable(result.reason()));
      call.invite.sendResponse(busy);
      end(call);
      return;
    }
    Response ok = sip.messages.createResponse(Response.OK, call.request);
    ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(Long.toHexString(System.nanoTime()));
    ok.addHeader(sip.contact());
    ok.setContent(Sdp.pcmu(settings.host(), call.leg.localPort(), clock.millis()),
        sip.headers.createContentTypeHeader("application", "sdp"));
    call.invite.sendResponse(ok);
    call.dialog = call.invite.getDialog();
    call.answered = true;
    hold(call);
  }

  private void onBye(Request r, ServerTransaction st) throws Exception {
    sip.respond(r, st, Response.OK, null);
    String callId = callId(r);
    Call call = calls.get(callId);
    if (call != null) { // the customer hung up
      if (call.connected) {
        sip.bye(call.ring.dialog);
        complete(call);
      } else {
        abandon(call);
      }
      end(call);
      return;
    }
    Ring ring = rings.get(callId);
    call = ring == null ? null : ring.call;
    if (call != null && call.connected && call.ring == ring) { // the agent hung up
      sip.bye(call.dialog);
      complete(call);
      end(call);
    }
  }

  private void cancel(Request r, ServerTransaction st) throws Exception {
    sip.respond(r, st, Response.OK, null);
    Call call = calls.get(callId(r));
    if (call == null || call.answered) {
      return;
    }
    call.invite.sendResponse(
        sip.messages.createResponse(Response.REQUEST_TERMINATED, call.request));
    abandon(call);
    end(call);
  }

  /**
   * A connected agent's phone transfers the caller (blind transfer, RFC 3515): to another agent
   * ({@code Refer-To: sip:una@...}) or back to the queue ({@code sip:<queue number>@...}). The
   * phone is told the transfer is done (NOTIFY) and hung up; the caller hears the hold audio
   * until the engine's next offer is answered.
   */
  private void refer(Request r, ServerTransaction st) throws Exception {
    Ring ring = rings.get(callId(r));
    if (ring == null || ring.call.ring != ring || !ring.call.connected) {
      sip.respond(r, st, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No connected call");
      return;
    }
    ReferToHeader referTo = (ReferToHeader) r.getHeader(ReferToHeader.NAME);
    if (referTo != null && referTo.getAddress().getURI() instanceof SipURI uri
        && uri.getHeader("Replaces") != null) {
      // attended transfer: the phone would join the caller to a consultation call it set up
      sip.respond(r, st, Response.NOT_IMPLEMENTED, "Attended transfer not supported");
      return;
    }
    String target = referTo == null ? null : user(referTo.getAddress().getURI());
    Call call = ring.call;
    TransferTarget to;
    if (target != null && settings.queueNumbers().contains(target)) {
      to = TransferTarget.queue(call.queue);
    } else if (target != null && AGENT_ID.matcher(target).matches()) {
      to = TransferTarget.agent(target);
    } else {
      sip.respond(r, st, Response.BAD_REQUEST, "Refer-To names no agent or queue number");
      return;
    }
    sip.respond(r, st, Response.ACCEPTED, null);
    Request notify = ring.dialog.createRequest(Request.NOTIFY);
    notify.addHeader(sip.headers.createEventHeader("refer"));
    notify.addHeader(sip.headers.createSubscriptionStateHeader("terminated;reason=noresource"));
    notify.setContent("SIP/2.0 200 OK\r\n",
        sip.headers.createContentTypeHeader("message", "sipfrag"));
    ring.dialog.sendRequest(sip.provider.getNewClientTransaction(notify));
    releaseAgent(call);
    String itemId = call.itemId;
    String queue = call.queue;
    command(e -> e.transfer(itemId, to).exceptionally(failure -> {
      // an unknown agent, say: the caller goes back to the queue rather than waiting for no one
      command(again -> again.transfer(itemId, TransferTarget.queue(queue)));
      return null;
    }));
  }

  /**
   * The connected agent's leg ends (BYE to the phone) and the caller goes back to the hold audio:
   * the call moves on, by the agent's REFER or the engine's transfer, and waits for its next offer.
   */
  private void releaseAgent(Call call) throws SipException {
    Ring ring = call.ring;
    sip.bye(ring.dialog);
    call.connected = false;
    call.leg.sink(payload -> { });
    rings.remove(ring.callId);
    ring.leg.close();
    call.ring = null;
    hold(call);
  }

  private void register(Request r, ServerTransaction st) throws Exception {
    String agentId = user(((ToHeader) r.getHeader(ToHeader.NAME)).getAddress().getURI());
    ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
    if (agentId == null || !AGENT_ID.matcher(agentId).matches()) {
      refuse(r, st, Count.BAD_REGISTRATION, Response.BAD_REQUEST, "Agent id not valid");
      return;
    }
    if (!authenticated(r, st, agentId)) {
      return;
    }
    if (contact == null) {
      sip.respond(r, st, Response.OK, null);
      return;
    }
    int asked = contact.getExpires();
    ExpiresHeader expires = (ExpiresHeader) r.getHeader(ExpiresHeader.NAME);
    if (asked < 0) {
      asked = expires != null ? expires.getExpires() : 3600;
    }
    long granted = Math.min(asked, settings.maxRegistrationExpiry().toSeconds());
    String uri = contact.isWildCard() ? "*" : contact.getAddress().getURI().toString();
    if (!registrar.register(agentId, uri, Duration.ofSeconds(contact.isWildCard() ? 0 : granted))) {
      refuse(r, st, Count.BAD_REGISTRATION, Response.SERVICE_UNAVAILABLE, "Registrations full");
      return;
    }
    Response ok = sip.messages.createResponse(Response.OK, r);
    if (!contact.isWildCard() && granted > 0) {
      ContactHeader bound = sip.headers.createContactHeader(contact.getAddress());
      bound.setExpires((int) granted);
      ok.addHeader(bound);
    }
    sip.send(r, st, ok);
  }

  /**
   * Whether {@code r} answers a digest challenge with {@code agentId}'s password. If not, it has
   * been answered: 401 with a fresh challenge when it carries no answer or answers a nonce that
   * is unknown, used or expired (a replay); 403, counted, when the answer is wrong.
   */
  private boolean authenticated(Request r, ServerTransaction st, String agentId)
      throws Exception {
    AuthorizationHeader auth = (AuthorizationHeader) r.getHeader(AuthorizationHeader.NAME);
    if (auth == null || !"Digest".equalsIgnoreCase(auth.getScheme())
        || !digest.consume(auth.getNonce())) {
      Response challenge = sip.messages.createResponse(Response.UNAUTHORIZED, r);
      for (String algorithm : settings.digestAlgorithms()) { // a nonce each: any may be answered
        WWWAuthenticateHeader www = sip.headers.createWWWAuthenticateHeader("Digest");
        www.setRealm(settings.realm());
        www.setNonce(digest.issue());
        www.setAlgorithm(algorithm);
        www.setQop("auth");
        if (auth != null) {
          www.setParameter("stale", "TRUE");
        }
        challenge.addHeader(www);
      }
      sip.send(r, st, challenge);
      return false;
    }
    String password = settings.credentials().get(agentId);
    String qop = auth.getQop();
    Optional<String> algorithm =
        SipDigest.algorithm(auth.getAlgorithm(), settings.digestAlgorithms());
    String uri = auth.getParameter("uri");
    boolean valid = password != null && agentId.equals(auth.getUsername())
        && settings.realm().equals(auth.getRealm()) && uri != null && algorithm.isPresent()
        && (qop == null || "auth".equals(qop) && auth.getCNonce() != null
            && auth.getParameter("nc") != null)
        && SipDigest.matches(SipDigest.response(algorithm.get(), agentId, settings.realm(),
            password, r.getMethod(), uri, auth.getNonce(), auth.getParameter("nc"),
            auth.getCNonce(), qop), auth.getResponse());
    if (!valid) {
      refuse(r, st, Count.BAD_CREDENTIALS, Response.FORBIDDEN, "Wrong credentials");
    }
    return valid;
  }

  // ------------------------------------------------------------------ engine events

  /** The engine's events, on its listener thread: handed to the signalling thread. */
  void onEvent(RoutingEvent event) {
    if (event instanceof RoutingEvent.ItemSubmitted
        || event instanceof RoutingEvent.ItemOffered
        || event instanceof RoutingEvent.OfferTimedOut
        || event instanceof RoutingEvent.ItemTransferred
        || event instanceof RoutingEvent.ItemReleased
        || event instanceof RoutingEvent.ItemCancelled) {
      dispatch(() -> guarded(() -> apply(event)));
    }
  }

  private void apply(RoutingEvent event) throws Exception {
    if (event instanceof RoutingEvent.ItemSubmitted s) {
      Optional<String> callId = reportedCallId(s.item());
      if (callId.isPresent()) {
        Call call = calls.get(callId.get());
        if (call == null) {
          command(e -> e.abandon(s.item().id())); // the call ended before the engine had it
          return;
        }
        call.itemId = s.item().id();
        call.queue = s.item().queue();
        byItem.put(call.itemId, call);
        if (call.ended) {
          abandon(call);
        }
      }
    } else if (event instanceof RoutingEvent.ItemOffered o) {
      Call call = byItem.get(o.itemId());
      if (call != null && !call.ended) {
        ring(call, o.agentId());
      }
    } else if (event instanceof RoutingEvent.OfferTimedOut t) {
      Call call = byItem.get(t.itemId());
      if (call != null && call.ring != null && call.ring.agentId.equals(t.agentId())) {
        stopRinging(call);
      }
    } else if (event instanceof RoutingEvent.ItemTransferred t) {
      Call call = byItem.get(t.itemId());
      if (call != null && t.fromAgent().isPresent()) {
        leaveAgent(call, t.fromAgent().get());
      }
    } else if (event instanceof RoutingEvent.ItemReleased r) {
      Call call = byItem.get(r.itemId());
      if (call != null) {
        leaveAgent(call, r.agentId());
      }
    } else if (event instanceof RoutingEvent.ItemCancelled c) {
      Call call = byItem.get(c.itemId());
      if (call != null) {
        hangUp(call);
      }
    }
  }

  /**
   * The engine took the call from {@code agentId} (a transfer by the host or a supervisor, or the
   * agent went away): a ringing phone is cancelled, a connected one hung up with the caller back
   * on hold. A REFER has already released the phone, so the transfer it causes finds nothing here.
   */
  private void leaveAgent(Call call, String agentId) throws SipException {
    Ring ring = call.ring;
    if (call.ended || ring == null || !ring.agentId.equals(agentId)) {
      return;
    }
    if (call.connected) {
      releaseAgent(call);
    } else {
      stopRinging(call);
    }
  }

  /** Rings the agent's registered phone, offering the B2BUA's agent-side audio. */
  private void ring(Call call, String agentId) throws Exception {
    Optional<String> contact = registrar.contact(agentId);
    if (contact.isEmpty()) {
      counts.get(Count.AGENT_UNREACHABLE).incrementAndGet();
      command(e -> e.reject(agentId, call.itemId));
      return;
    }
    RtpLeg leg = new RtpLeg(host, "agent-" + agentId);
    URI target = sip.addresses.createURI(contact.get());
    FromHeader from = sip.headers.createFromHeader(
        ((FromHeader) call.request.getHeader(FromHeader.NAME)).getAddress(),
        Long.toHexString(System.nanoTime()));
    SipURI agentUri =
        sip.addresses.createSipURI(agentId, settings.host() + ":" + settings.sipPort());
    ToHeader to = sip.headers.createToHeader(sip.addresses.createAddress(agentUri), null);
    CallIdHeader callId = sip.provider.getNewCallId();
    Request invite = sip.messages.createRequest(target, Request.INVITE, callId,
        sip.headers.createCSeqHeader(1L, Request.INVITE), from, to,
        List.of(sip.headers.createViaHeader(settings.host(), settings.sipPort(), "udp", null)),
        sip.headers.createMaxForwardsHeader(70));
    invite.addHeader(sip.contact());
    invite.setContent(Sdp.pcmu(settings.host(), leg.localPort(), clock.millis()),
        sip.headers.createContentTypeHeader("application", "sdp"));
    ClientTransaction tx = sip.provider.getNewClientTransaction(invite);
    Ring ring = new Ring(call, agentId, callId.getCallId(), tx, leg);
    call.ring = ring;
    rings.put(ring.callId, ring);
    tx.sendRequest();
  }

  // ------------------------------------------------------------------ responses

  private void onResponse(Response response, Dialog dialog) throws Exception {
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    if (!Request.INVITE.equals(cseq.getMethod())) {
      return;
    }
    Ring ring = rings.get(callId(response));
    int code = response.getStatusCode();
    if (code < 200) {
      return; // 180 Ringing, 183: the phone rings; the engine's offer is already out
    }
    if (code >= 300) {
      if (ring != null) {
        dropRing(ring, Count.AGENT_DECLINED);
      }
      return;
    }
    dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
    if (ring != null && ring.dialog != null) {
      return; // the phone repeated its 200 OK: the ACK above was lost, the call is joined
    }
    if (ring == null || ring.call.ring != ring || ring.cancelled || ring.call.ended) {
      sip.bye(dialog); // answered too late: the offer timed out or the caller left
      if (ring != null) {
        dropRing(ring, Count.AGENT_DECLINED);
      }
      return;
    }
    ring.dialog = dialog;
    Call call = ring.call;
    Optional<InetSocketAddress> media = Sdp.pcmuTarget(response.getRawContent());
    if (media.isEmpty()) {
      sip.bye(dialog);
      dropRing(ring, Count.AGENT_UNREACHABLE);
      return;
    }
    ring.leg.remote(media.get());
    connect(call);
    String itemId = call.itemId;
    command(e -> e.accept(ring.agentId, itemId).exceptionally(failure -> {
      dispatch(() -> guarded(() -> acceptFailed(call, ring)));
      return null;
    }));
  }

  /**
   * The ring is over without a connection: its audio is released, and when it was the call's
   * current offer and not withdrawn by the B2BUA, the engine is told the agent rejected it, so
   * that it offers the call elsewhere.
   */
  private void dropRing(Ring ring, Count why) {
    rings.remove(ring.callId);
    ring.leg.close();
    Call call = ring.call;
    if (call.ring != ring) {
      return;
    }
    call.ring = null;
    if (!ring.cancelled && !call.ended) {
      counts.get(why).incrementAndGet();
      command(e -> e.reject(ring.agentId, call.itemId));
    }
  }

  /** Plays the hold audio to the caller, 20 ms a packet, until connected or ended. */
  private void hold(Call call) {
    call.music = player.scheduleAtFixedRate(
        () -> call.leg.send(hold.packet(call.played.getAndIncrement())), 0, 20,
        TimeUnit.MILLISECONDS);
  }

  private void connect(Call call) {
    if (call.music != null) {
      call.music.cancel(false);
    }
    RtpLeg agent = call.ring.leg;
    call.leg.sink(agent::send);
    agent.sink(call.leg::send);
    call.connected = true;
  }

  /** The engine refused the accept (the offer expired meanwhile): back to the hold audio. */
  private void acceptFailed(Call call, Ring ring) throws Exception {
    if (call.ring != ring || call.ended) {
      return;
    }
    sip.bye(ring.dialog);
    call.connected = false;
    ring.cancelled = true; // the engine knows: no reject
    dropRing(ring, Count.AGENT_DECLINED);
    call.leg.sink(payload -> { });
    hold(call);
  }

  // ------------------------------------------------------------------ endings

  private void stopRinging(Call call) {
    Ring ring = call.ring;
    if (ring == null || ring.cancelled || call.connected) {
      return;
    }
    ring.cancelled = true;
    try {
      sip.provider.getNewClientTransaction(ring.invite.createCancel()).sendRequest();
    } catch (SipException e) {
      // no provisional response yet: a late 200 is answered with ACK and BYE
      log.log(Level.DEBUG, "could not cancel the INVITE to " + ring.agentId, e);
    }
  }

  private void abandon(Call call) {
    stopRinging(call);
    call.ended = true;
    if (call.itemId != null) {
      String itemId = call.itemId;
      command(e -> e.abandon(itemId));
    }
  }

  private void complete(Call call) {
    String agentId = call.ring.agentId;
    String itemId = call.itemId;
    command(e -> e.complete(agentId, itemId, Outcome.RESOLVED));
  }

  /** The engine withdrew the call, or the adapter stops: both parties are hung up. */
  private void hangUp(Call call) {
    guarded(() -> {
      if (call.connected) {
        sip.bye(call.ring.dialog);
      } else {
        stopRinging(call);
      }
      if (call.answered) {
        sip.bye(call.dialog);
      } else if (!call.ended) {
        call.invite.sendResponse(
            sip.messages.createResponse(Response.TEMPORARILY_UNAVAILABLE, call.request));
      }
    });
    end(call);
  }

  private void end(Call call) {
    call.ended = true;
    if (call.music != null) {
      call.music.cancel(false);
    }
    call.leg.close();
    if (call.ring != null && call.connected) {
      rings.remove(call.ring.callId);
      call.ring.leg.close();
    } // a ring still pending was cancelled; its final response releases it
    calls.remove(call.callId);
  }

  // ------------------------------------------------------------------ helpers

  private void command(Function<Switchboard, CompletionStage<?>> command) {
    Switchboard e = engine;
    if (e == null) {
      log.log(Level.WARNING, "voice adapter " + adapterId + " is not attached to an engine");
      return;
    }
    command.apply(e).exceptionally(failure -> {
      log.log(Level.INFO, "engine refused a voice command: " + failure.getMessage());
      return null;
    });
  }

  private void refuse(Request r, ServerTransaction st, Count count, int code, String reason)
      throws Exception {
    counts.get(count).incrementAndGet();
    sip.respond(r, st, code, reason);
  }

  /** The call's {@code Subject} header, printable and short, as the item's text; or empty. */
  private static String subject(Request r) {
    SubjectHeader subject = (SubjectHeader) r.getHeader(SubjectHeader.NAME);
    String text = subject == null ? "" : printable(subject.getSubject()).strip();
    return text.length() > MAX_SUBJECT ? text.substring(0, MAX_SUBJECT) : text;
  }

  private static String printable(String s) {
    return s == null ? "" : s.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
