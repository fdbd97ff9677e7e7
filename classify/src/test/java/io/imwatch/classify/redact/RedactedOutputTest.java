package io.imwatch.classify.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import io.imwatch.classify.event.LogEventParser;
import io.imwatch.classify.output.EnrichedJson;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redaction of whole enriched records: valid JSON, structure kept, the imwatch object and the codes untouched. */
class RedactedOutputTest {

    private static final Classifier CLASSIFIER = Classifier.builtin();
    private static final String KEY = "0123456789abcdef-test-key";
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.SflKxwRJSMeKKF2QT4fwpM";

    private static ClassifiedEvent classify(String event) {
        return CLASSIFIER.classify(event.getBytes(StandardCharsets.UTF_8), null, 0L);
    }

    private static String write(String event, RedactionPolicy policy) {
        return new String(EnrichedJson.write(classify(event), Redactor.of(policy)), StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String json) throws Exception {
        return LogEventParser.mapper().readTree(json);
    }

    private static RedactionPolicy all() {
        return new RedactionPolicy(EnumSet.allOf(Detector.class), List.of(), List.of(), RedactMode.MASK, "");
    }

    private static RedactionPolicy fields(String... paths) {
        return new RedactionPolicy(EnumSet.noneOf(Detector.class), List.of(paths), List.of(), RedactMode.MASK, "");
    }

    /** The imwatch object of the unredacted output: redaction must not change it. */
    private static JsonNode imwatchOf(String event) throws Exception {
        return tree(new String(EnrichedJson.write(classify(event)), StandardCharsets.UTF_8))
                .get("imwatch");
    }

    @Test
    void defaultShouldMaskCredentialsOnlyAndKeepTheCodesAndTheImwatchObject() throws Exception {
        String event = "{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\",\"token\":\"" + JWT
                + "\",\"user\":\"alice@example.com\",\"ip\":\"10.1.2.3\","
                + "\"data\":{\"Authorization\":\"Bearer abcdefgh12345678\",\"note\":\"jwt " + JWT + " seen\"}}";

        String out = write(event, RedactionPolicy.DEFAULT);

        JsonNode node = tree(out);
        assertThat(node.get("token").asText()).isEqualTo("[token]");
        assertThat(node.at("/data/Authorization").asText()).isEqualTo("[token]");
        assertThat(node.at("/data/note").asText()).isEqualTo("jwt [token] seen");
        assertThat(node.get("errCode").asInt()).isEqualTo(1501);
        assertThat(node.get("errMsg").asText()).isEqualTo("TokenExpiredError");
        assertThat(node.get("user").asText()).isEqualTo("alice@example.com"); // PII is opt-in
        assertThat(node.get("ip").asText()).isEqualTo("10.1.2.3");
        assertThat(node.get("imwatch")).isEqualTo(imwatchOf(event));
        assertThat(node.at("/imwatch/codes/0/code").asInt()).isEqualTo(1501);
        assertThat(out).doesNotContain(JWT).doesNotContain("abcdefgh12345678");
    }

    @Test
    void offShouldWriteTheSameBytesAsNoRedaction() {
        String event = "{ \"errCode\" : 1501, \"token\":\"" + JWT + "\", \"mail\":\"a@b.io\" }";

        assertThat(EnrichedJson.write(classify(event), Redactor.OFF)).isEqualTo(EnrichedJson.write(classify(event)));
        assertThat(Redactor.of(RedactionPolicy.OFF)).isSameAs(Redactor.OFF);
    }

    @Test
    void eventWithoutAnythingSensitiveShouldKeepItsBytes() {
        String event = "{ \"errCode\" : 1501, \"errMsg\":\"TokenExpiredError\",\"data\":{\"a\":[1,2.50]} }";

        assertThat(EnrichedJson.write(classify(event), Redactor.of(all())))
                .isEqualTo(EnrichedJson.write(classify(event)));
    }

    @Test
    void allDetectorsShouldRedactInsideStringsOnlyAndKeepLayout() throws Exception {
        String event = "{ \"errCode\": 1501, \"errMsg\": \"TokenExpiredError\", \"from\": \"10.0.0.7:443\","
                + " \"msg\": \"mail bob@example.com, call +86 138 0013 8000 at 2026-11-28 10:00:53 via 2001:db8::1\","
                + " \"n\": 13800138000, \"list\": [\"x@y.io\", 4001, \"1501\"] }";

        String out = write(event, all());

        assertThat(out)
                .startsWith("{ \"errCode\": 1501, \"errMsg\": \"TokenExpiredError\", \"from\": \"[ipv4]:443\","
                        + " \"msg\": \"mail [email], call [phone] at 2026-11-28 10:00:53 via [ipv6]\","
                        + " \"n\": 13800138000, \"list\": [\"[email]\", 4001, \"1501\"] ,\"imwatch\":");
        assertThat(tree(out).get("imwatch")).isEqualTo(imwatchOf(event));
    }

    @Test
    void escapedStringsShouldStayValidJson() throws Exception {
        String event = "{\"errCode\":1501,\"msg\":\"quote \\\" then\\nalice@example.com\\u00e9 \\\\ end\","
                + "\"k\\u0065y\":\"x\"}";

        JsonNode node = tree(write(event, all()));

        assertThat(node.get("msg").asText()).isEqualTo("quote \" then\n[email]é \\ end");
        assertThat(node.get("key").asText()).isEqualTo("x");
    }

    @Test
    void fourToSixDigitCodesShouldNeverBeRedacted() {
        Redactor redactor = Redactor.of(all());
        String[] shapes = {"%d", "code=%d", "(%d)", "+%d", "[%d] %d", "%d-%d", "%d.%d", "%d %d", "E%d", "%d:%d"};
        for (int code = 1000; code <= 999_999; code += 97) {
            for (String shape : shapes) {
                String text = String.format(java.util.Locale.ROOT, shape, code, code);
                assertThat(redactor.text(text)).as(text).isEqualTo(text);
            }
        }
    }

    @Test
    void fieldPathsShouldRedactStringsAndNumbersBelowThemThroughArrays() throws Exception {
        String event = "{\"errCode\":1501,\"userID\":1893023,\"data\":{\"token\":\"t\",\"tokenless\":\"keep\","
                + "\"users\":[{\"email\":\"a\"},{\"email\":\"b\",\"id\":7}]},\"log.file.path\":\"/var/log/x\","
                + "\"profile\":{\"name\":\"Ann\",\"age\":31,\"vip\":true,\"tags\":[\"x\",null]}}";

        JsonNode node =
                tree(write(event, fields("userID", "data.token", "data.users.email", "log.file.path", "profile")));

        assertThat(node.get("userID").asText()).isEqualTo("[redacted]");
        assertThat(node.at("/data/token").asText()).isEqualTo("[redacted]");
        assertThat(node.at("/data/tokenless").asText()).isEqualTo("keep");
        assertThat(node.at("/data/users/0/email").asText()).isEqualTo("[redacted]");
        assertThat(node.at("/data/users/1/email").asText()).isEqualTo("[redacted]");
        assertThat(node.at("/data/users/1/id").asInt()).isEqualTo(7);
        assertThat(node.get("log.file.path").asText()).isEqualTo("[redacted]");
        assertThat(node.at("/profile/name").asText()).isEqualTo("[redacted]");
        assertThat(node.at("/profile/age").asText()).isEqualTo("[redacted]");
        assertThat(node.at("/profile/vip").asBoolean()).isTrue();
        assertThat(node.at("/profile/tags/0").asText()).isEqualTo("[redacted]");
        assertThat(node.at("/profile/tags/1").isNull()).isTrue();
        assertThat(node.get("errCode").asInt()).isEqualTo(1501);
        assertThat(node.get("imwatch")).isEqualTo(imwatchOf(event));
    }

    @Test
    void wildcardPathShouldMatchAnyKeyAtItsDepth() throws Exception {
        JsonNode node = tree(write(
                "{\"errCode\":1501,\"a\":{\"phone\":\"1\"},\"b\":{\"phone\":\"2\",\"x\":\"3\"}}", fields("*.phone")));

        assertThat(node.at("/a/phone").asText()).isEqualTo("[redacted]");
        assertThat(node.at("/b/phone").asText()).isEqualTo("[redacted]");
        assertThat(node.at("/b/x").asText()).isEqualTo("3");
    }

    @Test
    void patternsShouldRedactTheMatchOrItsFirstGroup() throws Exception {
        List<String> patterns = RedactionPolicy.splitPatterns("order-\\d{6,8}, uid=(\\w+), [,;]x");
        assertThat(patterns).containsExactly("order-\\d{6,8}", "uid=(\\w+)", "[,;]x");
        RedactionPolicy policy =
                new RedactionPolicy(EnumSet.noneOf(Detector.class), List.of(), patterns, RedactMode.MASK, "");

        JsonNode node = tree(write("{\"errCode\":1501,\"m\":\"order-1234567 by uid=u_42;x\"}", policy));

        assertThat(node.get("m").asText()).isEqualTo("[redacted] by uid=[redacted][redacted]");
        assertThat(node.get("errCode").asInt()).isEqualTo(1501);
    }

    @Test
    void hashModeShouldBeStableKeyedAndNormalized() throws Exception {
        RedactionPolicy policy =
                new RedactionPolicy(EnumSet.allOf(Detector.class), List.of("userID"), List.of(), RedactMode.HASH, KEY);
        RedactionPolicy otherKey = new RedactionPolicy(
                EnumSet.allOf(Detector.class), List.of("userID"), List.of(), RedactMode.HASH, KEY + "2");
        String event = "{\"errCode\":1501,\"userID\":\"u-1\",\"a\":\"Alice@Example.com\",\"b\":\"alice@example.com\","
                + "\"p\":\"+86 138 0013 8000\",\"q\":\"+8613800138000\",\"r\":\"bob@example.com\"}";

        JsonNode one = tree(write(event, policy));
        JsonNode again = tree(write(event, policy));
        JsonNode other = tree(write(event, otherKey));

        assertThat(one.get("userID").asText()).matches("\\[redacted:[0-9a-f]{16}]");
        assertThat(one.get("a").asText())
                .matches("\\[email:[0-9a-f]{16}]")
                .isEqualTo(one.get("b").asText());
        assertThat(one.get("p").asText())
                .matches("\\[phone:[0-9a-f]{16}]")
                .isEqualTo(one.get("q").asText());
        assertThat(one.get("r").asText()).isNotEqualTo(one.get("a").asText());
        assertThat(again).isEqualTo(one);
        assertThat(other.get("a").asText()).isNotEqualTo(one.get("a").asText());
    }

    @Test
    void hashModeShouldRefuseToRunWithoutAKey() {
        assertThatThrownBy(() -> RedactionPolicy.parse("token", List.of(), List.of(), "hash", ""))
                .isInstanceOfSatisfying(
                        RedactionPolicy.InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo(RedactionPolicy.Setting.HASH_KEY))
                .hasMessageContaining("empty")
                .hasMessageContaining("mask");
        assertThatThrownBy(() -> RedactionPolicy.parse("token", List.of(), List.of(), "hash", "short"))
                .hasMessageContaining("shorter than 16");
    }

    @Test
    void badSettingsShouldNameWhatIsWrong() {
        assertThatThrownBy(() -> RedactionPolicy.parse("token,emial", List.of(), List.of(), "mask", ""))
                .hasMessageContaining("unknown detector 'emial'");
        assertThatThrownBy(() -> RedactionPolicy.parse("none,email", List.of(), List.of(), "mask", ""))
                .hasMessageContaining("'none' cannot be combined");
        assertThatThrownBy(() -> RedactionPolicy.parse("", List.of("data..x"), List.of(), "mask", ""))
                .hasMessageContaining("'data..x' is not a field path");
        assertThatThrownBy(() -> RedactionPolicy.parse("", List.of(), List.of("(?=x)"), "mask", ""))
                .isInstanceOfSatisfying(
                        RedactionPolicy.InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo(RedactionPolicy.Setting.PATTERNS))
                .hasMessageContaining("not an RE2 pattern");
        assertThatThrownBy(() -> RedactionPolicy.parse("", List.of(), List.of(), "blur", ""))
                .hasMessageContaining("use mask or hash");
        assertThat(RedactionPolicy.parse("ip", List.of(), List.of(), "MASK", "").detectors())
                .containsExactlyInAnyOrder(Detector.IPV4, Detector.IPV6);
        assertThat(RedactionPolicy.parse("none", List.of(), List.of(), "mask", "")
                        .isOff())
                .isTrue();
    }

    @Test
    void textLinesShouldBeRedactedInTheirText() throws Exception {
        String line = "2026-11-20 10:15:02.331  INFO G gw-7f3a 5120987712340091 gateway-io-3 i.t.g.i.l.ClientApiLogging"
                + " : 88213|1893023|ANDROID|1|10.1.4.7|7712|CREATE_MESSAGE_REQUEST|211|2026-11-20 10:15:02.327|5005|null|38|4";

        JsonNode node = tree(write(line, all()));

        assertThat(node.get("message").asText()).isEqualTo(line.replace("10.1.4.7", "[ipv4]"));
        assertThat(node.get("imwatch")).isEqualTo(imwatchOf(line));
        assertThat(node.at("/imwatch/codes/0/code").asInt()).isEqualTo(5005);
    }

    @Test
    void eventThatAlreadyHasAnImwatchFieldShouldBeRedactedToo() throws Exception {
        String event = "{\"errCode\":1501,\"imwatch\":\"old\",\"token\":\"secret-value\"}";

        JsonNode node = tree(write(event, RedactionPolicy.DEFAULT));

        assertThat(node.get("token").asText()).isEqualTo("[token]");
        assertThat(node.get("imwatch")).isEqualTo(imwatchOf(event));
    }

    @Test
    void fieldPathsShouldReachIntoAShippersJsonLine() throws Exception {
        String event = "{\"date\":1732280000.123,\"log\":\"{\\\"errCode\\\":1506,\\\"userID\\\":\\\"u-9\\\","
                + "\\\"errMsg\\\":\\\"TokenKickedError\\\"}\",\"kubernetes\":{\"container_name\":\"openim-api\"}}";

        JsonNode node = tree(write(event, fields("userID")));

        JsonNode inner = tree(node.get("log").asText());
        assertThat(inner.get("userID").asText()).isEqualTo("[redacted]");
        assertThat(inner.get("errCode").asInt()).isEqualTo(1506);
        assertThat(node.get("imwatch")).isEqualTo(imwatchOf(event));
        assertThat(node.at("/imwatch/codes/0/code").asInt()).isEqualTo(1506);
    }
}
