package dev.switchboard.examples.adapters.webchat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.examples.adapters.FormBody;
import dev.switchboard.examples.adapters.Http;
import dev.switchboard.examples.adapters.InboundRejected;
import dev.switchboard.examples.adapters.Rejections;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The chat's HTTP side on the JDK's built-in server, bound to the loopback interface.
 *
 * <ul>
 *   <li>{@code GET /}: the chat page.
 *   <li>{@code POST /chat/messages}: a form with {@code session}, {@code id} (the page's id for
 *       the message, its idempotency key) and {@code text}. Answers 202 when the engine took it,
 *       400 for a malformed post, 413 for an oversized one, 429 for a flood, 503 when the engine
 *       refused it; the body says why.
 *   <li>{@code GET /chat/events?session=...}: a Server-Sent Events stream of {@code reply}
 *       events, each {@code data} a JSON object {@code {"id","agent","text"}}; a reconnect with
 *       {@code Last-Event-ID} resumes after the last reply the page saw.
 * </ul>
 */
final class ChatServer implements AutoCloseable {

  /** How the host answered a customer's message: an HTTP status and a reason. */
  record Answer(int status, String reason) {
    static final Answer ACCEPTED = new Answer(202, "accepted");
  }

  /** A customer's checked post: the visitor's session, the page's message id and the text. */
  record Post(String session, String messageId, String text) {}

  /** Where checked customer messages go; called on HTTP threads, concurrently. */
  interface Inbound {
    Answer post(String session, String messageId, String text);
  }

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private final WebChatSettings settings;
  private final Inbound inbound;
  private final Rejections rejections;
  private final HttpServer server;
  private final ExecutorService threads;
  private final AtomicInteger streams = new AtomicInteger();
  private final Map<String, ChatSession> sessions;
  private final String page;
  private volatile boolean stopping;

  ChatServer(WebChatSettings settings, Inbound inbound, Rejections rejections)
      throws IOException {
    this.settings = settings;
    this.inbound = inbound;
    this.rejections = rejections;
    this.page = ChatPage.html(settings.maxMessageChars);
    this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ChatSession> eldest) {
        if (size() > settings.maxSessions) {
          eldest.getValue().close();
          return true;
        }
        return false;
      }
    };
    // Each open event stream holds a thread; the extra threads keep posts flowing at the cap.
    threads = new ThreadPoolExecutor(0, settings.maxStreams + 16, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "webchat-http");
          t.setDaemon(true);
          return t;
        });
    server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port), 64);
    server.setExecutor(threads);
    server.createContext("/chat/messages", this::messages);
    server.createContext("/chat/events", this::events);
    server.createContext("/", this::page);
    server.start();
  }

  /** The page's address, e.g. {@code http://127.0.0.1:PORT/}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The session {@code key} if the visitor has posted or listened; null otherwise. */
  ChatSession session(String key) {
    synchronized (sessions) {
      return sessions.get(key);
    }
  }

  private ChatSession sessionFor(String key) {
    synchronized (sessions) {
      return sessions.computeIfAbsent(key, k -> new ChatSession(200));
    }
  }

  private void page(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().equals("/")) {
      Http.text(ex, 404, "not found");
    } else if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseHeaders().set("Allow", "GET");
      Http.text(ex, 405, "use GET");
    } else {
      ex.getResponseHeaders().set("Content-Security-Policy",
          "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
      Http.reply(ex, 200, "text/html; charset=utf-8", page);
    }
  }

  private void messages(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      ex.getResponseHeaders().set("Allow", "POST");
      Http.text(ex, 405, "use POST");
      return;
    }
    if (stopping) {
      Http.text(ex, 503, "the chat is shutting down; try again shortly");
      return;
    }
    try {
      Http.requireForm(ex);
      // Percent-encoded UTF-8 is at most 9 bytes per character; the rest is the other fields.
      byte[] body = Http.body(ex, settings.maxMessageChars * 9 + 512);
      Post post = parse(body, settings.maxMessageChars);
      sessionFor(post.session());
      Answer a = inbound.post(post.session(), post.messageId(), post.text());
      Http.text(ex, a.status(), a.reason());
    } catch (InboundRejected r) {
      Http.refuse(ex, rejections, r);
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
    String session = field(form, "session", TOKEN, "8 to 64 characters of [A-Za-z0-9_-]");
    String id = field(form, "id", MESSAGE_ID, "1 to 64 characters of [A-Za-z0-9_.:-]");
    return new Post(session, id, text(form.get("text"), maxMessageChars));
  }

  private static String field(Map<String, String> form, String name, Pattern allowed, String rule)
      throws InboundRejected {
    String value = form.get(name);
    if (value == null) {
      throw new InboundRejected("bad-form", "field '" + name + "' is missing");
    }
    if (!allowed.matcher(value).matches()) {
      throw new InboundRejected("bad-form", "field '" + name + "' must be " + rule);
    }
    return value;
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

  private void events(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("GET")) {
      ex.getResponseHeaders().set("Allow", "GET");
      Http.text(ex, 405, "use GET");
      return;
    }
    String session = query(ex, "session");
    if (session == null || !TOKEN.matcher(session).matches()) {
      rejections.count("bad-session");
      Http.text(ex, 400, "query parameter 'session' must be 8 to 64 characters of [A-Za-z0-9_-]");
      return;
    }
    if (stopping) {
      Http.text(ex, 503, "the chat is shutting down; try again shortly");
      return;
    }
    if (streams.incrementAndGet() > settings.maxStreams) {
      streams.decrementAndGet();
      rejections.count("too-many-streams");
      Http.text(ex, 503, "too many open chats; try again shortly");
      return;
    }
    try {
      stream(ex, sessionFor(session), lastEventId(ex));
    } finally {
      streams.decrementAndGet();
      ex.close();
    }
  }

  private void stream(HttpExchange ex, ChatSession session, long cursor) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
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

  private static long lastEventId(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Last-Event-ID");
    try {
      return header == null ? 0 : Math.max(0, Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      return 0; // not one of ours: replay everything remembered
    }
  }

  private static String query(HttpExchange ex, String name) {
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return null;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        try {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** Ends every event stream, then the server. */
  @Override
  public void close() {
    stopping = true;
    synchronized (sessions) {
      sessions.values().forEach(ChatSession::close);
    }
    server.stop(0); // streams were ended above; on JDK 17 any delay here is always waited in full
    threads.shutdownNow();
  }
}
