package dev.switchboard.testing;

import java.util.Random;
import java.util.function.Function;

/**
 * Runs a property over a fixed number of random inputs, each made from its own seed, so that a
 * failure names the input and the seed that reproduces it, and a passing run states how many
 * inputs it tried.
 */
public final class RandomTries {

  private RandomTries() {}

  /** A check of one input; it throws (an assertion) when the property does not hold. */
  @FunctionalInterface
  public interface Check<T> {
    void accept(T input) throws Exception;
  }

  /**
   * Generates {@code tries} inputs, the n-th from the seed {@code seed + n}, and checks each;
   * returns the number tried. Throws an {@link AssertionError} naming the property, the seed
   * and the input at the first failure.
   */
  public static <T> int check(String property, int tries, long seed,
      Function<Random, T> generate, Check<T> check) {
    for (int n = 0; n < tries; n++) {
      T input = null;
      try {
        input = generate.apply(new Random(seed + n));
        check.accept(input);
      } catch (Exception | AssertionError e) {
        throw new AssertionError(property + " fails for input " + (n + 1) + " of " + tries
            + " (seed " + (seed + n) + "): " + RandomText.escape(input), e);
      }
    }
    System.out.println(property + ": " + tries + " inputs tried, no failure");
    return tries;
  }
}
