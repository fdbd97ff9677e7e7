package io.imwatch.app.alerts.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.imwatch.app.alerts.detection.SpikeDetector.Result;
import io.imwatch.app.alerts.detection.SpikeDetector.Transition;
import io.imwatch.app.alerts.rules.DetectorParams;
import org.junit.jupiter.api.Test;

/** The behaviour of the detector that the detection-quality simulator relies on. */
class SpikeDetectorTest {

    private static final long MINUTE = 60_000L;
    private static final DetectorParams P = DetectorParams.DEFAULTS;

    private final SpikeDetector detector = new SpikeDetector(P);
    private DetectorState state = DetectorState.INITIAL;
    private long window = 1_717_372_800_000L;

    private Result observe(long count) {
        Result result = detector.observe(state, count, window);
        state = result.state();
        window += MINUTE;
        return result;
    }

    /** Counts of {@code level - 1} and {@code level + 1} in turn: a steady series. */
    private void steady(long level, int windows) {
        for (int i = 0; i < windows; i++) {
            assertThat(observe(level + (i % 2 == 0 ? -1 : 1)).transition()).isEqualTo(Transition.NONE);
        }
    }

    @Test
    void shouldFireOnClearSpikeAfterWarmUp() {
        steady(10, 60);
        long start = window;

        Result result = observe(100);

        assertThat(result.transition()).isEqualTo(Transition.FIRING);
        assertThat(result.baseline()).isBetween(9.0, 11.0);
        assertThat(result.state().firing()).isTrue();
        assertThat(result.state().firingSince()).isEqualTo(start);
        assertThat(result.state().peak()).isEqualTo(100);
    }

    @Test
    void shouldNotFireDuringWarmUp() {
        for (int i = 0; i < P.warmupWindows() - 1; i++) {
            observe(10);
        }

        Result result = observe(10_000);

        assertThat(result.transition()).isEqualTo(Transition.NONE);
        assertThat(result.state().firing()).isFalse();
        assertThat(result.state().windows()).isEqualTo(P.warmupWindows());
    }

    @Test
    void shouldFireOnTheFirstWindowAfterWarmUp() {
        for (int i = 0; i < P.warmupWindows(); i++) {
            observe(10);
        }

        assertThat(observe(200).transition()).isEqualTo(Transition.FIRING);
    }

    @Test
    void shouldResolveOnlyAfterResolveWindowsCalmWindowsInARow() {
        steady(10, 60);
        assertThat(observe(100).transition()).isEqualTo(Transition.FIRING);

        for (int round = 0; round < 3; round++) {
            for (int calm = 1; calm < P.resolveWindows(); calm++) {
                assertThat(observe(10).transition()).isEqualTo(Transition.NONE);
            }
            assertThat(observe(100).transition())
                    .as("a hot window restarts the count of calm windows")
                    .isEqualTo(Transition.NONE);
            assertThat(state.firing()).isTrue();
        }
        for (int calm = 1; calm < P.resolveWindows(); calm++) {
            assertThat(observe(10).transition()).isEqualTo(Transition.NONE);
        }
        Result resolved = observe(10);

        assertThat(resolved.transition()).isEqualTo(Transition.RESOLVED);
        assertThat(resolved.state().firing()).isFalse();
        assertThat(resolved.state().firingSince()).isZero();
    }

    @Test
    void shouldNotResolveWhileTheSpikeHoversAboveTheResolveThreshold() {
        steady(10, 60);
        observe(100);
        long hovering = (long) Math.ceil(P.resolveFactor() * 20);

        for (int i = 0; i < 10; i++) {
            assertThat(observe(hovering).transition()).isEqualTo(Transition.NONE);
        }
        assertThat(state.firing()).isTrue();
    }

    @Test
    void shouldNotFireOnAQuietSeriesBurstBelowMinCount() {
        for (int i = 0; i < 300; i++) {
            observe(i % 5 == 0 ? 1 : 0); // 0.2 events per window
        }

        assertThat(detector.observe(state, P.minCount() - 1, window).transition())
                .isEqualTo(Transition.NONE);
        assertThat(detector.observe(state, P.minCount(), window).transition())
                .as("minCount is the only gate a quiet series' burst has to pass")
                .isEqualTo(Transition.FIRING);
    }

    @Test
    void shouldNotFireBelowFactorTimesBaselineHoweverManyDeviationsAbove() {
        steady(100, 200);
        long belowFactor = (long) Math.floor(P.factor() * 99); // yet many deviations of sqrt(100) above

        assertThat(observe(belowFactor).transition()).isEqualTo(Transition.NONE);
    }

    @Test
    void shouldBeAPureFunctionOfStateAndCount() {
        steady(10, 30);
        DetectorState before = state;

        Result first = detector.observe(before, 57, window);
        Result second = detector.observe(before, 57, window);

        assertThat(first).isEqualTo(second);
        assertThat(state).isSameAs(before);
    }

    @Test
    void shouldNotLetALowFirstWindowMakeOrdinaryTrafficLookLikeASpike() {
        observe(2); // a series that started a few seconds before its first window ended
        steady(40, 30);

        assertThat(state.firing()).isFalse();
        assertThat(state.mean()).isBetween(35.0, 45.0);
    }
}
