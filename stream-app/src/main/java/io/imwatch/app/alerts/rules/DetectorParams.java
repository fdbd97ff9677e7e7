package io.imwatch.app.alerts.rules;

/**
 * When a window's count is a spike, and when it is over.
 *
 * @param minCount a spike window has at least this many events
 * @param factor ... and at least this many times the baseline mean
 * @param zScore ... and lies this many standard deviations above it (the deviation never counts
 *     as smaller than Poisson noise, sqrt(mean))
 * @param warmupWindows windows of history needed before anything fires
 * @param alpha EWMA weight of each new window in the baseline (0..1); small tracks slowly
 * @param resolveFactor a firing alert calms in windows below this many times the baseline ...
 * @param resolveWindows ... and resolves after this many calm windows in a row
 */
public record DetectorParams(
        long minCount,
        double factor,
        double zScore,
        int warmupWindows,
        double alpha,
        double resolveFactor,
        int resolveWindows) {

    /** Defaults tuned with the detection-quality simulator (BENCHMARKS.md). */
    public static final DetectorParams DEFAULTS = new DetectorParams(18, 2.0, 4.5, 5, 0.05, 1.5, 2);

    public DetectorParams {
        if (minCount < 1
                || factor <= 1
                || zScore < 0
                || warmupWindows < 1
                || alpha <= 0
                || alpha > 1
                || resolveFactor < 1
                || resolveFactor > factor
                || resolveWindows < 1) {
            throw new IllegalArgumentException(
                    "detector parameters out of range: need minCount >= 1, factor > 1,"
                            + " zScore >= 0, warmupWindows >= 1, 0 < alpha <= 1, 1 <= resolveFactor <= factor, resolveWindows >= 1");
        }
    }
}
