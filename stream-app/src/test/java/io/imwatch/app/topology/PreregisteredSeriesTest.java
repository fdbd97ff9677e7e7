package io.imwatch.app.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.imwatch.app.alerts.delivery.FiringAlerts;
import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.app.run.ImwatchApp;
import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metrics.preregister}: the catalogue- and rule-bounded series exist at 0 before their first event. */
class PreregisteredSeriesTest {

    private static final Catalog CATALOG = Catalog.builtin();

    @TempDir
    Path stateDir;

    private TopologyFixture f;
    // the gauge holds its value weakly, as ImwatchApp's does: keep it reachable like the app's field
    private FiringAlerts firing;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    /** Builds the topology and the metrics as the app does, then preregisters under {@code preregister}. */
    private void start(String preregister) {
        Map<String, String> settings =
                preregister == null ? Map.of() : Map.of(ImwatchConfig.METRICS_PREREGISTER_CONFIG, preregister);
        f = new TopologyFixture(settings, stateDir);
        ImwatchConfig config = new ConfigSources()
                .add("test", Map.of(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG, "ttd:9092"))
                .add("test overrides", settings)
                .build();
        firing = new FiringAlerts(f.registry);
        AlertRules rules = AlertRules.defaults(f.settings.countsWindow());
        ImwatchApp.preregisterSeries(config, CATALOG, rules, f.metrics, firing);
        ImwatchApp.preregisterOnSwitch(config, f.catalog, rules, f.metrics, firing);
    }

    @Test
    void shouldRegisterTheSeriesOfAPublishedCatalogueAtZeroBeforeItsFirstRecord() {
        start(null);
        assertThat(code("inhouse", "4031")).isNull();

        f.catalogTopic.pipeInput("inhouse.yaml", CatalogTopicTopologyTest.CATALOG.getBytes(UTF_8));

        assertThat(code("inhouse", "4031"))
                .isNotNull()
                .extracting(Counter::count)
                .isEqualTo(0.0);
        assertThat(f.registry
                        .find("imwatch.session.closes")
                        .tags("vendor", "inhouse", "reason", "KICKED_BY_OTHER_DEVICE")
                        .counter())
                .isNotNull();
        assertThat(firing("SessionCloseSpike", "inhouse", "KICKED_BY_OTHER_DEVICE"))
                .isEqualTo(0.0);
    }

    @Test
    void shouldLeaveThePublishedCataloguesSeriesSparseWhenSwitchedOff() {
        start("false");

        f.catalogTopic.pipeInput("inhouse.yaml", CatalogTopicTopologyTest.CATALOG.getBytes(UTF_8));

        assertThat(code("inhouse", "4031")).isNull();
    }

    private Counter code(String vendor, String code) {
        return f.registry
                .find("imwatch.codes")
                .tag("vendor", vendor)
                .tag("code", code)
                .counter();
    }

