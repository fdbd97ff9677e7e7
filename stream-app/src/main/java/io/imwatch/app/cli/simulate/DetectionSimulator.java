package io.imwatch.app.cli.simulate;

import io.imwatch.app.alerts.detection.DetectorState;
import io.imwatch.app.alerts.detection.SpikeDetector;
import io.imwatch.app.alerts.rules.DetectorParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Runs a {@link Scenario} through the production {@link SpikeDetector} and scores it.
 *
 * <p>Each series is fed as {@code SpikeDetectorProcessor} feeds it: nothing until the first window
 * that holds an event, then every window in order, empty ones included. A window's count is a
 * Poisson draw whose mean is the exact integral of the series' rate, spikes included, over the
 * window.
 *
 * <p>Scoring: a spike is caught by the first alert (FIRING transition) in a window it touches;
 * the delay counts windows from the first touched one, that one being 1. An alert in the scored
 * days is false unless it falls in a spike's windows or the {@code resolveWindows + 1} after them;
 * one after them, for a spike not alerted on in its windows, is late (and the spike missed).
 */
public final class DetectionSimulator {

    /** Where window 0 starts; any minute would do (0 is avoided: the state reads it as "unset"). */
    static final long EPOCH_MS = Instant.parse("2024-06-03T00:00:00Z").toEpochMilli();

    static final long WINDOW_MS = Duration.ofMinutes(1).toMillis();

    private DetectionSimulator() {}

    public static SimulationResult run(Scenario scenario, DetectorParams params) {
        Objects.requireNonNull(scenario, "scenario");
        SpikeDetector detector = new SpikeDetector(Objects.requireNonNull(params, "params"));
        List<List<Spike>> bySeries = new ArrayList<>();
        scenario.series().forEach(s -> bySeries.add(new ArrayList<>()));
        scenario.spikes().forEach(s -> bySeries.get(s.series()).add(s));
        List<SpikeOutcome> outcomes = new ArrayList<>();
        List<FalseAlert> falseAlerts = new ArrayList<>();
        int warmUp = 0;
        int repeats = 0;
        int late = 0;
        for (int i = 0; i < scenario.series().size(); i++) {
            SeriesProfile profile = scenario.series().get(i);
            List<Spike> spikes = bySeries.get(i);
            List<Firing> firings = feed(detector, profile, spikes, scenario.windows());
            for (Spike spike : spikes) {
                outcomes.add(outcome(profile, spike, firings));
            }
            for (Firing f : firings) {
                Spike explained = explaining(spikes, f.window(), params.resolveWindows() + 1);
                if (f.window() < Scenario.LEAD_IN_WINDOWS) {
                    warmUp++;
                } else if (explained == null) {
                    falseAlerts.add(new FalseAlert(
                            profile.name(),
                            f.window(),
                            f.count(),
                            f.baseline(),
                            profile.expected(f.window(), f.window() + 1)));
                } else {
                    Firing first = firstFiring(explained, firings);
                    if (first == null) {
                        late++;
                    } else if (first != f) {
                        repeats++;
                    }
                }
            }
        }
        return new SimulationResult(scenario.config(), params, outcomes, falseAlerts, warmUp, repeats, late);
    }

    private record Firing(long window, long count, double baseline) {}

    private static List<Firing> feed(SpikeDetector detector, SeriesProfile profile, List<Spike> spikes, long windows) {
        Random noise = new Random(profile.noiseSeed());
        List<Firing> firings = new ArrayList<>();
        DetectorState state = DetectorState.INITIAL;
        boolean seen = false;
        int next = 0; // first spike that may still touch the current window
        for (long w = 0; w < windows; w++) {
            while (next < spikes.size() && spikes.get(next).end() <= w) {
                next++;
            }
            double mean = profile.expected(w, w + 1);
            for (int k = next; k < spikes.size() && spikes.get(k).start() < w + 1; k++) {
                mean += spikes.get(k).extra(profile, w, w + 1);
            }
            long count = Poisson.sample(noise, mean);
            if (!seen && count == 0) {
                continue; // the processor keeps no state for a series before its first event
            }
            seen = true;
            SpikeDetector.Result result = detector.observe(state, count, EPOCH_MS + w * WINDOW_MS);
            state = result.state();
            if (result.transition() == SpikeDetector.Transition.FIRING) {
                firings.add(new Firing(w, count, result.baseline()));
            }
        }
        return firings;
    }

    private static SpikeOutcome outcome(SeriesProfile profile, Spike spike, List<Firing> firings) {
        Firing first = firstFiring(spike, firings);
        int delay = first == null ? 0 : (int) (first.window() - spike.firstWindow() + 1);
        double normal = profile.expected(spike.start(), spike.end()) / spike.length();
        return new SpikeOutcome(
                spike, profile.name(), normal, spike.eventsPerWindow(profile), spike.multiple(profile), delay);
    }

    private static Firing firstFiring(Spike spike, List<Firing> firings) {
        for (Firing f : firings) {
            if (f.window() >= spike.firstWindow() && f.window() <= spike.lastWindow()) {
                return f;
            }
        }
        return null;
    }

    private static Spike explaining(List<Spike> spikes, long window, int after) {
        for (Spike s : spikes) {
            if (window >= s.firstWindow() && window <= s.lastWindow() + after) {
                return s;
            }
        }
        return null;
    }
}
