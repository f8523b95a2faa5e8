package dev.switchboard.examples.adapters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Small helpers the HTTP-based adapters share for answering and reading bounded bodies: request
 * bodies on the server side, and a counterpart's answers on the client side, neither read past
 * its limit.
 */
public final class Http {

  /**
   * The most of a provider's answer an adapter reads: 64 KiB, ample for a JSON status and an id,
   * far short of what a broken or hostile provider could stream.
   */
  public static final int MAX_ANSWER_BYTES = 64 << 10;

  /**
   * A counterpart's answer longer than the limit: the body handler stopped reading at the limit
   * (or refused a longer declared {@code Content-Length}) and hung up.
   */
  public static final class AnswerTooLarge extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    AnswerTooLarge(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status the counterpart answered with. */
    public int status() {
      return status;
    }
  }

  /** The most of a refused body read only to drop it. */
  private static final long MAX_DISCARD = 4L << 20;

  private Http() {}

  /**
   * Answers {@code status} with a UTF-8 body of {@code type}, completing {@code callback}. Every
   * answer is marked not to be cached, sniffed or sent as a referrer.
   */
  public static void reply(Response response, Callback callback, int status, String type,
      String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, type);
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  /** Answers {@code status} with a plain-text reason, completing {@code callback}. */
  public static void text(Response response, Callback callback, int status, String reason) {
    reply(response, callback, status, "text/plain; charset=utf-8", reason);
  }

  /**
   * The HTTP status for a refusal's reason: 401 for signature problems, 413 for size, 415 for a
   * body that is not a form, 429 for a flood, 400 for anything else malformed.
   */
  public static int status(String reason) {
    switch (reason) {
      case "unsigned":
      case "bad-signature":
      case "stale":
        return 401;
      case "too-large":
      case "too-long":
        return 413;
      case "not-a-form":
        return 415;
      case "flood":
        return 429;
      default:
        return 400;
    }
  }

  /** Counts {@code r} and answers it with its status and message. */
  public static void refuse(Response response, Callback callback, Rejections rejections,
      InboundRejected r) {
    rejections.count(r.reason());
    // the body of a refused request may be left unread, and the server then drops the
    // connection: say so, or a client reusing it for its next request meets a closed socket
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    text(response, callback, status(r.reason()), r.getMessage());
  }

  /**
   * Refuses ({@code not-a-form}) a request whose body is not {@code
   * application/x-www-form-urlencoded}.
   */
  public static void requireForm(Request request) throws InboundRejected {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new InboundRejected("not-a-form", "Content-Type must be "
          + "application/x-www-form-urlencoded, was " + type);
    }
  }

  /**
   * The request body, refusing ({@code too-large}) one over {@code maxBytes} without reading
   * more than one byte past the limit (what is left of a refused body is read and dropped).
   */
  public static byte[] body(Request request, int maxBytes) throws IOException, InboundRejected {
    String declared = request.getHeaders().get(HttpHeader.CONTENT_LENGTH);
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw new InboundRejected("bad-form", "Content-Length '" + declared + "' is not a number");
      }
      if (length > maxBytes) {
        discard(request);
        throw new InboundRejected("too-large", "request body is " + length
            + " bytes; at most " + maxBytes + " are accepted");
      }
    }
    byte[] bytes = Content.Source.asInputStream(request).readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      discard(request);
      throw new InboundRejected("too-large", "request body is over " + maxBytes
          + " bytes; at most " + maxBytes + " are accepted");
    }
    return bytes;
  }

  /**
   * A body handler that reads at most {@code maxBytes} of the answer. A longer answer, declared
   * or streamed, fails the exchange with {@link AnswerTooLarge} and cancels the rest, which closes
   * the connection; at most {@code maxBytes} are ever held.
   */
  public static HttpResponse.BodyHandler<byte[]> boundedAnswer(int maxBytes) {
    return info -> new BoundedAnswer(maxBytes, info.statusCode(),
        info.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  /** Collects an answer up to its limit; the Flow contract serialises the calls. */
  private static final class BoundedAnswer implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final int status;
    private final long declared;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedAnswer(int max, int status, long declared) {
      this.max = max;
      this.status = status;
      this.declared = declared;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared > max) {
        refuse("declares a body of " + declared + " bytes (Content-Length)");
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (body.isDone()) {
          return;
        }
        if (bytes.size() + (long) b.remaining() > max) {
          refuse("sent a body of more than " + max + " bytes");
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    private void refuse(String what) {
      subscription.cancel();
      body.completeExceptionally(new AnswerTooLarge(status, "the answer (status " + status + ") "
          + what + "; at most " + max + " bytes are read"));
    }

    @Override
    public void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }
  }

  /**
   * Reads and drops what is left of a refused body, up to {@link #MAX_DISCARD} bytes, so the
   * client sees the answer: closing a socket with unread input resets it, and the reset can
   * overtake the response. Past that the connection is simply closed.
   */
  private static void discard(Request request) throws IOException {
    InputStream in = Content.Source.asInputStream(request);
    byte[] buffer = new byte[8192];
    long left = MAX_DISCARD;
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= n;
    }
  }
}