    @Test
    void shouldHoldEveryCatalogueSeriesAtZeroBeforeAnyEvent() {
        start(null);

        assertThat(code("turms", "1000")).isNotNull().extracting(Counter::count).isEqualTo(0.0);
        assertThat(code("openim", "1501"))
                .isNotNull()
                .extracting(Counter::count)
                .isEqualTo(0.0);
        assertThat(code("openim", "10000-20000"))
                .isNotNull()
                .extracting(Counter::count)
                .isEqualTo(0.0);
        for (CatalogEntry e : CATALOG.entries()) {
            String code = e.isRange()
                    ? e.code() + "-" + e.codeTo()
                    : e.minor() == CatalogEntry.ANY_MINOR ? Integer.toString(e.code()) : e.code() + "." + e.minor();
            assertThat(f.registry
                            .find("imwatch.codes")
                            .tags("vendor", e.vendor(), "space", e.space(), "code", code, "name", e.name())
                            .counter())
                    .as("%s %s %s", e.vendor(), e.space(), code)
                    .isNotNull()
                    .extracting(Counter::count)
                    .isEqualTo(0.0);
        }
        assertThat(f.registry.find("imwatch.codes").counters())
                .hasSize(CATALOG.entries().size());

        Set<List<String>> closePairs = new HashSet<>();
        for (CatalogEntry e : CATALOG.entries()) {
            if (e.classification().isSessionClose()) {
                closePairs.add(
                        List.of(e.vendor(), e.classification().sessionClose().name()));
                assertThat(f.registry
                                .find("imwatch.session.closes")
                                .tag("vendor", e.vendor())
                                .tag("reason", e.classification().sessionClose().name())
                                .counter())
                        .isNotNull()
                        .extracting(Counter::count)
                        .isEqualTo(0.0);
            }
        }
        assertThat(closePairs).isNotEmpty();
        assertThat(f.registry.find("imwatch.session.closes").counters()).hasSize(closePairs.size());

        assertThat(f.registry
                        .find("imwatch.unknown.codes")
                        .tags("vendor", "openim", "space", "unknown", "status", "unknown")
                        .counter())
                .isNotNull();
        assertThat(f.registry
                        .find("imwatch.unknown.codes")
                        .tags("vendor", "unknown", "space", "unknown", "status", "ambiguous")
                        .counter())
                .isNotNull();

        // the default rules: per (vendor, reason) close, overall, per vendor for auth/server/unknown
        assertThat(firing("SessionCloseSpike", "openim", "AUTH_EXPIRED")).isEqualTo(0.0);
        assertThat(firing("SessionCloseSpikeOverall", "", "")).isEqualTo(0.0);
        assertThat(firing("AuthFailureSpike", "openim", "")).isEqualTo(0.0);
        assertThat(firing("UnknownCodeSurge", "unknown", "")).isEqualTo(0.0);
        assertThat(firing("UnknownCodeSurge", "turms", "")).isEqualTo(0.0);
        assertThat(f.registry
                        .find("imwatch.alerts.firing")
                        .tags("rule", "SessionCloseSpike")
                        .gauges())
                .hasSize(closePairs.size());

        assertThat(f.registry.getMeters().stream()
                        .map(Meter::getId)
                        .filter(id -> id.getName().startsWith("imwatch."))
                        .count())
                .isLessThan(5000);
    }

    private Double firing(String rule, String vendor, String reason) {
        Gauge gauge = f.registry
                .find("imwatch.alerts.firing")
                .tags("rule", rule, "vendor", vendor, "reason", reason)
                .gauge();
        return gauge == null ? null : gauge.value();
    }

    @Test
    void shouldCountTheFirstOccurrenceOnThePreregisteredSeries() {
        start("true");
        Counter before = code("openim", "1501");

        f.logs.pipeInput(new TestRecord<>(
                "u".getBytes(UTF_8),
                "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}".getBytes(UTF_8),
                null,
                TopologyFixture.START));

        assertThat(f.registry.find("imwatch.codes").tag("code", "1501").counters())
                .containsExactly(before);
        assertThat(before.count()).isEqualTo(1.0);
    }

    @Test
    void shouldLeaveSeriesToTheirFirstEventWhenSwitchedOff() {
        start("false");

        assertThat(f.registry.find("imwatch.codes").counters()).isEmpty();
        assertThat(f.registry.find("imwatch.session.closes").counters()).isEmpty();
        assertThat(f.registry.find("imwatch.unknown.codes").counters()).isEmpty();
        assertThat(f.registry.find("imwatch.alerts.firing").gauges()).isEmpty();

        f.logs.pipeInput(new TestRecord<>(
                "u".getBytes(UTF_8),
                "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}".getBytes(UTF_8),
                null,
                TopologyFixture.START));

        assertThat(f.registry.find("imwatch.codes").counters()).hasSize(1);
        assertThat(code("openim", "1501").count()).isEqualTo(1.0);
    }
}
