package io.imwatch.app.cli.simulate;

import java.util.Arrays;
import java.util.Collection;

/**
 * Recall and detection delay of a set of spikes.
 *
 * @param spikes spikes in the set
 * @param detected spikes caught
 * @param maxDelay longest delay of a caught spike, in windows (0 if none was caught)
 * @param meanDelay mean delay of the caught spikes
 * @param p50Delay median delay (nearest rank)
 * @param p95Delay 95th percentile delay (nearest rank)
 */
public record DetectionStats(int spikes, int detected, int maxDelay, double meanDelay, int p50Delay, int p95Delay) {

    public static DetectionStats of(Collection<SpikeOutcome> outcomes) {
        int[] delays = outcomes.stream()
                .filter(SpikeOutcome::detected)
                .mapToInt(SpikeOutcome::delay)
                .sorted()
                .toArray();
        int n = delays.length;
        double mean = n == 0 ? 0 : (double) Arrays.stream(delays).sum() / n;
        return new DetectionStats(
                outcomes.size(), n, n == 0 ? 0 : delays[n - 1], mean, percentile(delays, 50), percentile(delays, 95));
    }

    /** Detected over injected; 1 when there was nothing to detect. */
    public double recall() {
        return spikes == 0 ? 1.0 : (double) detected / spikes;
    }

    private static int percentile(int[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
