package io.imwatch.app.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.imwatch.app.alerts.AlertEvent;
import io.imwatch.app.alerts.AlertJson;
import io.imwatch.app.alerts.detection.AlertsTopology;
import io.imwatch.app.window.SummingProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spike detector inside the production topology, driven minute by minute on the wall clock. */
class AlertsTopologyTest {

    private static final String HEARTBEAT_CLOSE =
            "{\"sdk\":\"turms-client-kotlin\",\"event\":\"session_closed\",\"closeStatus\":110,\"ts\":\"%s\"}";

    @TempDir
    Path stateDir;

    private TopologyFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    /**
     * {@code closes} heartbeat closes spread over the current minute, then the wall clock moves to
     * the next minute: first past the sums' flush, as in a running app, then the rest of the minute.
     */
    private void minute(int index, int closes) {
        Instant start = TopologyFixture.START.plus(Duration.ofMinutes(index));
        for (int i = 0; i < closes; i++) {
            Instant t = start.plusMillis(i * (60_000L / Math.max(closes, 1)));
            f.logs.pipeInput(new TestRecord<>(null, HEARTBEAT_CLOSE.formatted(t).getBytes(UTF_8), t));
        }
        f.flushSums();
        f.driver.advanceWallClockTime(Duration.ofMinutes(1).minus(SummingProcessor.FLUSH_INTERVAL));
    }

    private List<AlertEvent> alerts() {
        return f.alerts.readValuesToList().stream().map(AlertJson::read).toList();
    }

    @Test
    void shouldFireOnceOnASpikeAndResolveOnceAfterIt() {
        f = new TopologyFixture(Map.of(), stateDir);
        for (int m = 0; m < 8; m++) {
            minute(m, 5);
        }
        assertThat(alerts()).as("steady traffic after warm-up: nothing fires").isEmpty();

        minute(8, 120);
        minute(9, 130);
        List<AlertEvent> fired = alerts();
        assertThat(fired)
                .extracting(a -> a.labels().get("alertname"))
                .containsExactlyInAnyOrder("SessionCloseSpike", "SessionCloseSpikeOverall");
        AlertEvent spike = fired.stream()
                .filter(a -> a.labels().get("alertname").equals("SessionCloseSpike"))
                .findFirst()
                .orElseThrow();
        assertThat(spike.status()).isEqualTo(AlertEvent.FIRING);
        assertThat(spike.labels())
                .containsEntry("vendor", "turms")
                .containsEntry("reason", "HEARTBEAT_TIMEOUT")
                .containsEntry("severity", "critical");
        assertThat(spike.startsAt())
                .isEqualTo(TopologyFixture.START.plus(Duration.ofMinutes(8)).toEpochMilli());
        assertThat(spike.endsAt()).isZero();
        assertThat(spike.annotations().get("summary")).isEqualTo("turms sessions closing: HEARTBEAT_TIMEOUT spike");
        assertThat(spike.annotations().get("count")).isEqualTo("120");

        for (int m = 10; m < 14; m++) {
            minute(m, 5);
        }
        List<AlertEvent> resolved = alerts();
        assertThat(resolved)
                .extracting(AlertEvent::status)
                .containsOnly(AlertEvent.RESOLVED)
                .hasSize(2);
        AlertEvent resolvedSpike = resolved.stream()
                .filter(a -> a.labels().get("alertname").equals("SessionCloseSpike"))
                .findFirst()
                .orElseThrow();
        assertThat(resolvedSpike.fingerprint()).isEqualTo(spike.fingerprint());
        assertThat(resolvedSpike.startsAt()).isEqualTo(spike.startsAt());
        assertThat(resolvedSpike.endsAt())
                .isEqualTo(TopologyFixture.START.plus(Duration.ofMinutes(12)).toEpochMilli());

        for (int m = 14; m < 18; m++) {
            minute(m, 5);
        }
        assertThat(alerts()).as("no repeats").isEmpty();
    }

    @Test
    void shouldResolveASeriesThatGoesCompletelyQuiet() {
        f = new TopologyFixture(Map.of(), stateDir);
        for (int m = 0; m < 6; m++) {
            minute(m, 4);
        }
        minute(6, 200);
        minute(7, 0); // a window is judged once the wall clock passes its end + grace
        assertThat(alerts())
                .extracting(AlertEvent::status)
                .containsOnly(AlertEvent.FIRING)
                .hasSize(2);
        for (int m = 8; m < 12; m++) {
            minute(m, 0); // no records at all: only the wall clock moves
        }
        assertThat(alerts())
                .extracting(AlertEvent::status)
                .containsOnly(AlertEvent.RESOLVED)
                .hasSize(2);
    }

    @Test
    void shouldNotFireDuringWarmUpOrOnSmallBursts() {
        f = new TopologyFixture(Map.of(), stateDir);
        minute(0, 2);
        minute(1, 150); // a burst before the baseline exists
        for (int m = 2; m < 8; m++) {
            minute(m, 1);
        }
        minute(8, 15); // 15x the baseline, but under minCount
        minute(9, 1);
        assertThat(alerts()).isEmpty();
        KeyValueStore<String, ?> store = f.driver.getKeyValueStore(AlertsTopology.STORE);
        assertThat(store.get("SessionCloseSpike|turms|HEARTBEAT_TIMEOUT"))
                .as("the series is tracked")
                .isNotNull();
    }

    @Test
    void shouldNotJudgeASeriesOnTheWindowItWasFirstSeenIn() {
        f = new TopologyFixture(Map.of(), stateDir);
        Instant late = TopologyFixture.START.plusSeconds(58); // imwatch starts two seconds before a window ends
        f.logs.pipeInput(new TestRecord<>(null, HEARTBEAT_CLOSE.formatted(late).getBytes(UTF_8), late));
        f.driver.advanceWallClockTime(Duration.ofMinutes(1));
        for (int m = 1; m < 12; m++) {
            minute(m, 40);
        }
        assertThat(alerts())
                .as("40 closes a minute from the start is the baseline, not a spike")
                .isEmpty();
    }

    @Test
    void shouldWaitForABacklogBeforeJudgingItsWindows() {
        f = new TopologyFixture(Map.of(), stateDir);
        // imwatch comes back after ten minutes: the backlog is read minute by minute, much faster than
        // it was written, while the wall clock is already ten minutes ahead
        f.driver.advanceWallClockTime(Duration.ofMinutes(10));
        for (int m = 0; m < 10; m++) {
            Instant start = TopologyFixture.START.plus(Duration.ofMinutes(m));
            for (int i = 0; i < 40; i++) {
                Instant t = start.plusMillis(i * 1_500L);
                f.logs.pipeInput(
                        new TestRecord<>(null, HEARTBEAT_CLOSE.formatted(t).getBytes(UTF_8), t));
            }
            f.driver.advanceWallClockTime(Duration.ofSeconds(6)); // a punctuation while the backlog is still being read
        }
        for (int m = 10; m < 16; m++) {
            minute(m, 40);
        }
        assertThat(alerts())
                .as("a window is judged on its records, not before they are read")
                .isEmpty();
    }
}
