package io.imwatch.app.cli.simulate;

import io.imwatch.app.alerts.rules.DetectorParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A {@link SimulationResult} as Markdown, ready for BENCHMARKS.md or a terminal. */
public final class DetectionReport {

    /** Rows of the missed-spike and false-alert listings. */
    static final int LISTED = 10;

    private DetectionReport() {}

    public static String markdown(SimulationResult r) {
        StringBuilder out = new StringBuilder();
        SimulationConfig c = r.config();
        line(out, "### Spike detection quality (seed %d)", c.seed());
        line(out, "");
        scenario(out, c, r.outcomes().size());
        line(out, "Detector: `%s`.", params(r.params()));
        line(out, "");
        line(out, "| Spikes | Injected | Caught | Recall | Delay max | mean | p50 | p95 |");
        line(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
        stats(out, "Goal class: ≥3×, ≥2 windows, ≥30 events/window", r.goalClass());
        stats(out, "All", r.all());
        line(out, "");
        line(
                out,
                "False alerts: %d in %d days, **%.2f per day** (goal ≤ %s) across all %d series."
                        + " Alerts in the warm-up: %d. Repeat alerts for a spike: %d. Late alerts (just after a missed spike): %d.",
                r.falseAlerts().size(),
                c.days(),
                r.falseAlertsPerDay(),
                number(DetectionGoals.MAX_FALSE_ALERTS_PER_DAY),
                c.series(),
                r.warmUpAlerts(),
                r.repeatAlerts(),
                r.lateAlerts());
        line(out, "");
        List<String> unmet = r.unmetGoals();
        line(
                out,
                unmet.isEmpty()
                        ? "**Goals met** (goal class caught within %d windows, ≤ %s false alerts per day)."
                        : "**Goals not met:** " + String.join("; ", unmet).replace("%", "%%") + ".",
                DetectionGoals.MAX_DELAY,
                number(DetectionGoals.MAX_FALSE_ALERTS_PER_DAY));
        line(out, "");
        bySizeAndLength(out, r);
        line(out, "");
        byEvents(out, r);
        missed(out, r);
        falseAlerts(out, r);
        return out.toString();
    }

    /** One row per parameter set is the tuning table of BENCHMARKS.md. */
    public static String sweepMarkdown(SweepResult sweep) {
        StringBuilder out = new StringBuilder();
        SimulationConfig c = sweep.firstConfig();
        int n = sweep.runs().size();
        line(out, "### Spike detection quality over %d seeds (%d to %d)", n, c.seed(), c.seed() + n - 1);
        line(out, "");
        scenario(out, c, sweep.spikes() / n);
        line(out, "");
        sweepHeader(out);
        sweepRow(out, sweep);
        return out.toString();
    }

    /** The header of {@link #sweepRow}. */
    public static void sweepHeader(StringBuilder out) {
        line(
                out,
                "| Detector | Goal class caught within %d windows | Seeds catching all | Seeds meeting all goals"
                        + " | All spikes caught | False alerts per day, mean | worst seed |",
                DetectionGoals.MAX_DELAY);
        line(out, "|---|---:|---:|---:|---:|---:|---:|");
    }

    /** One row of the tuning table. */
    public static void sweepRow(StringBuilder out, SweepResult sweep) {
        int n = sweep.runs().size();
        line(
                out,
                "| `%s` | %d/%d (%.2f %%) | %d/%d | %d/%d | %.1f %% | %.2f | %.2f |",
                params(sweep.params()),
                sweep.goalClassCaughtInTime(),
                sweep.goalClassSpikes(),
                100.0 * sweep.goalClassCaughtInTime() / Math.max(sweep.goalClassSpikes(), 1),
                sweep.seedsCatchingAllGoalClass(),
                n,
                sweep.seedsMeetingGoals(),
                n,
                100.0 * sweep.detected() / Math.max(sweep.spikes(), 1),
                sweep.meanFalseAlertsPerDay(),
                sweep.worstFalseAlertsPerDay());
    }

    private static void scenario(StringBuilder out, SimulationConfig c, int spikes) {
        line(
                out,
                "%d series (vendor × close reason; baselines %s–%s events per 1-minute window on a log scale,"
                        + " each with its own daily cycle of ±%.0f–%.0f %%), %d scored days after a %d-hour warm-up,"
                        + " %d injected spikes (%d per series and day, starting at random times within a window:"
                        + " %s on series above %s per window, %s events per window below;"
                        + " lasting %s windows). Window counts are Poisson draws.",
                c.series(),
                number(Scenario.QUIETEST),
                number(Scenario.BUSIEST),
                100 * Scenario.MIN_AMPLITUDE,
                100 * (Scenario.MIN_AMPLITUDE + Scenario.AMPLITUDE_SPAN),
                c.days(),
                Scenario.LEAD_IN_WINDOWS / 60,
                spikes,
                c.spikesPerDay(),
                sizes(Scenario.MULTIPLES, Spike.Kind.MULTIPLY),
                number(Scenario.QUIET_BELOW),
                sizes(Scenario.BURSTS, Spike.Kind.ADD),
                Arrays.stream(Scenario.LENGTHS).mapToObj(Integer::toString).collect(Collectors.joining(", ")));
    }

    private static String sizes(double[] sizes, Spike.Kind kind) {
        return Arrays.stream(sizes)
                .mapToObj(size ->
                        kind == Spike.Kind.ADD ? "+" + number(size) : new Spike(0, 0, 1, kind, size).sizeLabel())
                .collect(Collectors.joining(", "));
    }

    static String params(DetectorParams p) {
        return String.format(
                Locale.ROOT,
                "minCount %d, factor %s, zScore %s, warmupWindows %d, alpha %s, resolveFactor %s, resolveWindows %d",
                p.minCount(),
                number(p.factor()),
                number(p.zScore()),
                p.warmupWindows(),
                number(p.alpha()),
                number(p.resolveFactor()),
                p.resolveWindows());
    }

    private static void stats(StringBuilder out, String label, DetectionStats s) {
        line(
                out,
                "| %s | %d | %d | %.1f %% | %d | %.2f | %d | %d |",
                label,
                s.spikes(),
                s.detected(),
                100 * s.recall(),
                s.maxDelay(),
                s.meanDelay(),
                s.p50Delay(),
                s.p95Delay());
    }

    private static void bySizeAndLength(StringBuilder out, SimulationResult r) {
        Map<String, Map<Integer, int[]>> table = new LinkedHashMap<>();
        for (double m : Scenario.MULTIPLES) {
            table.put(new Spike(0, 0, 1, Spike.Kind.MULTIPLY, m).sizeLabel(), new LinkedHashMap<>());
        }
        for (double b : Scenario.BURSTS) {
            table.put(new Spike(0, 0, 1, Spike.Kind.ADD, b).sizeLabel(), new LinkedHashMap<>());
        }
        for (SpikeOutcome o : r.outcomes()) {
            int[] cell = table.computeIfAbsent(o.spike().sizeLabel(), k -> new LinkedHashMap<>())
                    .computeIfAbsent((int) o.spike().length(), k -> new int[2]);
            cell[0] += o.detected() ? 1 : 0;
            cell[1]++;
        }
        StringBuilder header = new StringBuilder("| Caught / injected, by size and length (windows) |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int length : Scenario.LENGTHS) {
            header.append(' ').append(length).append(" |");
            rule.append("---:|");
        }
        line(out, "%s", header);
        line(out, "%s", rule);
        table.forEach((size, cells) -> {
            if (cells.isEmpty()) {
                return;
            }
            StringBuilder row = new StringBuilder("| ").append(size).append(" |");
            for (int length : Scenario.LENGTHS) {
                int[] cell = cells.get(length);
                row.append(' ')
                        .append(cell == null ? "–" : cell[0] + "/" + cell[1])
                        .append(" |");
            }
            line(out, "%s", row);
        });
    }

    private static void byEvents(StringBuilder out, SimulationResult r) {
        double[] edges = {DetectionGoals.MIN_EVENTS, 60, 150, Double.POSITIVE_INFINITY};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i + 1 < edges.length; i++) {
            double lo = edges[i];
            double hi = edges[i + 1];
            List<SpikeOutcome> band = r.goalClassOutcomes().stream()
                    .filter(o -> o.eventsPerWindow() >= lo && o.eventsPerWindow() < hi)
                    .toList();
            DetectionStats s = DetectionStats.of(band);
            String range = hi == Double.POSITIVE_INFINITY ? "≥" + number(lo) : number(lo) + "–" + number(hi);
            parts.add(String.format(
                    Locale.ROOT,
                    "%s events/window %d/%d (max delay %d)",
                    range,
                    s.detected(),
                    s.spikes(),
                    s.maxDelay()));
        }
        line(out, "Goal class by events per spike window: %s.", String.join("; ", parts));
    }

