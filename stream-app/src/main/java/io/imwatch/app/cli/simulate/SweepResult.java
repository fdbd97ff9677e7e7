package io.imwatch.app.cli.simulate;

import io.imwatch.app.alerts.rules.DetectorParams;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;

/**
 * One detector run over several seeds: a single seed's figures are one draw, and a parameter set
 * that meets the goals on one seed may miss them on the next.
 *
 * @param runs one result per seed, in seed order
 */
public record SweepResult(List<SimulationResult> runs) {

    public SweepResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one run");
        }
    }

    /** Runs seeds {@code config.seed()}, {@code config.seed() + 1}, ... */
    public static SweepResult run(SimulationConfig config, DetectorParams params, int seeds) {
        Objects.requireNonNull(config, "config");
        if (seeds < 1) {
            throw new IllegalArgumentException("need at least one seed");
        }
        return new SweepResult(LongStream.range(0, seeds)
                .mapToObj(i -> DetectionSimulator.run(Scenario.generate(config.withSeed(config.seed() + i)), params))
                .toList());
    }

    public SimulationConfig firstConfig() {
        return runs.get(0).config();
    }

    public DetectorParams params() {
        return runs.get(0).params();
    }

    public int goalClassSpikes() {
        return runs.stream().mapToInt(r -> r.goalClass().spikes()).sum();
    }

    public int goalClassCaughtInTime() {
        return runs.stream().mapToInt(SimulationResult::goalClassCaughtInTime).sum();
    }

    public int spikes() {
        return runs.stream().mapToInt(r -> r.outcomes().size()).sum();
    }

    public int detected() {
        return runs.stream().mapToInt(r -> r.all().detected()).sum();
    }

    /** Seeds on which every goal-class spike was caught in time. */
    public int seedsCatchingAllGoalClass() {
        return (int) runs.stream()
                .filter(r -> r.goalClassCaughtInTime() == r.goalClass().spikes())
                .count();
    }

    public int seedsMeetingGoals() {
        return (int) runs.stream().filter(SimulationResult::meetsGoals).count();
    }

    public double meanFalseAlertsPerDay() {
        return runs.stream().mapToInt(r -> r.falseAlerts().size()).sum()
                / (double) runs.stream().mapToInt(r -> r.config().days()).sum();
    }

    public double worstFalseAlertsPerDay() {
        return runs.stream()
                .mapToDouble(SimulationResult::falseAlertsPerDay)
                .max()
                .orElseThrow();
    }
}
