package dev.switchboard.examples.adapters.webchat;

import dev.switchboard.examples.adapters.EmbeddedServer;
import dev.switchboard.examples.adapters.FloodGuard;
import dev.switchboard.examples.adapters.FormBody;
import dev.switchboard.examples.adapters.Http;
import dev.switchboard.examples.adapters.InboundRejected;
import dev.switchboard.examples.adapters.Rejections;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The chat's HTTP side, on an {@link EmbeddedServer} bound to the loopback interface.
 *
 * <ul>
 *   <li>{@code GET /}, {@code /chat.js}, {@code /chat.css}: the chat page, which may not be framed
 *       and runs no inline script.
 *   <li>{@code POST /chat/session}: the visitor's session. With a valid session cookie it answers
 *       200; otherwise, if the client address may open another session and the chat has room,
 *       it issues one in an HttpOnly, SameSite=Strict cookie and answers 201 (429 over the
 *       address's limit, 503 when full). The body is {@code {"conversation":"..."}}, the public
 *       conversation id. Sessions come only from here, never from a URL or a form field.
 *   <li>{@code POST /chat/messages}: a form with {@code id} (the page's id for the message, its
 *       idempotency key) and {@code text}, under the session cookie. Answers 202 when the engine
 *       took it, 400 malformed, 401 without a valid session, 403 from another site, 413
 *       oversized, 429 a flood (of the session or of the client address), 503 refused by the
 *       engine; the body says why.
 *   <li>{@code GET /chat/events}: under the session cookie, a Server-Sent Events stream of {@code
 *       reply} events, each {@code data} a JSON object {@code {"id","agent","text"}}. A reconnect
 *       with {@code Last-Event-ID} (or {@code ?after=}) resumes after the last reply the page saw.
 *       At most {@code maxStreams} open in all (503) and {@code maxStreamsPerClient} per client
 *       address (429).
 * </ul>
 *
 * <p>The per-client limits count the peer's address, or with {@code forwardedFor} the last entry
 * of {@code X-Forwarded-For} as the proxy in front set it.
 */
final class ChatServer implements AutoCloseable {

  /** How the host answered a customer's message: an HTTP status and a reason. */
  record Answer(int status, String reason) {
    static final Answer ACCEPTED = new Answer(202, "accepted");
  }

  /** A customer's checked post: the page's message id and the text. */
  record Post(String messageId, String text) {}

  /** Where checked customer messages go; called on HTTP threads, concurrently. */
  interface Inbound {
    Answer post(String conversation, String messageId, String text);
  }

  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final int REPLAY = 200;

  private final WebChatSettings settings;
  private final ChatKeys keys;
  private final InstantSource wallClock;
  private final Inbound inbound;
  private final Rejections rejections;
  private final EmbeddedServer server;
  private final String cookie;
  private final String page;
  private final AtomicInteger streams = new AtomicInteger();
  private final Map<String, Integer> streamsByClient = new ConcurrentHashMap<>();
  /** By conversation id, least recently used first; guarded by itself. */
  private final LinkedHashMap<String, ChatSession> sessions =
      new LinkedHashMap<>(16, 0.75f, true);
  private final FloodGuard newSessions;
  private final FloodGuard clientMessages;
  private final FloodGuard sessionMessages;
  private volatile boolean stopping;

  /**
   * Starts serving.
   *
   * @param keys what issues and checks session tokens and conversation ids
   * @param clock the engine's clock, for the flood limits
   * @param wallClock the wall clock, for token lifetimes and event ids
   */
  ChatServer(WebChatSettings settings, ChatKeys keys, InstantSource clock,
      InstantSource wallClock, Inbound inbound, Rejections rejections) throws IOException {
    this.settings = settings;
    this.keys = keys;
    this.wallClock = wallClock;
    this.inbound = inbound;
    this.rejections = rejections;
    this.cookie = settings.secureCookie ? "__Host-chat" : "chat";
    this.page = ChatPage.html(settings.maxMessageChars);
    newSessions = settings.sessionsPerClient.guard(clock, 100_000);
    clientMessages = settings.messagesPerClient.guard(clock, 100_000);
    sessionMessages = settings.floodLimit.guard(clock, settings.maxSessions);
    server = EmbeddedServer.start("webchat", settings.port, settings.httpLimits(),
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws IOException {
            route(request, response, callback);
            return true;
          }
        });
  }

  /** The page's address, e.g. {@code http://127.0.0.1:PORT/}. */
  String url() {
    return server.url("/");
  }

  /** The HTTP server, for its counters. */
  EmbeddedServer server() {
    return server;
  }

  /** How many sessions the chat holds now. */
  int sessionCount() {
    synchronized (sessions) {
      return sessions.size();
    }
  }

  /** The session of {@code conversation} if the chat has it now; null otherwise. */
  ChatSession session(String conversation) {
    synchronized (sessions) {
      return sessions.get(conversation);
    }
  }

  /**
   * The session a reply to {@code conversation} goes to: the one the chat has, or, for an id it
   * issued whose session was forgotten or belongs to an earlier run, a new one the visitor's page
   * finds when it comes back.
   *
   * @return the session; empty if the chat never issued the id
   * @throws IllegalStateException if the chat is full
   */
  Optional<ChatSession> sessionForReply(String conversation) {
    if (!keys.issued(conversation)) {
      return Optional.empty();
    }
    ChatSession s = resume(conversation);
    if (s == null) {
      throw new IllegalStateException("the chat holds " + settings.maxSessions
          + " sessions, each with a page open or a reply unread");
    }
    return Optional.of(s);
  }

  /** The session of {@code conversation}, made again if need be; null if the chat is full. */
  private ChatSession resume(String conversation) {
    synchronized (sessions) {
      ChatSession s = sessions.get(conversation);
      if (s == null && makeRoom()) {
        s = new ChatSession(conversation, REPLAY, wallClock);
        sessions.put(conversation, s);
      }
      return s;
    }
  }

  /** Forgets the least recently used session that loses nothing by it, if the chat is full. */
  private boolean makeRoom() {
    if (sessions.size() < settings.maxSessions) {
      return true;
    }
    for (Iterator<ChatSession> it = sessions.values().iterator(); it.hasNext(); ) {
      if (it.next().closeIfIdle()) {
        it.remove();
        return true;
      }
    }
    return false;
  }

  private void route(Request request, Response response, Callback callback) throws IOException {
    String path = Request.getPathInContext(request);
    switch (path) {
      case "/chat/session" -> session(request, response, callback);
      case "/chat/messages" -> messages(request, response, callback);
      case "/chat/events" -> events(request, response, callback);
      case "/", "/chat.js", "/chat.css" -> page(path, request, response, callback);
      default -> Http.text(response, callback, 404, "not found");
    }
  }

  private void page(String path, Request request, Response response, Callback callback) {
    if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      Http.text(response, callback, 405, "use GET");
      return;
    }
    response.getHeaders().put("Content-Security-Policy", ChatPage.POLICY);
    response.getHeaders().put("X-Frame-Options", "DENY");
    switch (path) {
      case "/chat.js" -> Http.reply(response, callback, 200, "text/javascript; charset=utf-8",
          ChatPage.SCRIPT);
      case "/chat.css" -> Http.reply(response, callback, 200, "text/css; charset=utf-8",
          ChatPage.CSS);
      default -> Http.reply(response, callback, 200, "text/html; charset=utf-8", page);
    }
  }

  /** Refuses what the request may not do: false if it was answered. */
  private boolean admit(Request request, Response response, Callback callback, String method) {
    if (!request.getMethod().equals(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, method);
      Http.text(response, callback, 405, "use " + method);
      return false;
    }
    if (stopping) {
      Http.text(response, callback, 503, "the chat is shutting down; try again shortly");
      return false;
    }
    if (method.equals("POST") && !sameOrigin(request)) {
      rejections.count("cross-site");
      Http.text(response, callback, 403, "requests from other sites are refused");
      return false;
    }
    return true;
  }

  /**
   * Whether a POST comes from the chat's own page (or from no browser at all). The cookie's
   * SameSite=Strict already keeps other sites' requests out of a session; this keeps them from
   * opening sessions or posting at all.
   */
  private static boolean sameOrigin(Request request) {
    String site = request.getHeaders().get("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false;
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    String host = request.getHeaders().get(HttpHeader.HOST);
    return origin == null
        || host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  private void session(Request request, Response response, Callback callback) {
    if (!admit(request, response, callback, "POST")) {
      return;
    }
    Optional<ChatKeys.Opened> opened = token(request);
    if (opened.isPresent()) {
      ChatSession s = resume(opened.get().conversation());
      if (s == null) {
        full(response, callback);
      } else {
        json(response, callback, 200, s);
      }
      return;
    }
    if (!newSessions.tryAcquire(client(request))) {
      rejections.count("session-flood");
      Http.text(response, callback, 429, "too many new chats from your address: "
          + settings.sessionsPerClient.describe());
      return;
    }
    ChatSession s = resume(keys.newConversation());
    if (s == null) {
      full(response, callback);
      return;
    }
    long now = wallClock.instant().getEpochSecond();
    response.getHeaders().add(HttpHeader.SET_COOKIE, cookie + "="
        + keys.seal(s.conversation(), now) + "; Path=/; Max-Age="
        + settings.sessionLifetime.toSeconds() + "; HttpOnly; SameSite=Strict"
        + (settings.secureCookie || request.isSecure() ? "; Secure" : ""));
    json(response, callback, 201, s);
  }

  private void full(Response response, Callback callback) {
    rejections.count("chat-full");
    Http.text(response, callback, 503, "every chat line is busy; please try again shortly");
  }

  private static void json(Response response, Callback callback, int status, ChatSession s) {
    Http.reply(response, callback, status, "application/json",
        "{\"conversation\":\"" + s.conversation() + "\"}");
  }

  /** The session the request's cookie names, if the cookie is ours, intact and not expired. */
  private Optional<ChatKeys.Opened> token(Request request) {
    for (HttpCookie c : Request.getCookies(request)) {
      if (c.getName().equals(cookie)) {
        long now = wallClock.instant().getEpochSecond();
        return keys.open(c.getValue()).filter(o -> o.issuedAt() <= now + 60
            && now - o.issuedAt() < settings.sessionLifetime.toSeconds());
      }
    }
    return Optional.empty();
  }

  /** The session of the request's cookie, made again if the chat forgot it; else answered. */
  private ChatSession sessionOf(Request request, Response response, Callback callback) {
    Optional<ChatKeys.Opened> opened = token(request);
    if (opened.isEmpty()) {
      rejections.count("no-session");
      Http.text(response, callback, 401, "no chat session: POST /chat/session first");
      return null;
    }
    ChatSession s = resume(opened.get().conversation());
    if (s == null) {
      full(response, callback);
    }
    return s;
  }

  private String client(Request request) {
    if (settings.forwardedFor) {
      String forwarded = request.getHeaders().get("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
      }
    }
    return Request.getRemoteAddr(request);
  }

  private void messages(Request request, Response response, Callback callback)
      throws IOException {
    if (!admit(request, response, callback, "POST")) {
      return;
    }
    try {
      Http.requireForm(request);
      // Percent-encoded UTF-8 is at most 9 bytes per character; the rest is the other fields.
      byte[] body = Http.body(request, settings.maxMessageChars * 9 + 512);
      Post post = parse(body, settings.maxMessageChars);
      ChatSession s = sessionOf(request, response, callback);
      if (s == null) {
        return;
      }
      if (!clientMessages.tryAcquire(client(request))) {
        rejections.count("flood");
        Http.text(response, callback, 429, "too many messages from your address: "
            + settings.messagesPerClient.describe());
        return;
      }
      if (!sessionMessages.tryAcquire(s.conversation())) {
        rejections.count("flood");
        Http.text(response, callback, 429, "too many messages: "
            + settings.floodLimit.describe());
        return;
      }
      Answer a = inbound.post(s.conversation(), post.messageId(), post.text());
      Http.text(response, callback, a.status(), a.reason());
    } catch (InboundRejected r) {
      Http.refuse(response, callback, rejections, r);
    }
  }

  /**
   * The post in a form body.
   *
   * @throws InboundRejected {@code bad-form}, {@code bad-encoding}, {@code empty}, {@code
   *     too-long} or {@code control-chars}, saying why
   */
  static Post parse(byte[] body, int maxMessageChars) throws InboundRejected {
    Map<String, String> form = FormBody.parse(new String(body, StandardCharsets.ISO_8859_1));
    String id = form.get("id");
    if (id == null) {
      throw new InboundRejected("bad-form", "field 'id' is missing");
    }
    if (!MESSAGE_ID.matcher(id).matches()) {
      throw new InboundRejected("bad-form",
          "field 'id' must be 1 to 64 characters of [A-Za-z0-9_.:-]");
    }
    return new Post(id, text(form.get("text"), maxMessageChars));
  }

  private static String text(String raw, int maxMessageChars) throws InboundRejected {
    if (raw == null) {
      throw new InboundRejected("bad-form", "field 'text' is missing");
    }
    String text = raw.strip();
    if (text.isEmpty()) {
      throw new InboundRejected("empty", "message text is empty");
    }
    int chars = text.codePointCount(0, text.length());
    if (chars > maxMessageChars) {
      throw new InboundRejected("too-long", "message is " + chars + " characters; at most "
          + maxMessageChars + " are allowed");
    }
    if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')
        || text.codePoints().anyMatch(c -> c == '\u2028' || c == '\u2029')) {
      throw new InboundRejected("control-chars", "message contains control characters; "
          + "only line breaks and tabs are allowed");
    }
    return text.replace("\r\n", "\n");
  }

  private void events(Request request, Response response, Callback callback) {
    if (!admit(request, response, callback, "GET")) {
      return;
    }
    ChatSession session = sessionOf(request, response, callback);
    if (session == null) {
      return;
    }
    String client = client(request);
    if (streams.incrementAndGet() > settings.maxStreams) {
      streams.decrementAndGet();
      rejections.count("too-many-streams");
      Http.text(response, callback, 503, "too many open chats; try again shortly");
      return;
    }
    boolean[] admitted = {false};
    streamsByClient.compute(client, (c, n) -> {
      int open = n == null ? 0 : n;
      admitted[0] = open < settings.maxStreamsPerClient;
      return admitted[0] ? open + 1 : n;
    });
    if (!admitted[0]) {
      streams.decrementAndGet();
      rejections.count("too-many-streams");
      Http.text(response, callback, 429, "too many open chats from your address; at most "
          + settings.maxStreamsPerClient);
      return;
    }
    try {
      if (!session.streamOpened()) {
        Http.text(response, callback, 503, "the chat is shutting down; try again shortly");
        return;
      }
      try (OutputStream out = Content.Sink.asOutputStream(response)) {
        stream(response, out, session, cursor(request, session));
        callback.succeeded();
      } catch (IOException | RuntimeException e) {
        callback.failed(e);
      } finally {
        session.streamClosed();
      }
    } finally {
      streams.decrementAndGet();
      streamsByClient.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
    }
  }

  private void stream(Response response, OutputStream out, ChatSession session, long cursor)
      throws IOException {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    write(out, "retry: 1000\n\n");
    long heartbeat = settings.heartbeat.toMillis();
    try {
      while (!stopping) {
        ChatSession.Event e = session.next(cursor, heartbeat);
        if (stopping || session.closed()) {
          return;
        }
        if (e == null) {
          write(out, ": keep-alive\n\n");
          continue;
        }
        try {
          write(out, "id: " + e.id + "\nevent: reply\ndata: " + e.data + "\n\n");
        } catch (IOException gone) {
          session.release(e);
          throw gone;
        }
        e.written.complete(null);
        cursor = e.id;
      }
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
    }
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * Where the stream starts: after the page's {@code Last-Event-ID}, or its {@code after}
   * parameter when it opened a new stream itself; 0 (every reply remembered) if it gave neither
   * or an id that is not one of ours.
   */
  private static long cursor(Request request, ChatSession session) {
    String id = request.getHeaders().get("Last-Event-ID");
    if (id == null) {
      Fields query = Request.extractQueryParameters(request);
      id = query.getValue("after");
    }
    try {
      long cursor = id == null ? 0 : Long.parseLong(id.strip());
      return session.seen(cursor) ? cursor : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Ends every event stream, then the server. */
  @Override
  public void close() {
    stopping = true;
    synchronized (sessions) {
      sessions.values().forEach(ChatSession::close);
    }
    server.close();
  }
}
