package dev.switchboard.journal.tck.failover;

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
 * A failover node (a main class that calls {@link FailoverNode#serve}) in a JVM of its own, on
 * this JVM's class path, which a failover test kills (SIGKILL), pauses (SIGSTOP) and resumes
 * (SIGCONT) as a real process. The node's first argument is its name; its last the file of its
 * side effects ({@link #effects}).
 */
public final class NodeProcess {

  private static final List<String> FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  private final String name;
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

  /**
   * Starts {@code main} as node {@code name} with the arguments (between the name and the
   * effects file), its standard error in {@code <dir>/<name>-<incarnation>.log}, and waits until
   * it serves.
   */
  public static NodeProcess start(Class<?> main, String name, List<String> arguments, Path dir,
      int incarnation) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(FLAGS);
    command.add(main.getName());
    command.add(name);
    command.addAll(arguments);
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
  public static Path effects(Path dir, String name) {
    return dir.resolve(name + ".effects");
  }

  /** The node's name. */
  public String name() {
    return name;
  }

  /** Where it serves: {@code 127.0.0.1:<port>}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public boolean alive() {
    return process.isAlive();
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  public void pause() throws IOException, InterruptedException {
    signal("STOP");
    paused = true;
  }

  public void resume() throws IOException, InterruptedException {
    signal("CONT");
    paused = false;
  }

  public boolean paused() {
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
