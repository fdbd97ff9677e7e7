package io.imwatch.app.cli.simulate;

import java.util.Objects;

/**
 * One simulated series: its normal event rate follows a daily cycle, {@code baseline × (1 +
 * amplitude × sin(2π (t − phase) / day))} events per window at time {@code t} (in windows).
 *
 * @param vendor the vendor label
 * @param reason the close-reason label
 * @param baseline mean events per window over a day
 * @param amplitude relative swing of the daily cycle, in [0, 1)
 * @param phase where the cycle's rising zero crossing lies, in windows from the start
 * @param noiseSeed seed of the series' own random stream of window counts
 */
public record SeriesProfile(
        String vendor, String reason, double baseline, double amplitude, double phase, long noiseSeed) {

    public SeriesProfile {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(reason, "reason");
        if (!(baseline > 0) || !(amplitude >= 0 && amplitude < 1)) {
            throw new IllegalArgumentException("need baseline > 0 and 0 <= amplitude < 1");
        }
    }

    /** The series key as the alert labels show it. */
    public String name() {
        return vendor + "/" + reason;
    }

    /** Normal events expected in {@code [from, to)}, in windows: the exact integral of the rate. */
    public double expected(double from, double to) {
        double omega = 2 * Math.PI / Scenario.WINDOWS_PER_DAY;
        double cycle = (StrictMath.cos(omega * (to - phase)) - StrictMath.cos(omega * (from - phase))) / omega;
        return baseline * ((to - from) - amplitude * cycle);
    }
}
