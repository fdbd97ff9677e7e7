package io.imwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.catalog.Catalog;
import io.imwatch.classify.output.EnrichFields;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static final Catalog CATALOG = Catalog.builtin();

    private static StreamSettings validate(Map<String, String> settings) {
        ConfigSources sources = new ConfigSources().add("imwatch.yaml", settings);
        return ConfigValidator.validate(sources.build(), sources, CATALOG);
    }

    @Test
    void shouldReadTopicsWithTheirDefaultVendors() {
        StreamSettings settings = validate(Map.of(
                "input.topics",
                "im.logs, turms.logs:turms",
                "input.pattern",
                "openim\\..*",
                "input.pattern.vendor",
                "openim"));

        assertThat(settings.vendorOf("im.logs")).isNull();
        assertThat(settings.vendorOf("turms.logs")).isEqualTo("turms");
        assertThat(settings.vendorOf("openim.api")).isEqualTo("openim");
        assertThat(settings.vendorOf("other")).isNull();
    }

    @Test
    void shouldNameTheUnknownVendorAndListTheKnownOnes() {
        assertThatThrownBy(() -> validate(Map.of("input.topics", "im.logs:wechat")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining(
                        "input.topics (from imwatch.yaml): vendor 'wechat' of topic 'im.logs' is not in the catalogue;"
                                + " known vendors are [easemob, igap, jmessage, openim, turms]");
    }

    @Test
    void shouldReadOtlpTopicsWithOrWithoutAVendor() {
        StreamSettings settings = validate(
                Map.of("input.topics", "im.logs, otlp_logs:otlp, openim.otlp:otlp:openim, turms.otlp:turms:otlp"));

        assertThat(settings.inputs(StreamSettings.InputFormat.OTLP))
                .extracting(StreamSettings.InputTopic::name)
                .containsExactly("otlp_logs", "openim.otlp", "turms.otlp");
        assertThat(settings.inputs(StreamSettings.InputFormat.LINES))
                .extracting(StreamSettings.InputTopic::name)
                .containsExactly("im.logs");
        assertThat(settings.vendorOf("otlp_logs")).isNull();
        assertThat(settings.vendorOf("openim.otlp")).isEqualTo("openim");
        assertThat(settings.vendorOf("turms.otlp")).isEqualTo("turms");
        assertThat(settings.otlpMaxRecords()).isEqualTo(10_000);
    }

    @Test
    void shouldAddTheDemosOtlpTopicOnlyToTheEmbeddedDefaultInputs() {
        ConfigSources embedded = new ConfigSources().add("test", Map.of());
        assertThat(ConfigValidator.validate(embedded.build(), embedded, CATALOG).inputs())
                .containsExactly(
                        new StreamSettings.InputTopic("im.logs", null),
                        new StreamSettings.InputTopic(
                                ConfigValidator.EMBEDDED_OTLP_TOPIC, null, StreamSettings.InputFormat.OTLP));

        ConfigSources chosen = new ConfigSources().add("test", Map.of("input.topics", "im.logs"));
        assertThat(ConfigValidator.validate(chosen.build(), chosen, CATALOG).inputs())
                .extracting(StreamSettings.InputTopic::name)
                .containsExactly("im.logs");
        ConfigSources noDemo = new ConfigSources().add("test", Map.of("demo.enabled", "false"));
        assertThat(ConfigValidator.validate(noDemo.build(), noDemo, CATALOG).inputs())
                .extracting(StreamSettings.InputTopic::name)
                .containsExactly("im.logs");
        ConfigSources cluster = new ConfigSources().add("test", Map.of("bootstrap.servers", "kafka:9092"));
        assertThat(ConfigValidator.validate(cluster.build(), cluster, CATALOG).inputs())
                .extracting(StreamSettings.InputTopic::name)
                .containsExactly("im.logs");
    }

    @Test
    void shouldRefuseTwoVendorsOrTwoFormatsForOneTopicAndAPatternOverAnOtlpTopic() {
        assertThatThrownBy(() -> validate(
                        Map.of("input.topics", "a:otlp:otlp,b:turms:openim,otlp_logs:otlp", "input.pattern", "otlp.*")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("input.topics (from imwatch.yaml): 'a:otlp:otlp' gives two formats;"
                        + " write topic, topic:vendor, topic:otlp or topic:otlp:vendor")
                .hasMessageContaining("'b:turms:openim' gives two vendors")
                .hasMessageContaining("input.pattern (from imwatch.yaml) matches the OTLP topic 'otlp_logs'");
    }

    @Test
    void shouldRefuseAnOtlpRecordCapOutOfRange() {
        assertThatThrownBy(() -> validate(Map.of("otlp.max.records", "0"))).hasMessageContaining("otlp.max.records");
    }

    @Test
    void shouldRequireAnInputTopic() {
        assertThatThrownBy(() -> validate(Map.of("input.topics", "")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("input.topics is empty and input.pattern is not set: name the topics to read");
    }

    @Test
    void shouldReportEveryTopicProblemAtOnce() {
        assertThatThrownBy(() -> validate(Map.of(
                        "input.topics",
                        "im.logs,bad topic!",
                        "topic.unknown",
                        "im.codes.enriched",
                        "topic.alerts",
                        "im.logs",
                        "alertmanager.url",
                        "alertmanager:9093")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("'bad topic!' is not a valid topic name")
                .hasMessageContaining("topic.unknown=im.codes.enriched (from imwatch.yaml) is used for two outputs")
                .hasMessageContaining("topic.alerts=im.logs (from imwatch.yaml) is also an input topic")
                .hasMessageContaining(
                        "alertmanager.url=alertmanager:9093 (from imwatch.yaml) is not a URL; use e.g. http://alertmanager:9093");
    }

    @Test
    void shouldRejectAnInvalidInputPattern() {
        assertThatThrownBy(() -> validate(Map.of("input.pattern", "im.(logs")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("input.pattern (from imwatch.yaml): not a valid regex");
    }

    @Test
    void shouldMaskCredentialsByDefaultAndReadTheRedactKeys() {
        assertThat(validate(Map.of()).redactor().policy())
                .isEqualTo(io.imwatch.classify.redact.RedactionPolicy.DEFAULT);

        var policy = validate(Map.of(
                        "redact.detectors", "email, ip",
                        "redact.fields", "userID, data.token",
                        "redact.patterns", "order-\\d{6,8},uid=(\\w+)",
                        "redact.mode", "hash",
                        "redact.hash.key", "0123456789abcdef0123"))
                .redactor()
                .policy();
        assertThat(policy.detectors()).hasSize(3);
        assertThat(policy.fields()).containsExactly("userID", "data.token");
        assertThat(policy.patterns()).containsExactly("order-\\d{6,8}", "uid=(\\w+)");
        assertThat(validate(Map.of("redact.detectors", "none")).redactor().isOff())
                .isTrue();
    }

    @Test
    void shouldNameTheRedactKeyAtFault() {
        assertThatThrownBy(() -> validate(Map.of("redact.detectors", "token,phones")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("redact.detectors (from imwatch.yaml): unknown detector 'phones'");
        assertThatThrownBy(() -> validate(Map.of("redact.mode", "hash")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("redact.hash.key (from default): empty, but hash mode needs a secret key");
        assertThatThrownBy(() -> validate(Map.of("redact.patterns", "(a")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("redact.patterns (from imwatch.yaml): '(a' is not an RE2 pattern");
        assertThatThrownBy(() -> validate(Map.of("redact.fields", "a..b")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("redact.fields (from imwatch.yaml): 'a..b' is not a field path");
    }

    @Test
    void shouldReadTheEnrichFieldsChoiceLeanByDefault() {
        assertThat(validate(Map.of()).enrichFields()).isSameAs(EnrichFields.LEAN);
        assertThat(validate(Map.of("enrich.fields", "full")).enrichFields()).isSameAs(EnrichFields.FULL);
        assertThat(validate(Map.of("enrich.fields", "name,message"))
                        .enrichFields()
                        .name())
                .isEqualTo("name,message");
        assertThatThrownBy(() -> validate(Map.of("enrich.fields", "name,colour")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("enrich.fields (from imwatch.yaml) has no field 'colour'; use lean, full, none,"
                        + " or a comma-separated list of name, known, class");
    }

    @Test
    void shouldNeverPrintTheHashKey() {
        assertThatThrownBy(() -> validate(Map.of("redact.mode", "hash", "redact.hash.key", "tooShortSecret")))
                .hasMessageContaining("shorter than 16 characters")
                .hasMessageNotContaining("tooShortSecret");
    }
}
