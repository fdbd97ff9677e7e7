package io.imwatch.app.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imwatch.app.alerts.rules.DetectorParams;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detection quality of the default detector on the seeded simulation that BENCHMARKS.md
 * reports. A change to {@code SpikeDetector}, {@code DetectorParams.DEFAULTS} or the simulator
 * changes the pinned figures: re-run {@code imwatch simulate} and update BENCHMARKS.md with them.
 *
 * <p>The seed was fixed before the defaults were tuned. It is one draw: the goal class sits at the
 * edge of what one Poisson window can tell apart (3 × 10 events against 10), and over seeds 1 to
 * 40 the same defaults catch 99.6 % of goal-class spikes within two windows, not all of them
 * ({@code imwatch simulate --seed 1 --runs 40}).
 */
class DetectionQualityTest {

    private static Scenario scenario;
    private static SimulationResult result;

    @BeforeAll
    static void simulate() {
        scenario = Scenario.generate(SimulationConfig.DEFAULT);
        result = DetectionSimulator.run(scenario, DetectorParams.DEFAULTS);
    }

    @Test
    void shouldCatchEveryGoalClassSpikeWithinTwoWindows() {
        DetectionStats goal = result.goalClass();

        assertThat(goal.spikes()).isPositive();
        assertThat(goal.recall()).isEqualTo(1.0);
        assertThat(goal.maxDelay()).isLessThanOrEqualTo(DetectionGoals.MAX_DELAY);
        assertThat(result.goalClassCaughtInTime()).isEqualTo(goal.spikes());
    }

    @Test
    void shouldRaiseAtMostOneFalseAlertPerSimulatedDay() {
        assertThat(result.falseAlertsPerDay()).isLessThanOrEqualTo(DetectionGoals.MAX_FALSE_ALERTS_PER_DAY);
        assertThat(result.meetsGoals()).as("unmet: %s", result.unmetGoals()).isTrue();
    }

    @Test
    void shouldNeverFalseAlertOnAQuietSeries() {
        Map<String, SeriesProfile> byName =
                scenario.series().stream().collect(Collectors.toMap(SeriesProfile::name, Function.identity()));

        assertThat(result.falseAlerts())
                .allSatisfy(f ->
                        assertThat(byName.get(f.series()).baseline()).isGreaterThanOrEqualTo(Scenario.QUIET_BELOW));
        assertThat(result.warmUpAlerts()).isZero();
    }

    @Test
    void shouldReproduceTheSeededFigures() {
        DetectionStats all = result.all();
        DetectionStats goal = result.goalClass();
        String figures = String.format(
                Locale.ROOT,
                "series %d, days %d, spikes %d, caught %d, max delay %d;"
                        + " goal class %d, caught %d, delay max %d mean %.4f p50 %d p95 %d;"
                        + " false alerts %d, warm-up %d, repeat %d, late %d",
                scenario.series().size(),
                result.config().days(),
                all.spikes(),
                all.detected(),
                all.maxDelay(),
                goal.spikes(),
                goal.detected(),
                goal.maxDelay(),
                goal.meanDelay(),
                goal.p50Delay(),
                goal.p95Delay(),
                result.falseAlerts().size(),
                result.warmUpAlerts(),
                result.repeatAlerts(),
                result.lateAlerts());
        String falseAlerts = result.falseAlerts().stream()
                .map(f -> f.series() + " at " + DetectionReport.when(f.window()) + " count " + f.count())
                .collect(Collectors.joining("; "));

        assertThat(figures)
                .isEqualTo("series 30, days 7, spikes 840, caught 639, max delay 6;"
                        + " goal class 417, caught 417, delay max 2 mean 1.3285 p50 1 p95 2;"
                        + " false alerts 3, warm-up 0, repeat 0, late 0");
        assertThat(falseAlerts)
                .isEqualTo("openim/TRANSPORT_SWITCH at day 6 15:15:00 count 23;"
                        + " turms/SERVER_SHUTDOWN at day 5 04:37:00 count 34;"
                        + " igap/SERVER_SHUTDOWN at day 4 16:35:00 count 38");
    }
}
