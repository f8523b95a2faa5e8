package dev.switchboard.journal.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FailoverNode} in a JVM of its own, which the failover test kills (SIGKILL), pauses
 * (SIGSTOP) and resumes (SIGCONT) as a real process.
 */
final class NodeProcess {

  private static final List<String> FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  final String name;
  private final Process process;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile int port;
  private volatile boolean paused;

  private NodeProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(
          process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("READY ")) {
            port = Integer.parseInt(line.substring(6).trim());
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // the process died
      }
    }, "node-" + name + "-out");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the node and waits until it serves. */
  static NodeProcess start(String name, String jdbcUrl, List<String> domains, long leaseMillis,
      Path dir, int incarnation) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(FLAGS);
    command.add(FailoverNode.class.getName());
    command.add(name);
    command.add(jdbcUrl);
    command.add(String.join(",", domains));
    command.add(Long.toString(leaseMillis));
    command.add(effects(dir, name).toString());
    Process p = new ProcessBuilder(command)
        .redirectError(dir.resolve(name + "-" + incarnation + ".log").toFile()).start();
    NodeProcess node = new NodeProcess(name, p);
    if (!node.ready.await(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("node " + name + " did not start within 60 s; see "
          + dir.resolve(name + "-" + incarnation + ".log"));
    }
    return node;
  }

  /** Where a node writes its side effects: one file per node name, across restarts. */
  static Path effects(Path dir, String name) {
    return dir.resolve(name + ".effects");
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  boolean alive() {
    return process.isAlive();
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  void pause() throws IOException, InterruptedException {
    signal("STOP");
    paused = true;
  }

  void resume() throws IOException, InterruptedException {
    signal("CONT");
    paused = false;
  }

  boolean paused() {
    return paused;
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
        .inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " " + process.pid() + " failed");
    }
  }
}
