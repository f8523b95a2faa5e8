package dev.switchboard.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line entry point of the examples jar: {@code java -jar switchboard-examples.jar
 * <command>}, where the command is {@code demo} (the default).
 */
public final class Main {

  private static final int USAGE_ERROR = 2;

  private Main() {}

  /** Runs the named command and exits with its status. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the named command, printing to {@code out} and {@code err}; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "demo" : args[0];
    List<String> options = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
    if (command.equals("demo")) {
      boolean verbose = options.contains("--verbose");
      List<String> unknown = options.stream().filter(o -> !o.equals("--verbose")).toList();
      if (!unknown.isEmpty()) {
        return usage(err, "unknown option for demo: " + String.join(" ", unknown));
      }
      new Demo(out, verbose).run();
      return 0;
    }
    if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
      usage(out, null);
      return 0;
    }
    return usage(err, "unknown command: " + command);
  }

  private static int usage(PrintStream to, String problem) {
    if (problem != null) {
      to.println("switchboard-examples: " + problem);
    }
    to.println("usage: java -jar switchboard-examples.jar [command]");
    to.println("commands:");
    to.println("  demo [--verbose]  route a burst of mixed work through a simulated centre"
        + " (the default); --verbose prints every event, not only the decisions");
    to.println("  help              print this message");
    return problem == null ? 0 : USAGE_ERROR;
  }
}
