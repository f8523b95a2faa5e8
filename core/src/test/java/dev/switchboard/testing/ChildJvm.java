package dev.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A host process for crash tests: runs a main class in a child JVM on this JVM's class path,
 * hands each line it prints to a callback, and kills it with SIGKILL once it has printed a given
 * number of lines. Lines the child printed before it died are still read (the kill goes through
 * the process handle, which leaves this end of the pipe open), so a test sees every line the child
 * wrote.
 */
public final class ChildJvm {

  /** Started with the flags that make a short-lived JVM start fastest. */
  private static final List<String> FLAGS = List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1");

  private ChildJvm() {}

  /**
   * How one child run ended.
   *
   * @param lines lines the child printed
   * @param killed whether it was killed (after {@code killAfter} lines, or at the time limit)
   * @param timedOut whether it was killed because it outlived the time limit
   * @param exitCode its exit code (137 or similar when killed)
   * @param stderr the file its standard error went to
   */
  public record Run(int lines, boolean killed, boolean timedOut, int exitCode, Path stderr) {

    /** The last 2,000 characters of the child's standard error, for assertion messages. */
    public String stderrTail() {
      return tail(stderr);
    }
  }

  /**
   * Runs {@code mainClass} with {@code args} until it has printed {@code killAfter} lines, then
   * kills it with SIGKILL; with a negative {@code killAfter}, until it exits by itself. Either way
   * it is killed once {@code limit} has passed. Returns once the child is dead.
   *
   * @param mainClass the class whose {@code main} the child runs
   * @param args its arguments
   * @param stderr where its standard error goes
   * @param killAfter lines after which it is killed (0: at its first line); negative for never
   * @param limit how long it may run at most
   * @param onLine called with each line the child prints, in order, on the calling thread
   */
  public static Run run(Class<?> mainClass, List<String> args, Path stderr, int killAfter,
      Duration limit, Consumer<String> onLine) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(FLAGS);
    command.add(mainClass.getName());
    command.addAll(args);
    Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    boolean[] timedOut = new boolean[1];
    Thread watchdog = new Thread(() -> {
      try {
        if (!child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          timedOut[0] = true;
          child.toHandle().destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "child-jvm-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    int lines = 0;
    boolean killed = false;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines++;
        onLine.accept(line);
        if (!killed && killAfter >= 0 && lines > killAfter) {
          // SIGKILL through the handle, which (unlike Process.destroyForcibly) leaves our end of
          // the pipe open: lines the child printed before it died are still read
          child.toHandle().destroyForcibly();
          killed = true;
        }
      }
    } finally {
      if (!child.waitFor(20, TimeUnit.SECONDS)) {
        child.toHandle().destroyForcibly();
        child.waitFor();
      }
      watchdog.interrupt();
      watchdog.join();
    }
    return new Run(lines, killed || timedOut[0], timedOut[0], child.exitValue(), stderr);
  }

  /** The last 2,000 characters of a file, or "" when it does not exist. */
  public static String tail(Path file) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      String s = Files.readString(file);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
