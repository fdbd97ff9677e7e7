package io.imwatch.app.cli.simulate;

import io.imwatch.catalog.SessionCloseReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The simulated traffic: series with daily cycles and the spikes injected into them, all drawn
 * from one seed. Time is counted in 1-minute windows from the start of the simulation: a
 * {@link #LEAD_IN_WINDOWS} warm-up without spikes, then the scored days.
 *
 * @param config what was asked for
 * @param series the series; baselines spread evenly on a log scale from {@link #QUIETEST} to
 *     {@link #BUSIEST} events per window, in random order
 * @param spikes the injected spikes, by series and start
 */
public record Scenario(SimulationConfig config, List<SeriesProfile> series, List<Spike> spikes) {

    public static final int WINDOWS_PER_DAY = 1440;
    /** Unscored hours first, so that scoring starts with warmed-up series, as in a running app. */
    public static final int LEAD_IN_WINDOWS = 360;

    public static final double QUIETEST = 0.2;
    public static final double BUSIEST = 200;
    /** Series below this baseline get absolute bursts: a multiple of nearly nothing is nothing. */
    public static final double QUIET_BELOW = 3;

    /** The daily cycle's relative amplitude is drawn from [MIN_AMPLITUDE, MIN_AMPLITUDE + AMPLITUDE_SPAN). */
    public static final double MIN_AMPLITUDE = 0.2;

    public static final double AMPLITUDE_SPAN = 0.6;

    static final List<String> VENDORS = List.of("turms", "jmessage", "openim", "easemob", "igap");
    static final double[] MULTIPLES = {2, 3, 5, 10};
    static final double[] BURSTS = {10, 20, 30, 50, 100};
    static final int[] LENGTHS = {1, 2, 3, 5, 10};
    /** Windows kept free of spikes at both ends of each spike's slot. */
    static final int GAP = 30;

    public Scenario {
        Objects.requireNonNull(config, "config");
        series = List.copyOf(series);
        spikes = List.copyOf(spikes);
    }

    /** Windows simulated, lead-in included. */
    public long windows() {
        return LEAD_IN_WINDOWS + (long) config.days() * WINDOWS_PER_DAY;
    }

    /** The seeded scenario of a configuration. */
    public static Scenario generate(SimulationConfig config) {
        Random random = new Random(config.seed());
        int n = config.series();
        int[] rank = permutation(n, random);
        SessionCloseReason[] reasons = SessionCloseReason.values();
        List<SeriesProfile> series = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double position = n == 1 ? 0.5 : (double) rank[i] / (n - 1);
            double baseline = QUIETEST * StrictMath.pow(BUSIEST / QUIETEST, position);
            String vendor = VENDORS.get(i % VENDORS.size());
            int combo = i / VENDORS.size();
            String reason = reasons[combo % reasons.length].name();
            if (combo >= reasons.length) {
                reason += "_" + combo / reasons.length;
            }
            double amplitude = MIN_AMPLITUDE + AMPLITUDE_SPAN * random.nextDouble();
            double phase = WINDOWS_PER_DAY * random.nextDouble();
            series.add(new SeriesProfile(vendor, reason, baseline, amplitude, phase, random.nextLong()));
        }
        List<Spike> spikes = new ArrayList<>();
        int perDay = config.spikesPerDay();
        double slot = perDay == 0 ? 0 : (double) WINDOWS_PER_DAY / perDay;
        for (int i = 0; i < n; i++) {
            boolean quiet = series.get(i).baseline() < QUIET_BELOW;
            for (int day = 0; day < config.days(); day++) {
                for (int s = 0; s < perDay; s++) {
                    double slotStart = LEAD_IN_WINDOWS + day * WINDOWS_PER_DAY + s * slot;
                    int length = LENGTHS[random.nextInt(LENGTHS.length)];
                    Spike.Kind kind = quiet ? Spike.Kind.ADD : Spike.Kind.MULTIPLY;
                    double size =
                            quiet ? BURSTS[random.nextInt(BURSTS.length)] : MULTIPLES[random.nextInt(MULTIPLES.length)];
                    double start = slotStart + GAP + random.nextDouble() * (slot - 2 * GAP - length);
                    spikes.add(new Spike(i, start, length, kind, size));
                }
            }
        }
        spikes.sort(Comparator.comparingInt(Spike::series).thenComparingDouble(Spike::start));
        return new Scenario(config, series, spikes);
    }

    /** Fisher–Yates, spelled out so that the order depends on the seed alone. */
    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
