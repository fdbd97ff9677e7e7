package io.imwatch.app.cli.simulate;

import java.util.Random;

/**
 * Exact Poisson draws from a seeded {@link Random}, reproducible on every JVM: {@code Random}'s
 * algorithm is fixed by its specification and the arithmetic uses {@link StrictMath}.
 */
final class Poisson {

    /** Below this mean, multiply uniforms (Knuth); above, transformed rejection (PTRS). */
    private static final double PTRS_FROM = 10;

    private Poisson() {}

    /** One draw of a Poisson count with the given mean (0 for a mean of 0 or less). */
    static long sample(Random random, double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        return mean < PTRS_FROM ? knuth(random, mean) : ptrs(random, mean);
    }

    private static long knuth(Random random, double mean) {
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    /**
     * Hörmann's PTRS ("The transformed rejection method for generating Poisson random variables",
     * 1993), as NumPy implements it for means of 10 and more: constant expected cost at any mean.
     */
    private static long ptrs(Random random, double mean) {
        double slam = StrictMath.sqrt(mean);
        double loglam = StrictMath.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) StrictMath.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (StrictMath.log(v) + StrictMath.log(invalpha) - StrictMath.log(a / (us * us) + b)
                    <= -mean + k * loglam - logGamma(k + 1)) {
                return k;
            }
        }
    }

    private static final double[] STIRLING = {
        8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
        8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
        1.796443723688307e-01, -1.39243221690590e+00
    };

    /** ln Γ(x) for x ≥ 1 (Stirling's series, shifted up to 7 for small x). */
    static double logGamma(double x) {
        if (x == 1.0 || x == 2.0) {
            return 0.0;
        }
        int n = x < 7.0 ? (int) (7 - x) : 0;
        double x0 = x + n;
        double x2 = (1.0 / x0) * (1.0 / x0);
        double series = STIRLING[9];
        for (int k = 8; k >= 0; k--) {
            series = series * x2 + STIRLING[k];
        }
        double lg = series / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * StrictMath.log(x0) - x0;
        for (int k = 1; k <= n; k++) {
            lg -= StrictMath.log(x0 - 1.0);
            x0 -= 1.0;
        }
        return lg;
    }
}
