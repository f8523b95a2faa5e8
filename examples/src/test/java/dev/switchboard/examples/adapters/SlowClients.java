package dev.switchboard.examples.adapters;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A slow-client probe on loopback: sockets from one client address (any of 127.0.0.0/8, so each
 * probe can be its own client) that send half a request header and then stall. It tells which of
 * them the server has closed, waiting a bounded time. Nothing leaves the machine.
 */
public final class SlowClients implements AutoCloseable {

  /** Half a request: the request line and part of a header, never the blank line. */
  public static final String HALF_A_HEADER = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty";

  private final List<Socket> sockets = new ArrayList<>();
  private final List<Boolean> closed = new ArrayList<>();

  private SlowClients() {}

  /**
   * Opens {@code count} connections from {@code client} to the loopback {@code port}, sending
   * {@code partial} on each, one after another.
   */
  public static SlowClients open(String client, int port, int count, String partial)
      throws IOException {
    SlowClients probe = new SlowClients();
    InetAddress from = InetAddress.getByName(client);
    for (int i = 0; i < count; i++) {
      Socket s = new Socket();
      probe.sockets.add(s);
      probe.closed.add(false);
      s.bind(new InetSocketAddress(from, 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      try {
        s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      } catch (IOException reset) {
        probe.closed.set(i, true); // closed by the server before the request could be written
      }
    }
    return probe;
  }

  /** How many connections were opened. */
  public int size() {
    return sockets.size();
  }

  /** How many the server has closed so far (end of stream or reset), looking briefly at each. */
  public int closedByServer() throws IOException {
    for (int i = 0; i < sockets.size(); i++) {
      if (!closed.get(i)) {
        Socket s = sockets.get(i);
        s.setSoTimeout(10);
        try {
          InputStream in = s.getInputStream();
          byte[] buffer = new byte[1024];
          int n;
          while ((n = in.read(buffer)) > 0) {
            // an answer (a 408, say) before the close: read on to the end
          }
          if (n < 0) {
            closed.set(i, true);
          }
        } catch (SocketTimeoutException stillOpen) {
          // nothing yet
        } catch (IOException reset) {
          closed.set(i, true);
        }
      }
    }
    return (int) closed.stream().filter(c -> c).count();
  }

  /**
   * Waits until the server has closed at least {@code n} of the connections, or {@code within}
   * has passed; returns how many it closed.
   */
  public int awaitClosed(int n, Duration within) throws IOException {
    long end = System.nanoTime() + within.toNanos();
    int count = closedByServer();
    while (count < n && System.nanoTime() < end) {
      count = closedByServer(); // each look waits 10 ms per open socket: a bounded poll
    }
    return count;
  }

  @Override
  public void close() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing a probe socket: nothing to do
      }
    }
  }
}
