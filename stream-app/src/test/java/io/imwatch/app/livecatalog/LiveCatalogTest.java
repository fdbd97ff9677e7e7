package io.imwatch.app.livecatalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.app.metrics.CatalogMetrics;
import io.imwatch.catalog.Catalog;
import io.imwatch.catalog.CatalogEntry;
import io.imwatch.catalog.CatalogException;
import io.imwatch.classify.rules.RuleException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merging published files onto the base, swapping versions, and refusing what does not build. */
class LiveCatalogTest {

    static final String INHOUSE = """
            vendor: inhouse
            spaces:
              - id: gateway
                defaults: {side: SERVER, outcome: ERROR, category: Gateway}
                codes:
                  - {code: 4031, name: KICKED_DUPLICATE_LOGIN, class: SESSION, severity: WARN, retryable: false}
            """;

    static final String INHOUSE_RULES = """
            vendor: inhouse
            rules:
              - id: inhouse-gateway-close
                space: gateway
                text:
                  contains: ["GW-CLOSE"]
                  regex: 'GW-CLOSE reason=(?<code>\\d+)'
            """;

    /** Turms 1000 again, as an override: reclassifies a built-in entry. */
    static final String TURMS_OVERRIDE = """
            vendor: turms
            override: true
            spaces:
              - id: response
                codes:
                  - {code: 1000, name: OK, category: Ours, class: SUCCESS, severity: WARN, side: SERVER, outcome: SUCCESS, retryable: false}
            """;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LiveCatalog live = LiveCatalog.start(CatalogBase.builtin("im.catalog"), new CatalogMetrics(registry));
    private final String base = live.current().fingerprint();

    private LiveCatalog.Outcome publish(String name, String yaml) {
        return live.apply(name, yaml == null ? null : yaml.getBytes(UTF_8));
    }

    private CatalogEntry find(String vendor, String space, int code) {
        Catalog catalog = live.current().classifier().catalog();
        return catalog.find(catalog.space(vendor, space), code, CatalogEntry.ANY_MINOR);
    }

    private double rejected() {
        return registry.get(CatalogMetrics.REJECTED).counter().count();
    }

    @Test
    void shouldStartOnTheBaseWithTheBuiltinEntries() {
        assertThat(live.current().entries())
                .isEqualTo(Catalog.builtin().entries().size());
        assertThat(live.current().overlays()).isEmpty();
        assertThat(base).hasSize(CatalogOverlay.SHORT);
        assertThat(registry.get(CatalogMetrics.INFO)
                        .tag("fingerprint", base)
                        .gauge()
                        .value())
                .isEqualTo(1.0);
    }

    @Test
    void shouldAddAPublishedCatalogueAndSwitchToANewVersion() {
        CatalogVersion before = live.current();

        assertThat(publish("inhouse.yaml", INHOUSE)).isEqualTo(LiveCatalog.Outcome.SWITCHED);

        CatalogVersion after = live.current();
        assertThat(after).isNotSameAs(before);
        assertThat(after.fingerprint()).isNotEqualTo(base);
        assertThat(after.entries()).isEqualTo(before.entries() + 1);
        assertThat(find("inhouse", "gateway", 4031).source()).isEqualTo("im.catalog/inhouse.yaml");
        // the old version is untouched: a record classified against it stays consistent
        assertThat(before.classifier().catalog().vendors()).doesNotContain("inhouse");
        assertThat(registry.find(CatalogMetrics.INFO).gauges()).hasSize(1);
        assertThat(registry.get(CatalogMetrics.ENTRIES).gauge().value()).isEqualTo(after.entries());
    }

    @Test
    void shouldOverrideBuiltinEntriesOnlyWhenTheFileSaysSo() {
        assertThat(publish("turms-ours.yaml", TURMS_OVERRIDE)).isEqualTo(LiveCatalog.Outcome.SWITCHED);
        assertThat(find("turms", "response", 1000).category()).isEqualTo("Ours");

        String clash = TURMS_OVERRIDE.replace("override: true\n", "");
        assertThat(publish("turms-clash.yaml", clash)).isEqualTo(LiveCatalog.Outcome.REJECTED);
        assertThat(rejected()).isEqualTo(1.0);
    }

    @Test
    void shouldKeepTheLastGoodVersionWhenAFileDoesNotBuild() {
        publish("inhouse.yaml", INHOUSE);
        CatalogVersion good = live.current();

        List<String> bad = List.of(
                "vendor: [", // not YAML
                "vendor: inhouse\nspaces: []\n", // empty
                INHOUSE.replace("class: SESSION", "class: UNKNOWN")); // a class entries may not use
        for (String yaml : bad) {
            assertThat(publish("inhouse.yaml", yaml)).as(yaml).isEqualTo(LiveCatalog.Outcome.REJECTED);
            assertThat(live.current()).isSameAs(good);
        }
        assertThat(rejected()).isEqualTo(3.0);
        assertThat(registry.get(CatalogMetrics.INFO)
                        .tag("fingerprint", good.fingerprint())
                        .gauge()
                        .value())
                .isEqualTo(1.0);
    }

