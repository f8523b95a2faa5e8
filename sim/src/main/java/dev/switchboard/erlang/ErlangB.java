package dev.switchboard.erlang;

/**
 * Erlang B: the probability that a contact finds all agents busy when there is no queue (it is
 * blocked). Also the building block of Erlang C and A.
 *
 * <p>Computed by the recursion {@code B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1))}, which stays
 * exact to double precision for thousands of agents, where the textbook ratio of factorials
 * overflows.
 *
 * @since 0.1
 */
public final class ErlangB {

  private ErlangB() {}

  /** Blocking probability with {@code agents} servers and {@code erlangs} of offered load. */
  public static double blocking(int agents, double erlangs) {
    if (agents < 0) {
      throw new IllegalArgumentException("agents is " + agents + "; it must not be negative");
    }
    if (!(erlangs >= 0) || Double.isInfinite(erlangs)) {
      throw new IllegalArgumentException("erlangs is " + erlangs + "; it must be finite, >= 0");
    }
    double b = 1.0;
    for (int k = 1; k <= agents; k++) {
      b = erlangs * b / (k + erlangs * b);
    }
    return b;
  }
}
