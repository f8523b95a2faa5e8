package dev.switchboard.sim;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A distribution of durations (handle times, patience, accept delays) that a simulation samples.
 *
 * @since 0.1
 */
public sealed interface Distribution {

  /** One sample, in seconds. */
  double sampleSeconds(SplittableRandom random);

  /** The mean, in seconds. */
  double meanSeconds();

  /** Always the same duration. */
  static Distribution fixed(Duration value) {
    return new Fixed(seconds("value", value, true));
  }

  /** Exponential with the given mean: memoryless, as Erlang's formulas assume. */
  static Distribution exponential(Duration mean) {
    return new Exponential(seconds("mean", mean, false));
  }

  /** Lognormal with the given mean and standard deviation: the usual shape of handle times. */
  static Distribution lognormal(Duration mean, Duration standardDeviation) {
    double m = seconds("mean", mean, false);
    double s = seconds("standardDeviation", standardDeviation, false);
    double sigma2 = Math.log(1 + (s * s) / (m * m));
    return new LogNormal(Math.log(m) - sigma2 / 2, Math.sqrt(sigma2));
  }

  /**
   * Uniform between {@code min} and {@code max} (equal bounds give a constant).
   *
   * @since 0.5
   */
  static Distribution uniform(Duration min, Duration max) {
    return new Uniform(seconds("min", min, true), seconds("max", max, true));
  }

  /**
   * Gamma with the given shape and mean (scale = mean / shape): shape 1 is exponential, a small
   * shape a long tail, a large one a narrow peak around the mean.
   *
   * @since 0.5
   */
  static Distribution gamma(double shape, Duration mean) {
    return new Gamma(shape, seconds("mean", mean, false) / shape);
  }

  /** Resampling of observed durations, each equally likely. */
  static Distribution empirical(Duration... observations) {
    if (observations.length == 0) {
      throw new IllegalArgumentException("an empirical distribution needs at least one observation");
    }
    SimulationLimits.count("observations", observations.length, SimulationLimits.MAX_OBSERVATIONS);
    double[] values = new double[observations.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = seconds("observation " + i, observations[i], true);
    }
    return new Empirical(values);
  }

  /** A number of seconds, positive (or, if allowed, zero), at most a year. */
  private static void check(String field, double v, boolean zeroAllowed) {
    if (!(v >= 0 && v <= SimulationLimits.MAX_SECONDS) || (!zeroAllowed && v == 0)) {
      throw new IllegalArgumentException(field + " is " + v + " seconds; it must be "
          + (zeroAllowed ? "zero or positive" : "positive") + ", at most "
          + (long) SimulationLimits.MAX_SECONDS + " (one year)");
    }
  }

  private static double seconds(String field, Duration d, boolean zeroAllowed) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || (!zeroAllowed && d.isZero())) {
      throw new IllegalArgumentException(field + " is " + d + "; it must be "
          + (zeroAllowed ? "zero or positive" : "positive"));
    }
    return SimulationLimits.duration(field, d).toNanos() / 1e9;
  }

  /** A constant. */
  record Fixed(double seconds) implements Distribution {
    /** Validates the value. */
    public Fixed {
      check("seconds", seconds, true);
    }

    @Override
    public double sampleSeconds(SplittableRandom random) {
      return seconds;
    }

    @Override
    public double meanSeconds() {
      return seconds;
    }
  }

  /** Exponential with mean {@code mean} seconds. */
  record Exponential(double mean) implements Distribution {
    /** Validates the mean. */
    public Exponential {
      check("mean", mean, false);
    }

    @Override
    public double sampleSeconds(SplittableRandom random) {
      return -mean * Math.log(1 - random.nextDouble());
    }

    @Override
    public double meanSeconds() {
      return mean;
    }
  }

  /** Lognormal: e^(mu + sigma·Z). */
  record LogNormal(double mu, double sigma) implements Distribution {
    /** Validates the parameters. */
    public LogNormal {
      if (!Double.isFinite(mu)) {
        throw new IllegalArgumentException("mu is " + mu + "; it must be finite");
      }
      check("sigma", sigma, true);
      check("mean", Math.exp(mu + sigma * sigma / 2), true);
    }

    @Override
    public double sampleSeconds(SplittableRandom random) {
      // Box-Muller; one of the pair is enough
      double u1 = 1 - random.nextDouble();
      double u2 = random.nextDouble();
      double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      return Math.exp(mu + sigma * z);
    }

    @Override
    public double meanSeconds() {
      return Math.exp(mu + sigma * sigma / 2);
    }
  }

  /**
   * Uniform from {@code min} to {@code max} seconds.
   *
   * @since 0.5
   */
  record Uniform(double min, double max) implements Distribution {
    /** Validates the bounds. */
    public Uniform {
      check("min", min, true);
      check("max", max, true);
      if (max < min) {
        throw new IllegalArgumentException("max is " + max + " seconds; it must be at least min, "
            + min);
      }
    }

    @Override
    public double sampleSeconds(SplittableRandom random) {
      return min + (max - min) * random.nextDouble();
    }

    @Override
    public double meanSeconds() {
      return (min + max) / 2;
    }
  }

  /**
   * Gamma with shape k and scale θ seconds (mean kθ), sampled by Marsaglia and Tsang's method.
   *
   * @since 0.5
   */
  record Gamma(double shape, double scale) implements Distribution {
    /** Validates the parameters: shape from 0.001 to 1,000, mean positive and at most a year. */
    public Gamma {
      if (!(shape >= 0.001 && shape <= 1000)) {
        throw new IllegalArgumentException("shape is " + shape + "; allowed: 0.001 to 1000");
      }
      check("scale", scale, false);
      check("mean", shape * scale, false);
    }

    @Override
    public double sampleSeconds(SplittableRandom random) {
      return scale * standard(shape, random);
    }

    @Override
    public double meanSeconds() {
      return shape * scale;
    }

    /** A gamma variate of scale 1. */
    static double standard(double shape, SplittableRandom random) {
      if (shape < 1) {
        // Gamma(k) = Gamma(k + 1) * U^(1/k)
        double u = 1 - random.nextDouble();
        return standard(shape + 1, random) * Math.pow(u, 1 / shape);
      }
      double d = shape - 1.0 / 3;
      double c = 1 / Math.sqrt(9 * d);
      while (true) {
        double x;
        double v;
        do {
          x = normal(random);
          v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = 1 - random.nextDouble();
        if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
          return d * v;
        }
      }
    }

    private static double normal(SplittableRandom random) {
      double u1 = 1 - random.nextDouble();
      double u2 = random.nextDouble();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
  }

  /** Uniform choice among observed values, in seconds. */
  record Empirical(double[] values) implements Distribution {
    /** Validates and copies the values. */
    public Empirical {
      if (values.length == 0) {
        throw new IllegalArgumentException("an empirical distribution needs at least one value");
      }
      SimulationLimits.count("observations", values.length, SimulationLimits.MAX_OBSERVATIONS);
      values = values.clone();
      for (double v : values) {
        check("value", v, true);
      }
    }

    @Override
    public double sampleSeconds(SplittableRandom random) {
      return values[random.nextInt(values.length)];
    }

    @Override
    public double meanSeconds() {
      return Arrays.stream(values).average().orElse(0);
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Empirical e && Arrays.equals(e.values, values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Empirical" + Arrays.toString(values);
    }
  }
}
