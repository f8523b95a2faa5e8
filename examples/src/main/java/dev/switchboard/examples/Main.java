package dev.switchboard.examples;

import dev.switchboard.sim.SimulationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Command-line entry point of the examples jar: {@code java -jar switchboard-examples.jar
 * <command>}. Mistakes in the arguments or a scenario file end with one line on stderr and exit
 * status 2, never a stack trace.
 */
public final class Main {

  static final int USAGE_ERROR = 2;

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
    if (options.contains("--help") || options.contains("-h")) {
      usage(out); // every command's usage, whatever else was given
      return 0;
    }
    try {
      switch (command) {
        case "demo" -> demo(new Flags(options, Set.of("port", "speed", "report"), Set.of("fast")), out);
        case "burst" -> new BurstDemo(out, new Flags(options, Set.of(), Set.of("verbose"))
            .isSet("verbose")).run();
        case "channels" -> new ChannelsDemo(out).run();
        case "simulate" -> simulate(options, out);
        case "erlang" -> out.print(new SingleQueue(new Flags(options, SingleQueue.FLAGS, Set.of()))
            .erlangJson());
        case "help", "--help", "-h" -> usage(out);
        default -> throw new UserError("unknown command: " + command);
      }
      return 0;
    } catch (UserError e) {
      err.println("switchboard-examples: " + e.getMessage());
      usage(err);
      return USAGE_ERROR;
    }
  }

  /** {@code --threads N}: replications spread over N threads; 1 by default, the same results. */
  private static int threads(Flags flags) {
    return flags.count("threads", 1, 256);
  }

  private static void demo(Flags flags, PrintStream out) {
    Path reportFile = Path.of(flags.string("report", "switchboard-demo-report.html"));
    if (flags.isSet("fast")) {
      LiveDemo demo = new LiveDemo(out, 0);
      out.println("Switchboard demo: one 8-hour day of a multichannel centre, as fast as it runs");
      SimulationReport report = demo.run();
      demo.writeReport(report, reportFile);
      out.println("report: " + reportFile.toAbsolutePath());
      return;
    }
    double speed = flags.positive("speed", 480);
    int port = flags.has("port") ? port(flags.string("port", "")) : 8080;
    LiveDemo demo = new LiveDemo(out, speed);
    try (Dashboard dashboard = new Dashboard(port, Dashboard.LIMITS, demo::state,
        demo.whatIfRequests())) {
      out.printf("Switchboard demo: one 8-hour day at %.0fx real time; dashboard at %s%n", speed,
          dashboard.url());
      SimulationReport report = demo.run();
      demo.writeReport(report, reportFile);
      out.println("report: " + reportFile.toAbsolutePath());
    } catch (IOException e) {
      throw new UserError("cannot serve the dashboard on port " + port + " (" + e.getMessage()
          + "); pass --port 0 for any free port");
    }
  }

  private static int port(String v) {
    try {
      int p = Integer.parseInt(v);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError("--port is '" + v + "'; it must be 0 (any free port) to 65535");
  }

  private static void simulate(List<String> options, PrintStream out) {
    Set<String> valued = new java.util.HashSet<>(SingleQueue.FLAGS);
    valued.add("scenario");
    valued.add("html");
    valued.add("threads");
    Flags flags = new Flags(options, valued, Set.of());
    SimulationReport report;
    OptionalDouble target = OptionalDouble.empty();
    if (flags.has("scenario")) {
      if (options.stream().anyMatch(o -> o.startsWith("--") && SingleQueue.FLAGS.contains(o.substring(2)))) {
        throw new UserError("--scenario describes the whole centre; do not combine it with"
            + " single-queue flags");
      }
      Path file = Path.of(flags.string("scenario", ""));
      String text;
      try {
        long size = Files.size(file);
        if (size > Scenario.JSON_LIMITS.maxDocumentChars()) {
          throw new UserError("scenario file " + file + " is " + size + " bytes; at most "
              + Scenario.JSON_LIMITS.maxDocumentChars() + " are read");
        }
        text = Files.readString(file);
      } catch (NoSuchFileException e) {
        throw new UserError("scenario file " + file + " does not exist");
      } catch (CharacterCodingException e) {
        throw new UserError("scenario file " + file + " is not UTF-8 text");
      } catch (IOException e) {
        throw new UserError("cannot read scenario file " + file + ": " + e.getMessage());
      }
      report = Scenario.parse(text).run(threads(flags));
      target = Scenario.serviceTarget(text);
    } else {
      report = new SingleQueue(flags).simulation().run(threads(flags));
    }
    out.print(report.toJson());
    if (flags.has("html")) {
      Path html = Path.of(flags.string("html", ""));
      try {
        Files.writeString(html, IntradayCharts.simulationReport(report,
            "Switchboard simulation", target));
      } catch (IOException e) {
        throw new UserError("cannot write " + html + ": " + e.getMessage());
      }
    }
  }

  private static void usage(PrintStream to) {
    to.println("""
        usage: java -jar switchboard-examples.jar [command] [options]
        commands:
          demo [--speed X] [--port N] [--report FILE]
                        a simulated multichannel centre on the real engine: one 8-hour day at X
                        times real time (default 480, about a minute), a live summary here and a
                        dashboard on http://127.0.0.1:N/ (default 8080; 0 picks a free port);
                        writes the day's HTML report (default switchboard-demo-report.html)
          demo --fast [--report FILE]
                        the same day as fast as it runs, then the report
          burst [--verbose]
                        route a burst of mixed work and print each decision
          channels      channel adapters at work (in memory): one customer across SMS, email
                        and chat, a flood refused, retries, a dead letter
          simulate --arrival-rate-per-hour R --aht-seconds S --agents N [--hours H]
                   [--sl-seconds T] [--patience-seconds P] [--seed X] [--replications K]
                   [--html FILE] [--threads N]
                        simulate a single queue; prints KPIs with 95% CIs as JSON;
                        --html also writes them as a page, with charts per interval;
                        --threads spreads the replications over N threads (same results)
          simulate --scenario FILE.json [--html FILE] [--threads N]
                        simulate a multichannel centre described in a scenario file
          erlang  (the single-queue flags of simulate)
                        the same KPIs from Erlang C (or Erlang A with --patience-seconds)
          help          print this message""");
  }
}
