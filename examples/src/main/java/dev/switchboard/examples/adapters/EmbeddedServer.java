package dev.switchboard.examples.adapters;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An HTTP server on the loopback interface (Jetty's core server) that slow or greedy clients
 * cannot stall: the web chat, the SMS webhook and the demo's dashboard run on it. See {@link
 * HttpLimits} for what it bounds:
 *
 * <ul>
 *   <li>at most {@code workers} requests are served at once and at most {@code queue} more wait,
 *       each for at most the request timeout; beyond that a request is answered 503 at once.
 *       Headers are read by the selector, so a client that never finishes its headers holds no
 *       worker. (Jetty's own task queue stays unbounded, as Jetty requires of it: its internal
 *       tasks must never be rejected. It holds at most a task or two per connection, and
 *       connections are capped.)
 *   <li>an idle timeout (nothing read or written), after which the connection is closed: it alone
 *       ends a keep-alive connection waiting between requests;
 *   <li>a request timeout, counted from a request's first byte (on a new connection, from the
 *       accept): a connection whose request has not reached the handler by then is closed,
 *       however many bytes trickle in. A keep-alive connection idle between requests is not
 *       timed by it, only by the longer idle timeout: its client may reuse it at any moment, and
 *       one cut just then fails a request (a POST, say) that the client cannot safely resend;
 *   <li>a cap on open connections in all, and one per client address: a connection beyond it is
 *       closed as soon as it is accepted;
 *   <li>a cap on the size of the request line and headers.
 * </ul>
 *
 * <p>Jetty does not say the server's version. Thread-safe.
 */
