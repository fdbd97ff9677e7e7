package io.imwatch.app.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ConfigValidator;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.config.TopicSpec;
import io.imwatch.app.livecatalog.CatalogBase;
import io.imwatch.app.livecatalog.LiveCatalog;
import io.imwatch.app.metrics.CatalogMetrics;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.event.LogEventParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue topic as a global store, driven through the production topology. */
class CatalogTopicTopologyTest {

    /** A catalogue and a rule file for an in-house gateway whose codes no built-in knows. */
    static final String CATALOG = """
            vendor: inhouse
            spaces:
              - id: gateway
                defaults: {side: SERVER, outcome: ERROR, category: Gateway}
                codes:
                  - {code: 4031, name: KICKED_DUPLICATE_LOGIN, class: SESSION, severity: WARN, retryable: false, sessionClose: KICKED_BY_OTHER_DEVICE}
            """;

    static final String MORE_CODES = """
            vendor: inhouse
            spaces:
              - id: gateway
                defaults: {side: SERVER, outcome: ERROR, category: Gateway}
                codes:
                  - {code: 4711, name: QUOTA_EXCEEDED, class: LIMIT_EXCEEDED, severity: WARN, retryable: false}
            """;

    static final String RULES = """
            vendor: inhouse
            hints: [chatgw]
            rules:
              - id: inhouse-gateway-close
                space: gateway
                text:
                  contains: ["GW-CLOSE"]
                  regex: 'GW-CLOSE reason=(?<code>\\d+)/(?<name>\\w+)'
            """;

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static JsonNode imwatch(byte[] value) throws Exception {
        return LogEventParser.mapper().readTree(value).path("imwatch");
    }

    private void log(String line) {
        fixture.logs.pipeInput(null, ("{\"service\":\"chatgw\",\"message\":\"" + line + "\"}").getBytes(UTF_8));
    }

