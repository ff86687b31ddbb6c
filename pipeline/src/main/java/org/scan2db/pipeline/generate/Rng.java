package org.scan2db.pipeline.generate;

/**
 * SplitMix64: a small, fast generator whose sequence is fixed by its seed on every JVM, so that a synthetic scan is
 * the same bytes wherever it is generated (java.util's generators make no such promise across versions).
 */
final class Rng {
  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  /** A generator for one purpose of one seed: distinct (seed, stream) pairs start far apart in the sequence. */
  static Rng forStream(long seed, long stream) {
    return new Rng(new Rng(new Rng(seed).nextLong() ^ stream).nextLong());
  }

  long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, bound), bound > 0. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [0, bound), bound > 0 (modulo bias below 2^-20 for bounds under 2^43: irrelevant here). */
  long nextLong(long bound) {
    return (nextLong() >>> 1) % bound;
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }
}
