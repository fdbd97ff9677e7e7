package io.imwatch.app.alerts.detection;

import io.imwatch.app.alerts.rules.DetectorParams;

/**
 * Decides, window by window, whether a series is spiking: pure, deterministic, and shared by the
 * stream processor and the detection-quality simulator.
 *
 * <p>A window fires when its count is at least {@code minCount}, at least {@code factor} times the
 * baseline mean, and at least {@code zScore} deviations above it. The baseline is the mean of the
 * windows seen while there are fewer than 1/alpha of them, then an EWMA. While firing the baseline
 * learns at a quarter of the usual rate, so a spike does not become the new normal, yet a lasting
 * shift in level is eventually accepted. It resolves after {@code resolveWindows} calm windows
 * (below {@code resolveFactor} times the baseline): hysteresis, so a spike hovering at the
 * threshold does not flap.
 */
public final class SpikeDetector {

    /** What one window did to a series. */
    public enum Transition {
        NONE,
        FIRING,
        RESOLVED
    }

    /**
     * @param state the series after this window
     * @param transition whether an alert started or ended
     * @param baseline the baseline mean the window was judged against
     */
    public record Result(DetectorState state, Transition transition, double baseline) {}

    private final DetectorParams params;

    public SpikeDetector(DetectorParams params) {
        this.params = params;
    }

    public DetectorParams params() {
        return params;
    }

    /** Judges one closed window of {@code count} events starting at {@code windowStart}. */
    public Result observe(DetectorState s, long count, long windowStart) {
        double baseline = s.mean();
        boolean spike = s.windows() >= params.warmupWindows() && isSpike(count, baseline, s.variance());
        Transition transition = Transition.NONE;
        boolean firing = s.firing();
        int calm = s.calmWindows();
        long since = s.firingSince();
        long peak = s.peak();
        if (!firing && spike) {
            firing = true;
            calm = 0;
            since = windowStart;
            peak = count;
            transition = Transition.FIRING;
        } else if (firing) {
            peak = Math.max(peak, count);
            boolean calmWindow = count < Math.max(params.resolveFactor() * baseline, params.minCount() / 2.0);
            calm = calmWindow ? calm + 1 : 0;
            if (calm >= params.resolveWindows()) {
                firing = false;
                transition = Transition.RESOLVED;
                calm = 0;
                since = 0;
            }
        }
        // A running mean until the EWMA's own weight takes over (a bias-corrected EWMA): with a
        // small alpha, the first windows would otherwise pin the baseline for a long time.
        double learning = Math.max(params.alpha(), 1.0 / (s.windows() + 1));
        double alpha = firing || transition == Transition.RESOLVED ? params.alpha() / 4 : learning;
        double diff = count - s.mean();
        double mean = s.mean() + alpha * diff;
        double variance = s.windows() == 0 ? 0 : (1 - alpha) * (s.variance() + alpha * diff * diff);
        return new Result(
                new DetectorState(mean, variance, s.windows() + 1, firing, calm, since, firing ? peak : 0),
                transition,
                baseline);
    }

    private boolean isSpike(long count, double mean, double variance) {
        double deviation = Math.sqrt(Math.max(Math.max(variance, mean), 1.0));
        return count >= params.minCount()
                && count >= params.factor() * Math.max(mean, 1.0)
                && (count - mean) / deviation >= params.zScore();
    }
}
