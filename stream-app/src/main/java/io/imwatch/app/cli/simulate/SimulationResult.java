package io.imwatch.app.cli.simulate;

import io.imwatch.app.alerts.rules.DetectorParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The score of one detector run over one scenario.
 *
 * @param config the simulated scenario's configuration
 * @param params the detector's parameters
 * @param outcomes one per injected spike
 * @param falseAlerts alerts in the scored days that no spike explains
 * @param warmUpAlerts alerts during the unscored lead-in
 * @param repeatAlerts further alerts for a spike already alerted on (flapping)
 * @param lateAlerts alerts just after a spike that was not alerted on while it lasted
 */
public record SimulationResult(
        SimulationConfig config,
        DetectorParams params,
        List<SpikeOutcome> outcomes,
        List<FalseAlert> falseAlerts,
        int warmUpAlerts,
        int repeatAlerts,
        int lateAlerts) {

    public SimulationResult {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(params, "params");
        outcomes = List.copyOf(outcomes);
        falseAlerts = List.copyOf(falseAlerts);
    }

    public DetectionStats all() {
        return DetectionStats.of(outcomes);
    }

    public DetectionStats goalClass() {
        return DetectionStats.of(goalClassOutcomes());
    }

    public List<SpikeOutcome> goalClassOutcomes() {
        return outcomes.stream().filter(SpikeOutcome::goalClass).toList();
    }

    /** Goal-class spikes caught within {@link DetectionGoals#MAX_DELAY} windows. */
    public int goalClassCaughtInTime() {
        return (int) goalClassOutcomes().stream()
                .filter(o -> o.detected() && o.delay() <= DetectionGoals.MAX_DELAY)
                .count();
    }

    public double falseAlertsPerDay() {
        return (double) falseAlerts.size() / config.days();
    }

    /** The goals this run misses, in words; empty when it meets them all. */
    public List<String> unmetGoals() {
        List<String> unmet = new ArrayList<>();
        DetectionStats goal = goalClass();
        if (goal.detected() < goal.spikes()) {
            unmet.add(String.format(Locale.ROOT, "goal-class recall %d/%d < 1", goal.detected(), goal.spikes()));
        }
        if (goal.maxDelay() > DetectionGoals.MAX_DELAY) {
            unmet.add(String.format(
                    Locale.ROOT, "goal-class max delay %d > %d windows", goal.maxDelay(), DetectionGoals.MAX_DELAY));
        }
        if (falseAlertsPerDay() > DetectionGoals.MAX_FALSE_ALERTS_PER_DAY) {
            unmet.add(String.format(
                    Locale.ROOT,
                    "%.2f false alerts per day > %.0f",
                    falseAlertsPerDay(),
                    DetectionGoals.MAX_FALSE_ALERTS_PER_DAY));
        }
        return unmet;
    }

    public boolean meetsGoals() {
        return unmetGoals().isEmpty();
    }
}