    private double gauge(String name, String fingerprint) {
        var gauge = fixture.registry.find(name).tag("fingerprint", fingerprint).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    @Test
    void shouldClassifyWithPublishedFilesFromTheNextRecordOnAndStampTheVersion() throws Exception {
        fixture = new TopologyFixture(Map.of(), stateDir);
        String base = fixture.catalog.current().fingerprint();
        fixture.turmsLogs.pipeInput(null, "{\"code\":1000}".getBytes(UTF_8));
        assertThat(imwatch(fixture.enriched.readValue()).path("catalog").asText())
                .isEqualTo(base);

        fixture.catalogTopic.pipeInput("inhouse.yaml", CATALOG.getBytes(UTF_8));
        fixture.catalogTopic.pipeInput("inhouse-rules.yaml", RULES.getBytes(UTF_8));
        String withInhouse = fixture.catalog.current().fingerprint();
        assertThat(withInhouse).isNotEqualTo(base);
        log("GW-CLOSE reason=4031/KICKED_DUPLICATE_LOGIN");
        log("GW-CLOSE reason=4711/QUOTA_EXCEEDED");

        JsonNode known = imwatch(fixture.enriched.readValue());
        assertThat(known.path("codes").get(0).path("name").asText()).isEqualTo("KICKED_DUPLICATE_LOGIN");
        assertThat(known.path("catalog").asText()).isEqualTo(withInhouse);
        JsonNode unknown = imwatch(fixture.unknown.readValue());
        assertThat(unknown.path("codes").get(0).path("status").asText()).isEqualTo("UNKNOWN");
        assertThat(unknown.path("catalog").asText()).isEqualTo(withInhouse);

        fixture.catalogTopic.pipeInput("inhouse-more.yaml", MORE_CODES.getBytes(UTF_8));
        log("GW-CLOSE reason=4711/QUOTA_EXCEEDED");
        JsonNode now = imwatch(fixture.enriched.readValue());
        assertThat(now.path("codes").get(0).path("class").asText()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(now.path("catalog").asText())
                .isEqualTo(fixture.catalog.current().fingerprint())
                .isNotEqualTo(withInhouse);

        KeyValueStore<String, byte[]> store = fixture.driver.getKeyValueStore(ImwatchTopology.CATALOG_STORE);
        assertThat(new String(store.get("inhouse-more.yaml"), UTF_8)).isEqualTo(MORE_CODES);
    }

    @Test
    void shouldKeepTheStreamSubTopologiesNumberedAsWithoutTheCatalogueTopic() {
        ConfigSources sources = new ConfigSources().add("test", Map.of(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG, "x:1"));
        StreamSettings settings = ConfigValidator.validate(
                sources.build(), sources, Classifier.builtin().catalog());
        ImwatchMetrics metrics = new ImwatchMetrics(new SimpleMeterRegistry());
        AlertRules rules = AlertRules.defaults(settings.countsWindow());
        TopologyDescription without = ImwatchTopology.build(
                        settings, ImwatchTopology.Outputs.of(settings), Classifier.builtin(), rules, metrics)
                .describe();
        TopologyDescription with = ImwatchTopology.build(
                        settings,
                        ImwatchTopology.Outputs.of(settings),
                        new TopicSpec<>("im.catalog", Serdes.String(), Serdes.ByteArray()),
                        LiveCatalog.start(CatalogBase.builtin("im.catalog"), null),
                        rules,
                        metrics)
                .describe();

        // task ids (and so local state directories) follow sub-topology numbers: an upgrade keeps them
        assertThat(with.subtopologies()).isEqualTo(without.subtopologies());
        assertThat(with.globalStores()).hasSize(1);
        assertThat(with.globalStores().iterator().next().id())
                .isEqualTo(without.subtopologies().size());
    }

    @Test
    void shouldStayOnTheLastGoodVersionWhenAPublishedFileIsInvalid() throws Exception {
        fixture = new TopologyFixture(Map.of(), stateDir);
        fixture.catalogTopic.pipeInput("inhouse.yaml", CATALOG.getBytes(UTF_8));
        fixture.catalogTopic.pipeInput("inhouse-rules.yaml", RULES.getBytes(UTF_8));
        String good = fixture.catalog.current().fingerprint();

        // written by another tool: a duplicate of a built-in key without override, and plain garbage
        fixture.catalogTopic.pipeInput(
                "clash.yaml",
                ("vendor: turms\nspaces:\n  - id: response\n    codes:\n      - {code: 1000, name: OK, category: C,"
                                + " class: SUCCESS, severity: INFO, side: SERVER, outcome: SUCCESS, retryable: false}\n")
                        .getBytes(UTF_8));
        fixture.catalogTopic.pipeInput("inhouse.yaml", "vendor: [".getBytes(UTF_8));
        log("GW-CLOSE reason=4031/KICKED_DUPLICATE_LOGIN");

        JsonNode out = imwatch(fixture.enriched.readValue());
        assertThat(out.path("catalog").asText()).isEqualTo(good);
        assertThat(fixture.catalog.current().fingerprint()).isEqualTo(good);
        assertThat(fixture.registry.get(CatalogMetrics.REJECTED).counter().count())
                .isEqualTo(2.0);
        assertThat(gauge(CatalogMetrics.INFO, good)).isEqualTo(1.0);
    }

    @Test
    void shouldRemoveAnOverlayOnATombstoneAndShowOnlyTheLiveVersion() throws Exception {
        fixture = new TopologyFixture(Map.of(), stateDir);
        String base = fixture.catalog.current().fingerprint();
        fixture.catalogTopic.pipeInput("inhouse.yaml", CATALOG.getBytes(UTF_8));
        String withInhouse = fixture.catalog.current().fingerprint();
        assertThat(gauge(CatalogMetrics.INFO, withInhouse)).isEqualTo(1.0);

        fixture.catalogTopic.pipeInput("inhouse.yaml", (byte[]) null);

        assertThat(fixture.catalog.current().fingerprint()).isEqualTo(base);
        assertThat(gauge(CatalogMetrics.INFO, base)).isEqualTo(1.0);
        assertThat(gauge(CatalogMetrics.INFO, withInhouse)).isNaN();
        assertThat(fixture.driver
                        .getKeyValueStore(ImwatchTopology.CATALOG_STORE)
                        .get("inhouse.yaml"))
                .isNull();
    }
}
