package dev.switchboard.examples.adapters.sms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local SMS provider on a JDK HttpServer: it takes the adapter's outbound POSTs (checking their
 * signature with its own HMAC code, answering 401 when it does not match) and sends signed
 * inbound webhooks to the adapter.
 */
public final class SmsProvider implements AutoCloseable {

  public static final String SECRET = "a-shared-secret-of-32-characters";
  public static final String CENTRE = "+15550100";

  /** One text the adapter sent. */
  public record Sent(Map<String, String> form, String idempotencyKey) {}

  private final HttpServer server;
  /** A number the provider refuses outright (not a mobile), answering 400. */
  static final String UNREACHABLE = "+15559999999";

  private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
  private final List<Sent> all = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextId = new AtomicInteger();
  private final AtomicReference<Integer> failWith = new AtomicReference<>();
  private final AtomicReference<Flood> flood = new AtomicReference<>();
  private final BlockingQueue<Long> floodWritten = new LinkedBlockingQueue<>();

  /** An answer of {@code bytes} bytes, its length declared up front or streamed in chunks. */
  private record Flood(long bytes, boolean declared) {}
  private final HttpClient http = HttpClient.newHttpClient();

  public SmsProvider() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/messages", this::receive);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/messages");
  }

  /** Answers every later outbound POST with {@code status}; null for normal service. */
  void failWith(Integer status) {
    failWith.set(status);
  }

  /**
   * Answers every later outbound POST with 201 and a body of {@code bytes} bytes (a JSON string
   * that never closes), declaring its length or streaming it chunked; each such answer ends
   * when all is written or the adapter hangs up.
   */
  void answerWith(long bytes, boolean declareLength) {
    flood.set(new Flood(bytes, declareLength));
  }

  /** How many bytes of the next oversized answer were written before it ended, waiting 10 s. */
  long floodWritten() throws InterruptedException {
    Long n = floodWritten.poll(10, TimeUnit.SECONDS);
    if (n == null) {
      throw new AssertionError("the oversized answer did not end within 10 s");
    }
    return n;
  }

  /** The next text the adapter sent, waiting up to 10 s. */
  public Sent nextSent() throws InterruptedException {
    Sent s = sent.poll(10, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("the adapter sent no text within 10 s");
    }
    return s;
  }

  /** Every text the adapter sent so far. */
  List<Sent> all() {
    return List.copyOf(all);
  }

  /** A text the adapter sent within {@code millis}, or null. */
  Sent sentWithin(long millis) throws InterruptedException {
    return sent.poll(millis, TimeUnit.MILLISECONDS);
  }

  private void receive(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String ts = ex.getRequestHeaders().getFirst("X-Switchboard-Timestamp");
    String sig = ex.getRequestHeaders().getFirst("X-Switchboard-Signature");
    Integer fail = failWith.get();
    if (ts == null || sig == null || !MessageDigest.isEqual(
        sign(Long.parseLong(ts), body).getBytes(StandardCharsets.US_ASCII),
        sig.getBytes(StandardCharsets.US_ASCII))) {
      answer(ex, 401, "{\"error\":\"bad signature\"}");
    } else if (fail != null) {
      answer(ex, fail, "{\"error\":\"provider says " + fail + "\"}");
    } else if (flood.get() != null) {
      flood(ex, flood.get());
    } else if (UNREACHABLE.equals(parse(new String(body, StandardCharsets.US_ASCII)).get("To"))) {
      answer(ex, 400, "{\"error\":\"not a mobile number\"}");
    } else {
      Sent s = new Sent(parse(new String(body, StandardCharsets.US_ASCII)),
          ex.getRequestHeaders().getFirst("Idempotency-Key"));
      all.add(s);
      sent.add(s);
      answer(ex, 201, "{\"id\":\"SM" + nextId.incrementAndGet() + "\",\"status\":\"queued\"}");
    }
  }

  private void flood(HttpExchange ex, Flood f) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(201, f.declared() ? f.bytes() : 0);
    byte[] chunk = new byte[64 << 10];
    java.util.Arrays.fill(chunk, (byte) 'x');
    byte[] start = "{\"id\":\"SM-flood\",\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
    long written = 0;
    try (OutputStream out = ex.getResponseBody()) {
      out.write(start);
      written = start.length;
      while (written < f.bytes()) {
        int n = (int) Math.min(chunk.length, f.bytes() - written);
        out.write(chunk, 0, n);
        written += n;
      }
    } catch (IOException hungUp) {
      // the adapter stopped reading and closed the connection: what this fake is here to see
    } finally {
      floodWritten.add(written);
    }
  }

  private static void answer(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  static Map<String, String> parse(String form) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  static String form(Map<String, String> fields) {
    StringBuilder b = new StringBuilder();
    fields.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  /** HMAC-SHA256 over timestamp + "." + body, written here independently of the adapter. */
  static String sign(long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A customer's text as the provider would POST it, signed now. */
  public HttpResponse<String> deliverInbound(URI webhook, Map<String, String> fields) throws Exception {
    byte[] body = form(fields).getBytes(StandardCharsets.US_ASCII);
    long now = System.currentTimeMillis() / 1000;
    return post(webhook, body, "application/x-www-form-urlencoded", Long.toString(now),
        sign(now, body));
  }

  /** A raw POST to the webhook with the given headers; null headers are left out. */
  HttpResponse<String> post(URI webhook, byte[] body, String type, String timestamp,
      String signature) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(webhook)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      r.header("Content-Type", type);
    }
    if (timestamp != null) {
      r.header("X-Switchboard-Timestamp", timestamp);
    }
    if (signature != null) {
      r.header("X-Switchboard-Signature", signature);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static Map<String, String> text(String id, String from, String body) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("MessageId", id);
    m.put("From", from);
    m.put("To", CENTRE);
    m.put("Body", body);
    return m;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
