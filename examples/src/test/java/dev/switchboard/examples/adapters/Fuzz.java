package dev.switchboard.examples.adapters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A small fuzzing harness for property tests on plain JUnit: it feeds a property generated and
 * mutated inputs, one {@link Random} per try derived from a seed, and fails on the first input
 * for which the property throws anything (its documented refusals it must catch and name) or
 * takes longer than the time limit (a hang). Each run prints one line: the property, the inputs
 * tried, how each ended, the seed and the time.
 *
 * <p>System properties: {@code fuzz.scale} multiplies every property's tries (1 by default; 100
 * for a long campaign), {@code fuzz.seed} sets the seed (by default a fixed one per property, so a
 * build is repeatable), {@code fuzz.timeoutSeconds} the limit per input (10 by default).
 *
 * @param <T> the input type
 */
public final class Fuzz<T> {

  /** How a campaign went: inputs tried, and how many ended each way. */
  public record Report(String property, int tries, long seed, Map<String, Integer> outcomes) {

    /** How many inputs ended with {@code outcome}. */
    public int count(String outcome) {
      return outcomes.getOrDefault(outcome, 0);
    }
  }

  private final String property;
  private final int tries;
  private final long seed;
  private final Function<Random, T> inputs;
  private Function<T, String> describe = Fuzz::describe;

  private Fuzz(String property, int tries, Function<Random, T> inputs) {
    this.property = property;
    this.tries = Math.max(1, (int) Math.min(Integer.MAX_VALUE,
        (long) tries * Long.getLong("fuzz.scale", 1)));
    this.seed = Long.getLong("fuzz.seed", property.hashCode());
    this.inputs = inputs;
  }

  /** A campaign of {@code tries} inputs (times {@code fuzz.scale}) drawn from {@code inputs}. */
  public static <T> Fuzz<T> of(String property, int tries, Function<Random, T> inputs) {
    return new Fuzz<>(property, tries, inputs);
  }

  /** How to show an input in a failure; by default escaped and cut to 2,000 characters. */
  public Fuzz<T> describedBy(Function<T, String> describe) {
    this.describe = describe;
    return this;
  }

  /**
   * Runs {@code property} on every input; it returns a short outcome ({@code "accepted"}, {@code
   * "refused:too-large"}) and throws on a violation.
   *
   * @throws AssertionError naming the input, the try and the seed on the first violation
   */
  public Report check(Function<T, String> property) {
    Map<String, Integer> outcomes = new TreeMap<>();
    long timeout = Long.getLong("fuzz.timeoutSeconds", 10);
    long started = System.nanoTime();
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-" + this.property);
      t.setDaemon(true);
      return t;
    });
    try {
      for (int i = 0; i < tries; i++) {
        T input = inputs.apply(new Random(seed * 0x9E3779B97F4A7C15L + i));
        Future<String> run = worker.submit(() -> property.apply(input));
        String outcome;
        try {
          outcome = run.get(timeout, TimeUnit.SECONDS);
        } catch (TimeoutException hang) {
          run.cancel(true);
          throw failure(i, input, "no outcome within " + timeout + " s", null);
        } catch (ExecutionException e) {
          throw failure(i, input, "threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
        outcomes.merge(outcome, 1, Integer::sum);
      }
    } finally {
      worker.shutdownNow();
    }
    System.out.printf("fuzz %s: %d inputs tried, 0 failures (seed %d, %d ms): %s%n",
        this.property, tries, seed, (System.nanoTime() - started) / 1_000_000, outcomes);
    return new Report(this.property, tries, seed, outcomes);
  }

  private AssertionError failure(int i, T input, String what, Throwable cause) {
    return new AssertionError("fuzz " + property + ": input " + i + " of " + tries + " (seed "
        + seed + ", rerun with -Dfuzz.seed=" + seed + ") " + what + "; the input: "
        + describe.apply(input), cause);
  }

  /** {@code value} in Java string syntax, cut to 2,000 characters. */
  public static String describe(Object value) {
    String s = value instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
        : String.valueOf(value);
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < Math.min(s.length(), 2_000); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(s.length() > 2_000 ? "\"... (" + s.length() + " characters)" : "\"")
        .toString();
  }

  /**
   * Mutates {@code seedInput} one to four times: flipped bits, random bytes, a token of {@code
   * dictionary} inserted or written over, a range deleted or repeated, the end cut off. The
   * result is at most {@code maxBytes} long.
   */
  public static byte[] mutate(Random r, byte[] seedInput, List<String> dictionary, int maxBytes) {
    byte[] b = seedInput.clone();
    int n = 1 + r.nextInt(4);
    for (int m = 0; m < n; m++) {
      int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      switch (r.nextInt(7)) {
        case 0 -> {
          if (at < b.length) {
            b[at] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> {
          if (at < b.length) {
            b[at] = (byte) r.nextInt(256);
          }
        }
        case 2 -> b = splice(b, at, at, token(r, dictionary));
        case 3 -> b = splice(b, at, Math.min(b.length, at + 1 + r.nextInt(8)),
            token(r, dictionary));
        case 4 -> b = splice(b, at, Math.min(b.length, at + 1 + r.nextInt(32)), new byte[0]);
        case 5 -> {
          int end = Math.min(b.length, at + 1 + r.nextInt(64));
          byte[] range = Arrays.copyOfRange(b, at, end);
          b = splice(b, at, at, range.length == 0 ? token(r, dictionary) : range);
        }
        default -> b = Arrays.copyOf(b, at);
      }
    }
    return b.length <= maxBytes ? b : Arrays.copyOf(b, maxBytes);
  }

  /** {@code length} random bytes, biased towards ASCII and the dictionary's tokens. */
  public static byte[] noise(Random r, List<String> dictionary, int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < length) {
      switch (r.nextInt(4)) {
        case 0 -> out.write(r.nextInt(256));
        case 1 -> out.writeBytes(token(r, dictionary));
        default -> out.write(0x20 + r.nextInt(95));
      }
    }
    return Arrays.copyOf(out.toByteArray(), length);
  }

  private static byte[] token(Random r, List<String> dictionary) {
    return dictionary.get(r.nextInt(dictionary.size())).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    byte[] out = new byte[b.length - (to - from) + insert.length];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(b, to, out, from + insert.length, b.length - to);
    return out;
  }
}
