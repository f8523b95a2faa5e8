package dev.switchboard.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/**
 * Says what one item cycle of {@link RoutingDecisionBenchmark} allocates, class by class: it runs
 * the benchmark's operation in a loop and compares class histograms that count unreachable objects
 * too, taken before and after a measured stretch. Exact only when nothing is collected in between,
 * so run it on the Epsilon collector with a heap large enough for the run:
 * {@code java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms12g -Xmx12g -cp
 * benchmarks/target/benchmarks.jar dev.switchboard.benchmarks.CycleAllocation [agents] [skills]
 * [cycles]}. JMH's {@code -prof gc} gives the total; this gives the parts.
 */
public final class CycleAllocation {

  private CycleAllocation() {}

  /** Prints bytes and objects per cycle for each class allocated in the measured stretch. */
  public static void main(String[] args) throws Exception {
    RoutingDecisionBenchmark benchmark = new RoutingDecisionBenchmark();
    benchmark.agents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    benchmark.skills = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    benchmark.setUp();
    for (int i = 0; i < 300_000; i++) { // warm-up: compiled code, lanes and caches in place
      benchmark.offerAcceptComplete();
    }
    Map<String, long[]> before = histogram();
    for (int i = 0; i < cycles; i++) {
      benchmark.offerAcceptComplete();
    }
    Map<String, long[]> after = histogram();
    benchmark.tearDown();

    List<Map.Entry<String, long[]>> grown = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      long[] was = before.getOrDefault(e.getKey(), new long[2]);
      long[] delta = {e.getValue()[0] - was[0], e.getValue()[1] - was[1]};
      if (delta[1] > 0) {
        grown.add(Map.entry(e.getKey(), delta));
        total += delta[1];
      }
    }
    grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
    System.out.printf("agents %d, skills %d, %d cycles: %.0f B per cycle%n", benchmark.agents,
        benchmark.skills, cycles, total / (double) cycles);
    for (Map.Entry<String, long[]> e : grown) {
      double bytes = e.getValue()[1] / (double) cycles;
      if (bytes >= 1) {
        System.out.printf("%8.1f B %6.2f objects  %s%n", bytes,
            e.getValue()[0] / (double) cycles, e.getKey());
      }
    }
  }

  /** Instances and bytes per class, unreachable objects included (no collection first). */
  private static Map<String, long[]> histogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[] {"-all"}}, new String[] {String[].class.getName()});
    Map<String, long[]> out = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return out;
  }
}
