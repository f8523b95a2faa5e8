package dev.switchboard.examples.adapters.webchat;

import dev.switchboard.examples.adapters.EmbeddedServer;
import dev.switchboard.examples.adapters.FormBody;
import dev.switchboard.examples.adapters.Http;
import dev.switchboard.examples.adapters.InboundRejected;
import dev.switchboard.examples.adapters.Rejections;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

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
  private final EmbeddedServer server;
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

  private void route(Request request, Response response, Callback callback) throws IOException {
    String path = Request.getPathInContext(request);
    switch (path) {
      case "/chat/messages" -> messages(request, response, callback);
      case "/chat/events" -> events(request, response, callback);
      default -> page(path, request, response, callback);
    }
  }

  /** The page's address, e.g. {@code http://127.0.0.1:PORT/}. */
  String url() {
    return server.url("/");
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

  private void page(String path, Request request, Response response, Callback callback) {
    if (!path.equals("/")) {
      Http.text(response, callback, 404, "not found");
    } else if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      Http.text(response, callback, 405, "use GET");
    } else {
      response.getHeaders().put("Content-Security-Policy",
          "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
      Http.reply(response, callback, 200, "text/html; charset=utf-8", page);
    }
  }

  private void messages(Request request, Response response, Callback callback)
      throws IOException {
    if (!request.getMethod().equals("POST")) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      Http.text(response, callback, 405, "use POST");
      return;
    }
    if (stopping) {
      Http.text(response, callback, 503, "the chat is shutting down; try again shortly");
      return;
    }
    try {
      Http.requireForm(request);
      // Percent-encoded UTF-8 is at most 9 bytes per character; the rest is the other fields.
      byte[] body = Http.body(request, settings.maxMessageChars * 9 + 512);
      Post post = parse(body, settings.maxMessageChars);
      sessionFor(post.session());
      Answer a = inbound.post(post.session(), post.messageId(), post.text());
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

  private void events(Request request, Response response, Callback callback) {
    if (!request.getMethod().equals("GET")) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      Http.text(response, callback, 405, "use GET");
      return;
    }
    String session = query(request, "session");
    if (session == null || !TOKEN.matcher(session).matches()) {
      rejections.count("bad-session");
      Http.text(response, callback, 400,
          "query parameter 'session' must be 8 to 64 characters of [A-Za-z0-9_-]");
      return;
    }
    if (stopping) {
      Http.text(response, callback, 503, "the chat is shutting down; try again shortly");
      return;
    }
    if (streams.incrementAndGet() > settings.maxStreams) {
      streams.decrementAndGet();
      rejections.count("too-many-streams");
      Http.text(response, callback, 503, "too many open chats; try again shortly");
      return;
    }
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      stream(response, out, sessionFor(session), lastEventId(request));
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
    } finally {
      streams.decrementAndGet();
    }
  }

  private void stream(Response response, OutputStream out, ChatSession session, long cursor)
      throws IOException {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
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

  private static long lastEventId(Request request) {
    String header = request.getHeaders().get("Last-Event-ID");
    try {
      return header == null ? 0 : Math.max(0, Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      return 0; // not one of ours: replay everything remembered
    }
  }

  private static String query(Request request, String name) {
    String q = request.getHttpURI().getQuery();
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
    server.close();
  }
}
