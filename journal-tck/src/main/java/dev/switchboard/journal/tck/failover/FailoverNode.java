package dev.switchboard.journal.tck.failover;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.cluster.DomainListener;
import dev.switchboard.cluster.Route;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.event.RoutingEventListener;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every failover node shares, whatever its store: the engine it builds for a domain, the
 * line protocol it serves commands over on a loopback port, and the record of its side effects
 * (every event its engines emit, one line each with the epoch it led in, and one line per domain
 * it gained). A store's node is a main class (run by {@link NodeProcess}) that builds its {@link
 * SwitchboardCluster} with {@link #engine()}, {@link Effects#listener} and {@link Effects} as the
 * domain listener, and calls {@link #serve}.
 *
 * <p>A request is {@code <id> <domain> <op> <arg>}, with op {@code add-agent}, {@code submit} or
 * {@code finish}; the answer is {@code <id>} and then {@code OK}, {@code REJECTED <reason>}
 * (refused: not applied), {@code NOT_LEADER <node> <address>} or {@code NO_LEADER} (not applied:
 * ask elsewhere, or again), or {@code UNKNOWN <what>} (it may or may not have been applied).
 */
public final class FailoverNode {

  private FailoverNode() {}

  /** The engine every node and the checker build for a domain: chat offers auto-accepted. */
  public static SwitchboardBuilder engine() {
    return Switchboard.builder().autoAccept(Channel.CHAT);
  }

  /** The agents' capacity on chat, which the checker holds them to. */
  public static final int CAPACITY = 2;

  /** A loopback server socket on a free port, for the node to serve on. */
  public static ServerSocket socket() throws IOException {
    return new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
  }

  /** The address a node serving on the socket hands out: {@code 127.0.0.1:<port>}. */
  public static String address(ServerSocket server) {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Prints {@code READY <port>} and serves the cluster's domains on the socket, for ever. */
  public static void serve(SwitchboardCluster cluster, ServerSocket server) throws IOException {
    System.out.println("READY " + server.getLocalPort());
    System.out.flush();
    while (true) {
      Socket socket = server.accept();
      Thread t = new Thread(() -> serve(cluster, socket), "failover-client");
      t.setDaemon(true);
      t.start();
    }
  }

  private static void serve(SwitchboardCluster cluster, Socket socket) {
    try (socket;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
            StandardCharsets.UTF_8));
        Writer out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(),
            StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split(" ");
        out.write(f[0] + " " + answer(cluster, f[1], f[2], f[3]) + "\n");
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static String answer(SwitchboardCluster cluster, String domain, String op, String arg) {
    Route route = cluster.route(domain);
    if (route instanceof Route.Elsewhere e) {
      return "NOT_LEADER " + e.node() + " " + e.address();
    }
    if (!(route instanceof Route.Leader leader)) {
      return "NO_LEADER";
    }
    Switchboard engine = leader.engine();
    try {
      switch (op) {
        case "add-agent" -> {
          await(engine.addAgent(Agent.builder(arg).capacity(Channel.CHAT, CAPACITY).build()));
          await(engine.setPresence(arg, Presence.AVAILABLE));
        }
        case "submit" -> await(engine.submit(WorkItem.builder(arg, Channel.CHAT)
            .customer("c-" + arg).build()));
        case "finish" -> {
          EngineSnapshot snapshot = await(engine.snapshot());
          Optional<EngineSnapshot.ItemView> item = snapshot.item(arg);
          if (item.isEmpty() || item.get().state() != ItemState.ASSIGNED) {
            return "REJECTED NOT_ASSIGNED";
          }
          await(engine.complete(item.get().agentId().orElseThrow(), arg, Outcome.RESOLVED));
        }
        default -> throw new IllegalArgumentException("unknown op " + op);
      }
      return "OK";
    } catch (CommandRejectedException e) {
      return switch (e.reason()) {
        case NOT_LEADER -> "NOT_LEADER - -";
        case ENGINE_FAILED, ENGINE_CLOSED -> "UNKNOWN " + e.reason();
        default -> "REJECTED " + e.reason();
      };
    } catch (TimeoutException e) {
      return "UNKNOWN TIMEOUT";
    }
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage)
      throws TimeoutException {
    try {
      return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof CommandRejectedException rejected) {
        throw rejected;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
  }

  /**
   * The node's side effects: each event its engines emit ({@code <epoch> TAB <domain> TAB
   * <sequence> TAB <event>}), with the epoch the node led the domain in, and each domain it
   * gained ({@code gained TAB <epoch> TAB <domain>}), flushed line by line (a killed node loses
   * only the line it was writing).
   */
  public static final class Effects implements DomainListener {

    /** One engine build: its epoch is known once the cluster says the node gained the domain. */
    private static final class Build {
      final CountDownLatch led = new CountDownLatch(1);
      volatile long epoch = -1;
    }

    private final Writer out;
    private final Map<String, Build> latest = new ConcurrentHashMap<>();

    /** Appends to the file. */
    public Effects(Path file) throws IOException {
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }

    /** The listener of the domain's engine being built. */
    public RoutingEventListener listener(String domain) {
      Build build = new Build();
      latest.put(domain, build);
      return event -> {
        try {
          build.led.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        write(build.epoch + "\t" + domain + "\t" + event.sequence() + "\t"
            + event.toString().replace('\n', ' ').replace('\t', ' '));
      };
    }

    @Override
    public void gained(String domain, Switchboard engine, long epoch) {
      Build build = latest.get(domain);
      build.epoch = epoch;
      build.led.countDown();
      write("gained\t" + epoch + "\t" + domain);
    }

    private synchronized void write(String line) {
      try {
        out.write(line + "\n");
        out.flush();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
