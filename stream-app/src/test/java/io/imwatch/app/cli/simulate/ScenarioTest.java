package io.imwatch.app.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static final SeriesProfile PROFILE = new SeriesProfile("turms", "NETWORK", 12, 0.6, 300, 1);

    @Test
    void shouldIntegrateTheDailyCycleExactly() {
        assertThat(PROFILE.expected(0, Scenario.WINDOWS_PER_DAY))
                .as("the cycle averages out over a day")
                .isCloseTo(12.0 * Scenario.WINDOWS_PER_DAY, within(1e-6));
        double midpoint = 0;
        for (int i = 0; i < 10_000; i++) {
            double t = 100 + (i + 0.5) * 5.0 / 10_000;
            midpoint += 12 * (1 + 0.6 * Math.sin(2 * Math.PI * (t - 300) / Scenario.WINDOWS_PER_DAY)) * 5.0 / 10_000;
        }
        assertThat(PROFILE.expected(100, 105)).isCloseTo(midpoint, within(1e-6));
        assertThat(PROFILE.expected(100, 102) + PROFILE.expected(102, 105))
                .isCloseTo(PROFILE.expected(100, 105), within(1e-9));
    }

    @Test
    void shouldSpreadASpikeThatStartsMidWindowOverThePartialWindows() {
        Spike spike = new Spike(0, 400.25, 2, Spike.Kind.MULTIPLY, 3);

        assertThat(spike.firstWindow()).isEqualTo(400);
        assertThat(spike.lastWindow()).isEqualTo(402);
        assertThat(spike.extra(PROFILE, 400, 401)).isCloseTo(2 * PROFILE.expected(400.25, 401), within(1e-9));
        assertThat(spike.extra(PROFILE, 401, 402)).isCloseTo(2 * PROFILE.expected(401, 402), within(1e-9));
        assertThat(spike.extra(PROFILE, 402, 403)).isCloseTo(2 * PROFILE.expected(402, 402.25), within(1e-9));
        assertThat(spike.extra(PROFILE, 403, 404)).isZero();
        assertThat(spike.multiple(PROFILE))
                .as("exactly, or 3x spikes drop out of the goal class")
                .isEqualTo(3.0);
        assertThat(spike.sizeLabel()).isEqualTo("3×");
    }

    @Test
    void shouldAddABurstAsAFixedRate() {
        Spike burst = new Spike(0, 400, 3, Spike.Kind.ADD, 30);

        assertThat(burst.lastWindow()).isEqualTo(402);
        assertThat(burst.extra(PROFILE, 400.5, 401)).isCloseTo(15, within(1e-9));
        assertThat(burst.eventsPerWindow(PROFILE)).isCloseTo(30 + PROFILE.expected(400, 403) / 3, within(1e-9));
        assertThat(burst.sizeLabel()).isEqualTo("+30/w");
    }

    @Test
    void shouldGenerateTheSameScenarioFromTheSameSeed() {
        assertThat(Scenario.generate(SimulationConfig.DEFAULT)).isEqualTo(Scenario.generate(SimulationConfig.DEFAULT));
        assertThat(Scenario.generate(SimulationConfig.DEFAULT.withSeed(2)))
                .isNotEqualTo(Scenario.generate(SimulationConfig.DEFAULT));
    }

    @Test
    void shouldSpreadBaselinesFromQuietToBusy() {
        List<Double> baselines = Scenario.generate(SimulationConfig.DEFAULT).series().stream()
                .map(SeriesProfile::baseline)
                .sorted()
                .toList();

        assertThat(baselines.get(0)).isCloseTo(Scenario.QUIETEST, within(1e-9));
        assertThat(baselines.get(baselines.size() - 1)).isCloseTo(Scenario.BUSIEST, within(1e-9));
        assertThat(baselines.stream().filter(b -> b < Scenario.QUIET_BELOW)).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void shouldInjectSeparateSpikesAtRandomTimesInTheScoredDays() {
        Scenario scenario = Scenario.generate(SimulationConfig.DEFAULT);
        List<Spike> spikes = scenario.spikes();

        assertThat(spikes).hasSize(30 * 7 * 4);
        assertThat(spikes).allSatisfy(s -> {
            assertThat(s.start()).isGreaterThanOrEqualTo(Scenario.LEAD_IN_WINDOWS);
            assertThat(s.end()).isLessThanOrEqualTo(scenario.windows());
        });
        assertThat(spikes).filteredOn(s -> s.start() != Math.floor(s.start())).hasSameSizeAs(spikes);
        for (int i = 1; i < spikes.size(); i++) {
            Spike before = spikes.get(i - 1);
            Spike after = spikes.get(i);
            if (before.series() == after.series()) {
                assertThat(after.start() - before.end()).isGreaterThanOrEqualTo(2 * Scenario.GAP);
            }
        }
        assertThat(spikes.stream().map(Spike::sizeLabel).distinct())
                .containsExactlyInAnyOrder("2×", "3×", "5×", "10×", "+10/w", "+20/w", "+30/w", "+50/w", "+100/w");
        assertThat(spikes.stream().map(Spike::length).distinct()).containsExactlyInAnyOrder(1.0, 2.0, 3.0, 5.0, 10.0);
    }
}
