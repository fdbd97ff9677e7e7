package io.imwatch.app.cli.simulate;

import java.util.Locale;

/**
 * An injected spike. It starts anywhere in a window, not on a boundary, and while it lasts the
 * series' rate is multiplied ({@link Kind#MULTIPLY}) or raised by a fixed rate ({@link Kind#ADD},
 * the bursts of quiet series).
 *
 * @param series index of the series in {@link Scenario#series()}
 * @param start start, in windows from the beginning of the simulation
 * @param length duration, in windows
 * @param kind how the size applies
 * @param size the factor, or the extra events per window
 */
public record Spike(int series, double start, double length, Kind kind, double size) {

    /** How a spike changes the rate. */
    public enum Kind {
        /** The rate becomes {@code size} times the normal rate. */
        MULTIPLY,
        /** The rate gains {@code size} events per window. */
        ADD
    }

    public Spike {
        if (series < 0 || !(start >= 0) || !(length > 0) || kind == null || !(size > 0)) {
            throw new IllegalArgumentException("bad spike: series " + series + ", start " + start);
        }
    }

    public double end() {
        return start + length;
    }

    /** The first window the spike touches. */
    public long firstWindow() {
        return (long) Math.floor(start);
    }

    /** The last window the spike touches. */
    public long lastWindow() {
        return (long) Math.ceil(end()) - 1;
    }

    /** Events the spike adds to {@code [from, to)}, on top of the series' normal traffic. */
    public double extra(SeriesProfile profile, double from, double to) {
        double lo = Math.max(from, start);
        double hi = Math.min(to, end());
        if (hi <= lo) {
            return 0;
        }
        return kind == Kind.MULTIPLY ? (size - 1) * profile.expected(lo, hi) : size * (hi - lo);
    }

    /** Mean events per window while the spike lasts, normal traffic included. */
    public double eventsPerWindow(SeriesProfile profile) {
        return (profile.expected(start, end()) + extra(profile, start, end())) / length;
    }

    /** How many times the normal traffic the spike's traffic is. */
    public double multiple(SeriesProfile profile) {
        if (kind == Kind.MULTIPLY) {
            return size; // exactly: a 3x spike must not count as 2.9999999999999996x
        }
        double normal = profile.expected(start, end());
        return (normal + extra(profile, start, end())) / normal;
    }

    /** {@code 3×} or {@code +30/w}. */
    public String sizeLabel() {
        return kind == Kind.MULTIPLY ? format(size) + "×" : "+" + format(size) + "/w";
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