    @Test
    void shouldRefuseRulesThatNameWhatTheCatalogueLacksUntilTheCatalogueComes() {
        assertThat(publish("inhouse-rules.yaml", INHOUSE_RULES)).isEqualTo(LiveCatalog.Outcome.REJECTED);

        assertThat(publish("inhouse.yaml", INHOUSE)).isEqualTo(LiveCatalog.Outcome.SWITCHED);
        assertThat(publish("inhouse-rules.yaml", INHOUSE_RULES)).isEqualTo(LiveCatalog.Outcome.SWITCHED);
        assertThat(live.current().overlays().get("inhouse-rules.yaml").kind()).isEqualTo(CatalogOverlay.Kind.RULES);

        // removing the catalogue would leave the rules dangling: refused, both stay
        assertThat(publish("inhouse.yaml", null)).isEqualTo(LiveCatalog.Outcome.REJECTED);
        assertThat(live.current().overlays()).containsKeys("inhouse.yaml", "inhouse-rules.yaml");
    }

    @Test
    void shouldRefuseRuleFilesThatChangeHowRecordsAreRead() {
        publish("inhouse.yaml", INHOUSE);
        String envelope = INHOUSE_RULES.replace("rules:\n", "envelope: {lineFields: [msg]}\nrules:\n");

        assertThatThrownBy(() -> CatalogBase.builtin("im.catalog")
                        .build(Map.of(
                                "inhouse.yaml", CatalogOverlay.of("inhouse.yaml", INHOUSE.getBytes(UTF_8)),
                                "r.yaml", CatalogOverlay.of("r.yaml", envelope.getBytes(UTF_8)))))
                .isInstanceOf(RuleException.class)
                .hasMessageContaining("im.catalog/r.yaml: 'envelope' cannot change while imwatch runs");
        assertThat(publish("r.yaml", envelope)).isEqualTo(LiveCatalog.Outcome.REJECTED);
    }

    @Test
    void shouldRemoveAnOverlayOnATombstoneAndReturnToTheSameFingerprint() {
        publish("inhouse.yaml", INHOUSE);

        assertThat(publish("inhouse.yaml", null)).isEqualTo(LiveCatalog.Outcome.SWITCHED);

        assertThat(live.current().fingerprint()).isEqualTo(base);
        assertThat(live.current().classifier().catalog().vendors()).doesNotContain("inhouse");
        assertThat(publish("never-published.yaml", null)).isEqualTo(LiveCatalog.Outcome.UNCHANGED);
        assertThat(registry.find(CatalogMetrics.INFO).gauges()).hasSize(1);
    }

    @Test
    void shouldTellListenersOfAVersionBeforeAnyRecordCanBeClassifiedWithIt() {
        List<String> liveWhenTold = new ArrayList<>();
        live.onSwitch(version -> liveWhenTold.add(live.current().fingerprint() + ">" + version.fingerprint()));

        publish("inhouse.yaml", INHOUSE);

        assertThat(liveWhenTold).containsExactly(base + ">" + live.current().fingerprint());
    }

    @Test
    void shouldNotSwitchForAFileAlreadyLiveAsItIs() {
        publish("inhouse.yaml", INHOUSE);
        CatalogVersion live1 = live.current();
        List<CatalogVersion> switched = new ArrayList<>();
        live.onSwitch(switched::add);

        assertThat(publish("inhouse.yaml", INHOUSE)).isEqualTo(LiveCatalog.Outcome.UNCHANGED);
        assertThat(live.current()).isSameAs(live1);
        assertThat(switched).isEmpty();
    }

    @Test
    void shouldGiveEqualFingerprintsForEqualContentWhateverTheOrderOfPublication() {
        publish("inhouse.yaml", INHOUSE);
        publish("turms-ours.yaml", TURMS_OVERRIDE);
        LiveCatalog other = LiveCatalog.start(CatalogBase.builtin("im.catalog"), null);
        other.apply("turms-ours.yaml", TURMS_OVERRIDE.getBytes(UTF_8));
        other.apply("inhouse.yaml", INHOUSE.getBytes(UTF_8));

        assertThat(other.current().fingerprint()).isEqualTo(live.current().fingerprint());
    }

    @Test
    void shouldNameThePublishedFileInTheSameMessagesAsCatalogValidate() {
        String clash = TURMS_OVERRIDE.replace("override: true\n", "");
        assertThatThrownBy(() -> CatalogBase.builtin("im.catalog")
                        .build(Map.of("c.yaml", CatalogOverlay.of("c.yaml", clash.getBytes(UTF_8)))))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(
                        "im.catalog/c.yaml: space 'response' entry code 1000 minor *: duplicate key, already defined by"
                                + " turms.yaml");
    }
}
