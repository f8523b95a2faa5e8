package dev.switchboard.journal.tck.failover;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The failover tests' client (shared by the PostgreSQL and Kafka modules' tests): sends uniquely numbered commands to whichever node leads their
 * domain, following NOT_LEADER answers, and records how each ended. Only answers that say the
 * command was not applied (NOT_LEADER, NO_LEADER, a refused connection) are retried, with the
 * same command; anything that may have been applied and was not confirmed is recorded as
 * UNKNOWN and never retried, so that the checker can hold every confirmed command to "exactly
 * once" and every other one to "at most once".
 */
public final class FailoverClient {

  /** How a command ended. */
  public enum Status { ACKED, REJECTED, NOT_APPLIED, UNKNOWN }

  /** One command and how it ended. */
  public record Sent(String domain, String op, String arg, Status status, String detail) {}

  private final Supplier<List<String>> nodes;
  private final Map<String, String> leaders = new ConcurrentHashMap<>();
  private final List<Sent> sent = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final int readTimeoutMillis;

  /** A client of the nodes whose addresses ({@code host:port}) the supplier gives now. */
  public FailoverClient(Supplier<List<String>> nodes, int readTimeoutMillis) {
    this.nodes = nodes;
    this.readTimeoutMillis = readTimeoutMillis;
  }

  /** Every command sent so far, with how it ended. */
  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Sends the command until it is applied, refused, or may have been; gives up after 30 s. */
  public Sent send(String domain, String op, String arg) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    String detail = "no node answered";
    int attempt = 0;
    while (System.nanoTime() < end) {
      List<String> all = nodes.get();
      String target = leaders.getOrDefault(domain, all.get(attempt++ % all.size()));
      String answer;
      try (Socket s = new Socket()) {
        try {
          s.connect(address(target), 1_000);
        } catch (IOException e) {
          leaders.remove(domain);
          detail = "cannot connect to " + target;
          Thread.sleep(20);
          continue; // nothing was sent
        }
        s.setSoTimeout(readTimeoutMillis);
        long id = ids.incrementAndGet();
        OutputStream out = s.getOutputStream();
        out.write((id + " " + domain + " " + op + " " + arg + "\n")
            .getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
            StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
          return record(domain, op, arg, Status.UNKNOWN, target + " closed without answering");
        }
        answer = line.substring(line.indexOf(' ') + 1);
      } catch (SocketTimeoutException e) {
        leaders.remove(domain);
        return record(domain, op, arg, Status.UNKNOWN, target + " did not answer in time");
      } catch (IOException e) {
        leaders.remove(domain);
        return record(domain, op, arg, Status.UNKNOWN, target + ": " + e);
      }
      String[] f = answer.split(" ");
      switch (f[0]) {
        case "OK" -> {
          leaders.put(domain, target);
          return record(domain, op, arg, Status.ACKED, target);
        }
        case "REJECTED" -> {
          return record(domain, op, arg, Status.REJECTED, answer);
        }
        case "NOT_LEADER" -> {
          detail = answer;
          if (!f[2].equals("-") && !f[2].equals(target)) {
            leaders.put(domain, f[2]);
          } else {
            leaders.remove(domain);
            Thread.sleep(20);
          }
        }
        case "NO_LEADER" -> {
          detail = answer;
          leaders.remove(domain);
          Thread.sleep(20);
        }
        default -> {
          return record(domain, op, arg, Status.UNKNOWN, target + ": " + answer);
        }
      }
    }
    return record(domain, op, arg, Status.NOT_APPLIED, detail);
  }

  private synchronized Sent record(String domain, String op, String arg, Status status,
      String detail) {
    Sent s = new Sent(domain, op, arg, status, detail);
    sent.add(s);
    return s;
  }

  private static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new InetSocketAddress(hostPort.substring(0, colon),
        Integer.parseInt(hostPort.substring(colon + 1)));
  }
}
