package dev.switchboard.examples.adapters.voice;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of Debian's SIPp ({@code sip-tester}) on loopback playing a scenario written by the
 * test: one call ({@code -m 1}), bounded by {@code -timeout}, stopped by its PID on close. On CI
 * a missing SIPp fails the test; elsewhere the test is skipped, saying why.
 */
final class Sipp implements AutoCloseable {

  static final Path SIPP = Path.of("/usr/bin/sipp");

  private final Process process;
  private final Path log;
  private final String name;

  private Sipp(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Fails on CI, skips elsewhere, when it is not installed. */
  static void require() {
    LocalBinary.require(SIPP, "sip-tester");
  }

  /** A UDP port free on loopback now. */
  static int freePort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts SIPp on {@code localPort} playing {@code scenario} (the XML) towards {@code target}
   * ({@code host:port}; null for a phone that only answers), for at most {@code limit}.
   */
  static Sipp start(Path dir, String name, String scenario, int localPort, String target,
      Duration limit) throws IOException {
    return start(dir, name, scenario, localPort, target, limit, List.of());
  }

  /** As above, with further options for SIPp ({@code -cid_str}, say). */
  static Sipp start(Path dir, String name, String scenario, int localPort, String target,
      Duration limit, List<String> options) throws IOException {
    Path file = dir.resolve(name + ".xml");
    Files.writeString(file, scenario);
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(SIPP.toString()));
    if (target != null) {
      command.add(target);
    }
    command.addAll(List.of("-sf", file.toString(), "-m", "1", "-p", Integer.toString(localPort),
        "-i", "127.0.0.1",
        "-timeout", limit.toSeconds() + "s", "-timeout_error", "-nostdin", "-trace_err",
        "-error_file", dir.resolve(name + ".errors").toString()));
    command.addAll(options);
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Sipp(name, p, log);
  }

  /** Waits for the scenario to end; fails naming SIPp's errors unless it ended successfully. */
  void awaitSuccess(Duration bound) throws Exception {
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("SIPp " + name + " did not finish within " + bound + "\n" + output());
    }
    if (process.exitValue() != 0) {
      fail("SIPp " + name + " failed with exit " + process.exitValue() + "\n" + output());
    }
  }

  /** Whether SIPp is still playing. */
  boolean running() {
    return process.isAlive();
  }

  private String output() throws IOException {
    Path errors = log.resolveSibling(name + ".errors");
    return (Files.exists(errors) ? Files.readString(errors) : "") + "\n"
        + (Files.exists(log) ? tail(Files.readString(log)) : "");
  }

  private static String tail(String s) {
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  @Override
  public void close() throws InterruptedException {
    LocalBinary.stop(process);
  }
}
