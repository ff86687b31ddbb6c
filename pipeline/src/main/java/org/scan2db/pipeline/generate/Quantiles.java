package org.scan2db.pipeline.generate;

/**
 * Tables of quantiles, so that drawing from a normal or exponential distribution costs one random index and one
 * array read, and gives the same value on every JVM (computed once with {@link StrictMath}).
 */
final class Quantiles {
  static final int BITS = 16;
  static final int SIZE = 1 << BITS;

  // Peter Acklam's rational approximation of the normal quantile (relative error below 1.2e-9).
  private static final double[] A = {
    -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
    -3.066479806614716e+01, 2.506628277459239e+00
  };
  private static final double[] B = {
    -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
    -1.328068155288572e+01
  };
  private static final double[] C = {
    -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
    4.374664141464968e+00, 2.938163982698783e+00
  };
  private static final double[] D = {
    7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
  };

  /** Standard normal quantiles at (i + 0.5) / SIZE: |z| up to about 4.3. */
  static final double[] NORMAL = new double[SIZE];

  /** Unit-mean exponential quantiles at (i + 0.5) / SIZE: up to about 11.8. */
  static final double[] EXPONENTIAL = new double[SIZE];

  static {
    for (int i = 0; i < SIZE; i++) {
      double p = (i + 0.5) / SIZE;
      NORMAL[i] = inverseNormal(p);
      EXPONENTIAL[i] = -StrictMath.log(1 - p);
    }
  }

  private Quantiles() {}

  static double normal(Rng rng) {
    return NORMAL[rng.nextInt(SIZE)];
  }

  static double exponential(Rng rng) {
    return EXPONENTIAL[rng.nextInt(SIZE)];
  }

  /** A log-normal table {@code median * exp(sigma * z)} over the normal quantiles. */
  static double[] logNormal(double median, double sigma) {
    double[] t = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      t[i] = median * StrictMath.exp(sigma * NORMAL[i]);
    }
    return t;
  }

  static double inverseNormal(double p) {
    double low = 0.02425;
    if (p < low) {
      double q = StrictMath.sqrt(-2 * StrictMath.log(p));
      return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
          / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -inverseNormal(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
        / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
}
