package dev.switchboard.examples.adapters.voice;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Kamailio run by a test as the trunk-facing proxy in front of the voice adapter, with
 * the configuration {@code kamailio.cfg} beside this class: in the foreground, logging to a file,
 * on loopback, stopped by its PID on close. On CI a missing Kamailio fails the test; elsewhere
 * the test is skipped, saying why.
 */
final class Kamailio implements AutoCloseable {

  static final Path KAMAILIO = Path.of("/usr/sbin/kamailio");
  private static final Pattern RELAYED = Pattern.compile("relay (\\w+) from (\\S+)");

  private final Process process;
  private final Path log;
  private final int port;

  private Kamailio(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Fails on CI, skips elsewhere, when it is not installed. */
  static void require() {
    LocalBinary.require(KAMAILIO, "kamailio");
  }

  /**
   * Starts Kamailio listening on loopback {@code port}, relaying the trunk's requests to the
   * adapter at loopback {@code adapterPort}; returns once it answers on its port, or fails with
   * its log.
   */
  static Kamailio start(Path dir, int port, int adapterPort) throws Exception {
    Files.createDirectories(dir);
    String config;
    try (InputStream in = Kamailio.class.getResourceAsStream("kamailio.cfg")) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path file = dir.resolve("kamailio.cfg");
    Files.writeString(file, config.replace("${LISTEN}", "127.0.0.1:" + port)
        .replace("${ADAPTER}", "127.0.0.1:" + adapterPort));
    Path log = dir.resolve("kamailio.log");
    // -DD: no daemon, the test holds its PID; -E: log to stderr, into the file; small memory
    Process p = new ProcessBuilder(List.of(KAMAILIO.toString(), "-f", file.toString(), "-DD",
        "-E", "-m", "32", "-M", "8", "-w", dir.toString(), "-Y", dir.toString()))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Kamailio k = new Kamailio(p, log, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    // the last thing it logs at start, once its UDP socket is bound
    while (!Files.readString(log).contains("SO_RCVBUF is finally")) {
      if (!p.isAlive()) {
        fail("Kamailio stopped at start, exit " + p.exitValue() + ":\n" + k.output());
      }
      if (System.nanoTime() > deadline) {
        k.close();
        fail("Kamailio did not start within 20 s:\n" + k.output());
      }
      Thread.sleep(50);
    }
    return k;
  }

  /** The SIP methods Kamailio relayed, in order, from its log. */
  List<String> relayed() throws IOException {
    return relays().map(r -> r.group(1)).toList();
  }

  /** Where Kamailio's relayed requests of {@code method} came from ({@code ip:port}), in order. */
  List<String> relayedFrom(String method) throws IOException {
    return relays().filter(r -> r.group(1).equals(method)).map(r -> r.group(2)).toList();
  }

  private Stream<MatchResult> relays() throws IOException {
    return RELAYED.matcher(Files.readString(log)).results();
  }

  /** The loopback port it listens on, where the trunk sends. */
  int port() {
    return port;
  }

  /** Whether the process still runs. */
  boolean running() {
    return process.isAlive();
  }

  String output() throws IOException {
    String s = Files.exists(log) ? Files.readString(log) : "";
    return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
  }

  /** Stops Kamailio by its PID, and any of its worker processes left behind. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> workers = process.toHandle().descendants().toList();
    LocalBinary.stop(process);
    for (ProcessHandle w : workers) {
      if (w.isAlive()) {
        w.destroyForcibly();
      }
    }
  }
}
