package dev.switchboard.examples.adapters;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Small helpers the HTTP-based adapters share for answering and reading bounded bodies. */
public final class Http {

  /** The most of a refused body read only to drop it. */
  private static final long MAX_DISCARD = 4L << 20;

  private Http() {}

  /** Answers {@code status} with a UTF-8 body of {@code type} and closes the exchange. */
  public static void reply(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Answers {@code status} with a plain-text reason and closes the exchange. */
  public static void text(HttpExchange ex, int status, String reason) throws IOException {
    reply(ex, status, "text/plain; charset=utf-8", reason);
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
  public static void refuse(HttpExchange ex, Rejections rejections, InboundRejected r)
      throws IOException {
    rejections.count(r.reason());
    text(ex, status(r.reason()), r.getMessage());
  }

  /**
   * Refuses ({@code not-a-form}) a request whose body is not {@code
   * application/x-www-form-urlencoded}.
   */
  public static void requireForm(HttpExchange ex) throws InboundRejected {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new InboundRejected("not-a-form", "Content-Type must be "
          + "application/x-www-form-urlencoded, was " + type);
    }
  }

  /**
   * The request body, refusing ({@code too-large}) one over {@code maxBytes} without reading
   * more than one byte past the limit.
   */
  public static byte[] body(HttpExchange ex, int maxBytes) throws IOException, InboundRejected {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw new InboundRejected("bad-form", "Content-Length '" + declared + "' is not a number");
      }
      if (length > maxBytes) {
        discard(ex);
        throw new InboundRejected("too-large", "request body is " + length
            + " bytes; at most " + maxBytes + " are accepted");
      }
    }
    InputStream in = ex.getRequestBody();
    byte[] bytes = in.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      discard(ex);
      throw new InboundRejected("too-large", "request body is over " + maxBytes
          + " bytes; at most " + maxBytes + " are accepted");
    }
    return bytes;
  }

  /**
   * Reads and drops what is left of a refused body, up to {@link #MAX_DISCARD} bytes, so the
   * client sees the answer: closing a socket with unread input resets it, and the reset can
   * overtake the response. Past that the connection is simply closed.
   */
  private static void discard(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    byte[] buffer = new byte[8192];
    long left = MAX_DISCARD;
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= n;
    }
  }
}
