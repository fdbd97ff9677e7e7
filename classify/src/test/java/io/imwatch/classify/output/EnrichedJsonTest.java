package io.imwatch.classify.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.event.LogEventParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrichedJsonTest {

    private static final Classifier CLASSIFIER = Classifier.builtin();

    private static String enrich(String event) {
        return new String(
                EnrichedJson.write(CLASSIFIER.classify(event.getBytes(StandardCharsets.UTF_8), null, 0L)),
                StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String json) throws Exception {
        return LogEventParser.mapper().readTree(json);
    }

    @Test
    void shouldKeepTheOriginalJsonByteForByteAndAddImwatch() throws Exception {
        String original =
                "{ \"errCode\" : 1501, \"errMsg\":\"TokenExpiredError\",\"data\":{\"a\":[1,2.50,\"\\u00e9\"]} }";
        String out = enrich(original + "\n");

        assertThat(out).startsWith(original.substring(0, original.length() - 1));
        JsonNode node = tree(out);
        assertThat(node.path("data").path("a").get(1).decimalValue()).isEqualByComparingTo("2.50");
        JsonNode code = node.path("imwatch").path("codes").get(0);
        assertThat(code.path("vendor").asText()).isEqualTo("openim");
        assertThat(code.path("space").asText()).isEqualTo("server");
        assertThat(code.path("code").asInt()).isEqualTo(1501);
        assertThat(code.path("minor").isNull()).isTrue();
        assertThat(code.path("name").asText()).isEqualTo("TokenExpiredError");
        assertThat(code.path("known").asBoolean()).isTrue();
        assertThat(code.path("class").asText()).isEqualTo("AUTH");
        assertThat(code.path("sessionClose").asText()).isEqualTo("AUTH_EXPIRED");
        assertThat(code.path("outcome").asText()).isEqualTo("ERROR");
        assertThat(code.has("severity") && code.has("side") && code.has("retryable"))
                .isTrue();
        assertThat(node.path("imwatch").path("route").asText()).isEqualTo("enriched");
    }

    @Test
    void shouldEndTheImwatchObjectWithTheCatalogueVersionWhenOneIsNamed() throws Exception {
        for (String event : List.of("{\"errCode\":1501}", "{\"errCode\":1501,\"imwatch\":1}", "code=1501")) {
            byte[] value = event.getBytes(StandardCharsets.UTF_8);
            String out = new String(
                    EnrichedJson.write(
                            CLASSIFIER.classify(value, "openim", 0L),
                            io.imwatch.classify.redact.Redactor.OFF,
                            EnrichFields.FULL,
                            "0123456789ab"),
                    StandardCharsets.UTF_8);

            assertThat(out).as(event).endsWith("]," + "\"catalog\":\"0123456789ab\"}}");
            assertThat(tree(out).path("imwatch").path("catalog").asText()).isEqualTo("0123456789ab");
        }
        assertThat(tree(enrich("{\"errCode\":1501}")).path("imwatch").has("catalog"))
                .isFalse();
    }

    @Test
    void shouldWrapTextLinesAsMessage() throws Exception {
        JsonNode node = tree(enrich("[WebIM] onError type=16 WEBIM_CONNCTION_DISCONNECTED\r\n"));

        assertThat(node.path("message").asText()).isEqualTo("[WebIM] onError type=16 WEBIM_CONNCTION_DISCONNECTED");
        assertThat(node.path("imwatch").path("vendor").asText()).isEqualTo("easemob");
        assertThat(node.path("imwatch").path("vendorSource").asText()).isEqualTo("format");
    }

    @Test
    void shouldListCandidatesOfAmbiguousCodes() throws Exception {
        JsonNode code =
                tree(enrich("{\"code\":1001}")).path("imwatch").path("codes").get(0);

        assertThat(code.path("known").asBoolean()).isFalse();
        assertThat(code.path("status").asText()).isEqualTo("AMBIGUOUS");
        assertThat(code.path("class").asText()).isEqualTo("UNKNOWN");
        assertThat(code.path("candidates")).hasSize(2);
    }

    @Test
    void shouldHandleAnEmptyObjectAndAnExistingImwatchField() throws Exception {
        assertThat(tree(enrich("{}")).path("imwatch").path("route").asText()).isEqualTo("no-code");
        JsonNode replaced = tree(enrich("{\"imwatch\":\"spoofed\",\"errCode\":0}"));
        assertThat(replaced.path("imwatch").path("codes").get(0).path("outcome").asText())
                .isEqualTo("SUCCESS");
        assertThat(replaced.path("errCode").asInt()).isZero();
    }

    @Test
    void shouldWriteAKnownCodesFieldsInTheDocumentedOrder() throws Exception {
        JsonNode code = tree(enrich("{\"errCode\":1501,\"errMsg\":\"tokenExpired\"}"))
                .path("imwatch")
                .path("codes")
                .get(0);

        List<String> fields = new ArrayList<>();
        code.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "vendor",
                        "space",
                        "code",
                        "minor",
                        "name",
                        "known",
                        "status",
                        "class",
                        "severity",
                        "side",
                        "outcome",
                        "retryable",
                        "sessionClose",
                        "category",
                        "message",
                        "match",
                        "reportedName",
                        "rule");
        assertThat(code.path("status").asText()).isEqualTo("KNOWN");
        assertThat(code.path("match").asText()).isEqualTo("exact");
        assertThat(code.path("reportedName").asText()).isEqualTo("tokenExpired");
    }

    @Test
    void shouldWriteEachEventAloneWhenTheBufferIsReused() throws Exception {
        String longLine = "[WebIM] onError type=16 WEBIM_CONNCTION_DISCONNECTED " + "x".repeat(5_000);
        String shortJson = "{\"errCode\":0}";
        String alone = enrich(shortJson);

        enrich(longLine);
        String afterLong = enrich(shortJson);

        assertThat(afterLong).isEqualTo(alone).doesNotContain("xxx");
        assertThat(tree(afterLong).path("errCode").asInt()).isZero();
    }

    private static JsonNode firstCode(String event, EnrichFields fields) throws Exception {
        byte[] out = EnrichedJson.write(
                CLASSIFIER.classify(event.getBytes(StandardCharsets.UTF_8), null, 0L),
                io.imwatch.classify.redact.Redactor.OFF,
                fields);
        return tree(new String(out, StandardCharsets.UTF_8))
                .path("imwatch")
                .path("codes")
                .get(0);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void shouldWriteOnlyTheLeanFieldsOfAKnownCode() throws Exception {
        JsonNode code = firstCode("{\"errCode\":1501,\"errMsg\":\"tokenExpired\"}", EnrichFields.LEAN);

        assertThat(fieldNames(code))
                .containsExactly(
                        "vendor",
                        "space",
                        "code",
                        "minor",
                        "name",
                        "status",
                        "class",
                        "severity",
                        "outcome",
                        "sessionClose",
                        "reportedName",
                        "rule");
        assertThat(code.path("name").asText()).isEqualTo("TokenExpiredError");
        assertThat(code.path("sessionClose").asText()).isEqualTo("AUTH_EXPIRED");
        assertThat(code.path("outcome").asText()).isEqualTo("ERROR");
    }

    @Test
    void shouldWriteTheLeanFieldsOfAnUnknownCodeAsNullWithItsCandidates() throws Exception {
        JsonNode code = firstCode("{\"code\":1001}", EnrichFields.LEAN);

        assertThat(fieldNames(code))
                .containsExactly(
                        "vendor",
                        "space",
                        "code",
                        "minor",
                        "name",
                        "status",
                        "class",
                        "severity",
                        "outcome",
                        "sessionClose",
                        "rule",
                        "candidates");
        assertThat(code.path("status").asText()).isEqualTo("AMBIGUOUS");
        assertThat(code.path("class").asText()).isEqualTo("UNKNOWN");
        assertThat(code.path("sessionClose").isNull()).isTrue();
        assertThat(code.path("candidates")).hasSize(2);
    }

    @Test
    void shouldWriteTheSameBytesWithFullAsWithoutAChoice() {
        for (String event : List.of(
                "{\"errCode\":1501,\"errMsg\":\"tokenExpired\"}",
                "{\"code\":1001}",
                "[WebIM] onError type=16 WEBIM_CONNCTION_DISCONNECTED",
                "{\"action_id\":0,\"major_code\":111,\"minor_code\":4}")) {
            var classified = CLASSIFIER.classify(event.getBytes(StandardCharsets.UTF_8), null, 0L);
            assertThat(EnrichedJson.write(classified, io.imwatch.classify.redact.Redactor.OFF, EnrichFields.FULL))
                    .isEqualTo(EnrichedJson.write(classified));
        }
    }

    @Test
    void shouldWriteAChosenListOfFieldsInTheDocumentedOrder() throws Exception {
        JsonNode known = firstCode(
                "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}", EnrichFields.parse("message, match,class"));
        JsonNode none = firstCode("{\"errCode\":1501}", EnrichFields.parse("none"));

        assertThat(fieldNames(known))
                .containsExactly("vendor", "space", "code", "minor", "status", "class", "message", "match", "rule");
        assertThat(known.path("message").asText()).isEqualTo("Token has expired");
        assertThat(fieldNames(none)).containsExactly("vendor", "space", "code", "minor", "status", "rule");
    }

    @Test
    void shouldNameTheUnknownFieldAndTheChoicesWhenASettingIsWrong() {
        assertThat(EnrichFields.parse("LEAN")).isSameAs(EnrichFields.LEAN);
        assertThat(EnrichFields.parse("full")).isSameAs(EnrichFields.FULL);
        assertThat(EnrichFields.parse("name,class,severity,outcome,sessionClose"))
                .isSameAs(EnrichFields.LEAN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnrichFields.parse("name,colour"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("has no field 'colour'; use lean, full, none, or a comma-separated list of name, known,"
                        + " class, severity, side, outcome, retryable, sessionClose, category, message, match");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnrichFields.parse(" "))
                .hasMessageStartingWith("is empty; use lean, full, none");
    }
}
