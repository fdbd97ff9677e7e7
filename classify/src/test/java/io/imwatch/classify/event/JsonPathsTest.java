package io.imwatch.classify.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

    private static JsonNode json(String text) throws Exception {
        return LogEventParser.mapper().readTree(text);
    }

    private static String at(String path, String json) throws Exception {
        JsonNode found = JsonPaths.MixedPath.of(path).get(json(json));
        return found == null ? null : found.asText();
    }

    @Test
    void shouldFindNestedFlatAndPartlyFlatForms() throws Exception {
        assertThat(at("resource.service.name", "{\"resource\":{\"service\":{\"name\":\"a\"}}}"))
                .isEqualTo("a");
        assertThat(at("resource.service.name", "{\"resource.service.name\":\"b\"}"))
                .isEqualTo("b");
        assertThat(at("resource.service.name", "{\"resource\":{\"service.name\":\"c\"}}"))
                .isEqualTo("c");
        assertThat(at("resource.attributes.service.name", "{\"resource\":{\"attributes\":{\"service.name\":\"d\"}}}"))
                .isEqualTo("d");
    }

    @Test
    void shouldPreferTheNestedFormAndSkipNulls() throws Exception {
        assertThat(at("a.b", "{\"a\":{\"b\":\"nested\"},\"a.b\":\"flat\"}")).isEqualTo("nested");
        assertThat(at("a.b", "{\"a\":{\"b\":null},\"a.b\":\"flat\"}")).isEqualTo("flat");
        assertThat(at("a.b", "{\"a\":\"text\"}")).isNull();
        assertThat(at("a.b", "{\"a\":{\"c\":1}}")).isNull();
        assertThat(at("message", "{\"message\":null}")).isNull();
    }

    @Test
    void shouldSkipOnlyTheTopFlatLookupWhenNoTopKeyHasADot() throws Exception {
        JsonNode noDots = json("{\"resource\":{\"service.name\":\"e\"}}");
        JsonNode dots = json("{\"resource.service.name\":\"f\"}");
        JsonPaths.MixedPath path = JsonPaths.MixedPath.of("resource.service.name");

        assertThat(JsonPaths.hasDottedKey(noDots)).isFalse();
        assertThat(JsonPaths.hasDottedKey(dots)).isTrue();
        assertThat(path.get(noDots, false).asText()).isEqualTo("e");
        assertThat(path.get(dots, true).asText()).isEqualTo("f");
    }
}
