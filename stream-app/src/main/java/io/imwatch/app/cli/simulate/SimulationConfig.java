package io.imwatch.app.cli.simulate;

/**
 * What to simulate. The traffic depends on these alone, never on the detector's parameters, so
 * two parameter sets run against the same seed see the very same window counts.
 *
 * @param seed the seed of everything random
 * @param days simulated days that are scored (after a {@link Scenario#LEAD_IN_WINDOWS} warm-up)
 * @param series number of series
 * @param spikesPerDay spikes injected into each series per day
 */
public record SimulationConfig(long seed, int days, int series, int spikesPerDay) {

    /** Most spikes a series can take per day: each needs a quiet hour around it. */
    public static final int MAX_SPIKES_PER_DAY = 16;

    /** The configuration BENCHMARKS.md reports: 30 series, 7 days, 4 spikes per series and day. */
    public static final SimulationConfig DEFAULT = new SimulationConfig(20240601L, 7, 30, 4);

    public SimulationConfig {
        if (days < 1 || days > 366 || series < 1 || series > 10_000) {
            throw new IllegalArgumentException("need 1 <= days <= 366 and 1 <= series <= 10000");
        }
        if (spikesPerDay < 0 || spikesPerDay > MAX_SPIKES_PER_DAY) {
            throw new IllegalArgumentException("need 0 <= spikesPerDay <= " + MAX_SPIKES_PER_DAY);
        }
    }

    public SimulationConfig withSeed(long newSeed) {
        return new SimulationConfig(newSeed, days, series, spikesPerDay);
    }
}