    private static void missed(StringBuilder out, SimulationResult r) {
        List<SpikeOutcome> late = r.goalClassOutcomes().stream()
                .filter(o -> !o.detected() || o.delay() > DetectionGoals.MAX_DELAY)
                .toList();
        if (late.isEmpty()) {
            return;
        }
        line(out, "");
        line(out, "Goal-class spikes missed or late (%d; first %d):", late.size(), Math.min(late.size(), LISTED));
        line(out, "");
        line(out, "| Series | Start | Size | Windows | Normal/window | Events/window | Delay |");
        line(out, "|---|---|---|---:|---:|---:|---:|");
        for (SpikeOutcome o : late.subList(0, Math.min(late.size(), LISTED))) {
            line(
                    out,
                    "| %s | %s | %s | %s | %.1f | %.1f | %s |",
                    o.series(),
                    when(o.spike().start()),
                    o.spike().sizeLabel(),
                    number(o.spike().length()),
                    o.normalPerWindow(),
                    o.eventsPerWindow(),
                    o.detected() ? Integer.toString(o.delay()) : "missed");
        }
    }

    private static void falseAlerts(StringBuilder out, SimulationResult r) {
        if (r.falseAlerts().isEmpty()) {
            return;
        }
        List<FalseAlert> shown =
                r.falseAlerts().subList(0, Math.min(r.falseAlerts().size(), LISTED));
        line(out, "");
        line(out, "False alerts (%d; first %d):", r.falseAlerts().size(), shown.size());
        line(out, "");
        line(out, "| Series | Window | Count | Baseline | Expected |");
        line(out, "|---|---|---:|---:|---:|");
        for (FalseAlert f : shown) {
            line(
                    out,
                    "| %s | %s | %d | %.1f | %.1f |",
                    f.series(),
                    when(f.window()),
                    f.count(),
                    f.baseline(),
                    f.normal());
        }
    }

    /** {@code day 3 14:05:27}: a time in the scored days (day 1 starts after the warm-up). */
    static String when(double windows) {
        double minutes = windows - Scenario.LEAD_IN_WINDOWS;
        long seconds = (long) Math.floor(minutes * 60);
        long day = Math.floorDiv(seconds, 86_400L);
        long rest = seconds - day * 86_400L;
        return String.format(Locale.ROOT, "day %d %02d:%02d:%02d", day + 1, rest / 3600, rest / 60 % 60, rest % 60);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