public final class EmbeddedServer implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;
  private final ClientCaps caps;

  private EmbeddedServer(Server server, ServerConnector connector, ClientCaps caps) {
    this.server = server;
    this.connector = connector;
    this.caps = caps;
  }

  /**
   * Starts a server on the loopback interface, on {@code port} (0: the system picks one),
   * serving every request with {@code handler}, which may block (waiting for the engine, say).
   *
   * @param name the threads' name prefix
   * @throws IOException if the port cannot be bound
   */
  public static EmbeddedServer start(String name, int port, HttpLimits limits, Handler handler)
      throws IOException {
    // one acceptor and one selector take a thread each, Jetty's own tasks a few more; reserved
    // threads are not used
    QueuedThreadPool pool = new QueuedThreadPool(limits.workers() + 6, 2, 60_000, 0, null, null);
    pool.setName(name);
    pool.setDaemon(true);
    pool.setStopTimeout(1_000);
    Server server = new Server(pool);
    server.setStopTimeout(0);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(limits.maxHeaderBytes());
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    ClientCaps caps = new ClientCaps(name, limits);
    connector.addEventListener(caps);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
    QoSHandler queue = new QoSHandler(handler);
    queue.setMaxRequestCount(limits.workers());
    queue.setMaxSuspendedRequestCount(limits.queue());
    queue.setMaxSuspend(limits.requestTimeout());
    queue.setRejectStatusCode(503);
    server.setHandler(new Tracking(caps, queue));
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly(server, caps);
      throw e;
    } catch (Exception e) {
      stopQuietly(server, caps);
      throw new IOException("cannot start the HTTP server on port " + port + ": " + e, e);
    }
    return new EmbeddedServer(server, connector, caps);
  }

  /** The port the server listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
  public String url(String path) {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port() + path;
  }

  /** Connections closed at once because their client already had its share open. */
  public long refusedConnections() {
    return caps.refused.sum();
  }

  /**
   * Connections closed because a request on them did not reach the handler within the request
   * timeout of its first byte (on a new connection, of the accept).
   */
  public long slowConnectionsClosed() {
    return caps.slow.sum();
  }

  /** Stops accepting, closes every connection and ends the threads. */
  @Override
  public void close() {
    stopQuietly(server, caps);
  }

  private static void stopQuietly(Server server, ClientCaps caps) {
    caps.watchdog.shutdownNow();
    try {
      server.stop();
    } catch (Exception e) {
      // stopping is best effort: the threads are daemons and the port is released on close
    }
  }

  /** Marks each connection busy while one of its requests is being served. */
  private static final class Tracking extends Handler.Wrapper {
    private final ClientCaps caps;

    Tracking(ClientCaps caps, Handler handler) {
      super(handler);
      this.caps = caps;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
        throws Exception {
      Watch w = caps.open.get(request.getConnectionMetaData().getConnection());
      if (w != null) {
        w.begin();
        Request.addCompletionListener(request, failure -> w.end());
      }
      return super.handle(request, response, callback);
    }
  }

  /**
   * One accepted connection: its client, and whether a request is pending on it, since when. A
   * new connection owes its first request from the accept; once a request has been served, the
   * connection is idle until bytes of the next one are read, and an idle connection is left to
   * the idle timeout.
   */
  private static final class Watch {
    final InetAddress client;
    private final Connection connection;
    private int active;
    private boolean pending = true;
    private long pendingSince = System.nanoTime();
    /** Bytes read when the last request ended: more means the next request has begun. */
    private long bytesAtRest;
    private boolean closing;

    Watch(InetAddress client, Connection connection) {
      this.client = client;
      this.connection = connection;
    }

    synchronized void begin() {
      active++;
      pending = false;
    }

    synchronized void end() {
      active--;
      bytesAtRest = connection.getBytesIn();
    }

    /**
     * True once, when a request has been pending for {@code nanos}: the caller closes the
     * connection. A request is seen to begin at the first look after its first bytes were read,
     * so it is given at least {@code nanos}, and at most a look's period more.
     */
    synchronized boolean expire(long nanos, long now) {
      if (closing || active > 0) {
        return false;
      }
      if (!pending) {
        if (connection.getBytesIn() == bytesAtRest) {
          return false; // idle between requests: the idle timeout's to close
        }
        pending = true;
        pendingSince = now;
      }
      if (now - pendingSince < nanos) {
        return false;
      }
      closing = true;
      return true;
    }
  }

  /** Caps connections per client address and closes connections whose request never comes. */
  private static final class ClientCaps implements Connection.Listener {
    final Map<Connection, Watch> open = new ConcurrentHashMap<>();
    final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    final LongAdder refused = new LongAdder();
    final LongAdder slow = new LongAdder();
    final ScheduledExecutorService watchdog;
    private final int maxPerClient;
    private final long requestTimeoutNanos;

    ClientCaps(String name, HttpLimits limits) {
      this.maxPerClient = limits.maxConnectionsPerClient();
      this.requestTimeoutNanos = limits.requestTimeout().toNanos();
      watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, name + "-watchdog");
        t.setDaemon(true);
        return t;
      });
      long period = Math.max(50, limits.requestTimeout().toMillis() / 4);
      watchdog.scheduleWithFixedDelay(this::closeSlow, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
      InetAddress client = client(connection.getEndPoint().getRemoteSocketAddress());
      int count = perClient.merge(client, 1, Integer::sum);
      if (count > maxPerClient) {
        perClient.computeIfPresent(client, (a, n) -> n <= 1 ? null : n - 1);
        refused.increment();
        connection.getEndPoint().close();
        return;
      }
      open.put(connection, new Watch(client, connection));
    }

    @Override
    public void onClosed(Connection connection) {
      Watch w = open.remove(connection);
      if (w != null) {
        perClient.computeIfPresent(w.client, (a, n) -> n <= 1 ? null : n - 1);
      }
    }

    private void closeSlow() {
      long now = System.nanoTime();
      open.forEach((connection, w) -> {
        if (w.expire(requestTimeoutNanos, now)) {
          slow.increment();
          connection.getEndPoint().close();
        }
      });
    }

    private static InetAddress client(SocketAddress address) {
      return address instanceof InetSocketAddress a && a.getAddress() != null
          ? a.getAddress() : InetAddress.getLoopbackAddress();
    }
  }
}
