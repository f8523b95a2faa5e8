package dev.switchboard.sim;

/**
 * A KPI estimated over independent replications: the mean and the half-width of its 95%
 * confidence interval (Student's t with replications − 1 degrees of freedom).
 *
 * @param mean the mean over replications
 * @param ci95 the half-width of the 95% confidence interval; NaN with a single replication
 * @since 0.1
 */
public record Estimate(double mean, double ci95) {

  // t quantiles at 0.975 for 1..30 degrees of freedom
  private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
      2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080,
      2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

  /** The estimate from one value per replication (NaN values are left out). */
  public static Estimate of(double[] values) {
    int n = 0;
    double sum = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
        sum += v;
      }
    }
    if (n == 0) {
      return new Estimate(Double.NaN, Double.NaN);
    }
    double mean = sum / n;
    if (n == 1) {
      return new Estimate(mean, Double.NaN);
    }
    double ss = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    double t = n - 1 <= T975.length ? T975[n - 2] : 1.960;
    return new Estimate(mean, t * Math.sqrt(ss / (n - 1) / n));
  }
}
