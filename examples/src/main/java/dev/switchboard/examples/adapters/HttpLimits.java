package dev.switchboard.examples.adapters;

import java.time.Duration;

/**
 * The limits an {@link EmbeddedServer} enforces on its clients, so that slow or greedy clients
 * cannot stall it. Every value is validated; {@link #defaults()} suits a server behind a proxy
 * with a few dozen clients at once.
 *
 * @param workers requests served at once; a request waiting for the engine or an open event
 *     stream holds one
 * @param queue requests waiting for a free worker, each for at most the request timeout; beyond
 *     it a request is answered 503 at once
 * @param maxConnections open connections in all; beyond it new connections wait in the system's
 *     accept backlog
 * @param maxConnectionsPerClient open connections from one client address; a connection beyond it
 *     is closed as soon as it is accepted
 * @param idleTimeout a connection on which nothing is read or written for this long is closed;
 *     this is how long a keep-alive connection may wait for its next request
 * @param requestTimeout a connection whose request has not reached the handler this long after
 *     its first byte (on a new connection, after the accept) is closed, even if it trickles bytes:
 *     the bound on how long a client may take to send its headers. A keep-alive connection idle
 *     between requests is not timed by it
 * @param maxHeaderBytes the request line and headers, in bytes; more is answered 431
 */
public record HttpLimits(int workers, int queue, int maxConnections, int maxConnectionsPerClient,
    Duration idleTimeout, Duration requestTimeout, int maxHeaderBytes) {

  /** Validates the limits. */
  public HttpLimits {
    Options.atLeast(workers, 1, "workers");
    Options.atLeast(queue, 1, "queue");
    Options.atLeast(maxConnections, 1, "maxConnections");
    Options.atLeast(maxConnectionsPerClient, 1, "maxConnectionsPerClient");
    Options.positive(idleTimeout, "idleTimeout");
    Options.positive(requestTimeout, "requestTimeout");
    Options.atLeast(maxHeaderBytes, 1024, "maxHeaderBytes");
  }

  /**
   * 16 workers, a queue of 64, 256 connections of which 16 per client, a 30 s idle timeout, 10 s
   * to send a request's headers, 8 KiB of headers.
   */
  public static HttpLimits defaults() {
    return new HttpLimits(16, 64, 256, 16, Duration.ofSeconds(30), Duration.ofSeconds(10), 8192);
  }

  /** These limits with {@code n} workers. */
  public HttpLimits withWorkers(int n) {
    return new HttpLimits(n, queue, maxConnections, maxConnectionsPerClient, idleTimeout,
        requestTimeout, maxHeaderBytes);
  }

  /** These limits with at most {@code n} connections in all. */
  public HttpLimits withMaxConnections(int n) {
    return new HttpLimits(workers, queue, n, maxConnectionsPerClient, idleTimeout,
        requestTimeout, maxHeaderBytes);
  }

  /** These limits with at most {@code n} connections from one client address. */
  public HttpLimits withMaxConnectionsPerClient(int n) {
    return new HttpLimits(workers, queue, maxConnections, n, idleTimeout, requestTimeout,
        maxHeaderBytes);
  }

  /** These limits with the given idle and request timeouts. */
  public HttpLimits withTimeouts(Duration idle, Duration request) {
    return new HttpLimits(workers, queue, maxConnections, maxConnectionsPerClient, idle, request,
        maxHeaderBytes);
  }
}
