package io.imwatch.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imwatch.catalog.Catalog;
import io.imwatch.classify.ClassifiedCode;
import io.imwatch.classify.ClassifiedEvent;
import io.imwatch.classify.Classifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RuleFileReaderTest {

    private static RuleFile read(String yaml) {
        return RuleFileReader.read("mine.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldLetAUserTeachAnInHouseFormatWithoutCode() {
        Catalog catalog =
                Catalog.builder().addBuiltins().add("inhouse.yaml", yaml("""
                        vendor: inhouse
                        spaces:
                          - id: gateway
                            defaults: {side: SERVER, outcome: ERROR, category: Gateway}
                            codes:
                              - {code: 4031, name: KICKED_DUPLICATE_LOGIN, class: SESSION, severity: WARN, retryable: false, sessionClose: KICKED_BY_OTHER_DEVICE}
                        """)).build();
        RuleSet rules = RuleSet.builder()
                .addBuiltins()
                .add("inhouse-rules.yaml", yaml("""
                        vendor: inhouse
                        hints: [chatgw]
                        rules:
                          - id: inhouse-gateway-close
                            space: gateway
                            text:
                              contains: ["GW-CLOSE"]
                              regex: 'GW-CLOSE reason=(?<code>\\d+)/(?<name>\\w+)'
                        """))
                .build();
        Classifier classifier = new Classifier(catalog, rules, 1 << 16);

        ClassifiedEvent event = classifier.classify(
                "2026-11-20 10:00:00 GW-CLOSE reason=4031/dup uid=7".getBytes(StandardCharsets.UTF_8), null, 0L);

        ClassifiedCode code = event.codes().get(0);
        assertThat(code.vendor()).isEqualTo("inhouse");
        assertThat(code.name()).isEqualTo("KICKED_DUPLICATE_LOGIN");
        assertThat(code.isKnown()).isTrue();
        assertThat(rules.hintedVendor("chatgw-7\n")).isEqualTo("inhouse");
    }

    @Test
    void shouldReportEveryProblemWithFileLineAndRule() {
        assertThatThrownBy(() -> read("""
                        vendor: x
                        rules:
                          - id: a
                            text: {regex: 'no group here'}
                          - id: b
                            text: {contains: [x], regex: '(?<code>\\d+'}
                          - id: c
                            json: {codes: [{path: "*"}]}
                          - id: a
                            json: {codes: [{path: code}]}
                            colour: red
                          - id: d
                            text: {regex: '(?<code>\\d+)', delimited: {after: ":", separator: "|", fields: 3, codeField: 1}}
                        """))
                .isInstanceOf(RuleException.class)
                .satisfies(e -> assertThat(((RuleException) e).problems())
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("mine.yaml:4: rule 'a': 'regex' needs a named group (?<code>...)"))
                        .anySatisfy(p -> assertThat(p).contains(":6: rule 'b': 'regex' is not a valid regex"))
                        .anySatisfy(p -> assertThat(p)
                                .contains(":8: rule 'c': path '*' scans every string value and needs a 'pattern'"))
                        .anySatisfy(p -> assertThat(p).contains(":9: rule 'a': id is used twice"))
                        .anySatisfy(p -> assertThat(p).contains(":11: rule 'a': unknown key 'colour'"))
                        .anySatisfy(p -> assertThat(p)
                                .contains(":13: rule 'd': 'text' needs exactly one of 'regex' or 'delimited'")));
    }

    @Test
    void shouldFailFastWhenRulesNameSpacesTheCatalogueLacks() {
        RuleSet rules = RuleSet.builder().add("mine.yaml", yaml("""
                        vendor: turms
                        rules:
                          - id: t
                            space: sesion-close
                            json: {codes: [{path: status}]}
                        """)).build();

        assertThatThrownBy(() -> new Classifier(Catalog.builtin(), rules, 1024))
                .isInstanceOf(RuleException.class)
                .hasMessageContaining(
                        "mine.yaml:4: rule 't': vendor 'turms' has no space 'sesion-close'; its spaces are"
                                + " [client, response, session-close]");
    }

    @Test
    void shouldLoadEveryBuiltinRuleFileAgainstTheBuiltinCatalogue() {
        RuleSet rules = RuleSet.builtin();
        rules.validateAgainst(Catalog.builtin());
        assertThat(rules.envelope().lineFields()).contains("message", "log");
        assertThat(rules.hintedVendor("openim-msggateway\n")).isEqualTo("openim");
        assertThat(rules.hintedVendor("turms-gateway\nopenim-api\n")).isNull();
        assertThat(rules.hintedVendor("")).isNull();
    }
}
