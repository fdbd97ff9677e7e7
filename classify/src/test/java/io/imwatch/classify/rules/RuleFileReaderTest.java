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
    void shouldRefuseRegexesThatOnlyABacktrackingEngineCanRunNamingTheConstructAndTheFix() {
        assertThatThrownBy(() -> read("""
                        vendor: x
                        rules:
                          - id: behind
                            text: {regex: '(?<![A-Za-z_])code=(?<code>\\d+)'}
                          - id: ahead
                            text: {regex: 'code=(?<code>\\d+)(?![0-9])'}
                          - id: backref
                            text: {regex: '(\\w)code=(?<code>\\d+)\\1'}
                          - id: possessive
                            text: {regex: 'code\\s*+=(?<code>\\d+)'}
                          - id: atomic
                            json: {codes: [{path: msg, pattern: '(?>code=)(?<code>\\d+)'}]}
                          - id: accepted
                            accept: '(?=8)\\d{6}'
                            json: {codes: [{path: code}]}
                        """))
                .isInstanceOf(RuleException.class)
                .hasMessageStartingWith("rule file mine.yaml has 6 problem(s)")
                .satisfies(e -> assertThat(((RuleException) e).problems())
                        .containsExactly(
                                "mine.yaml:4: rule 'behind': 'regex' uses a lookbehind (?<!..., which imwatch cannot"
                                        + " run in linear time (rules use RE2 syntax); match the character before"
                                        + " instead, e.g. (?:^|[^A-Za-z_])code in place of (?<![A-Za-z_])code",
                                "mine.yaml:6: rule 'ahead': 'regex' uses a lookahead (?!..., which imwatch cannot run"
                                        + " in linear time (rules use RE2 syntax); match what follows instead, e.g."
                                        + " (?:$|[^0-9]) or \\b in place of (?![0-9])",
                                "mine.yaml:8: rule 'backref': 'regex' uses a backreference \\1, which imwatch cannot"
                                        + " run in linear time (rules use RE2 syntax); match the repeated text with a"
                                        + " pattern of its own",
                                "mine.yaml:10: rule 'possessive': 'regex' uses a possessive quantifier *+, which"
                                        + " imwatch cannot run in linear time (rules use RE2 syntax); drop the last"
                                        + " '+': a plain quantifier cannot backtrack here either",
                                "mine.yaml:12: rule 'atomic': 'pattern' uses an atomic group (?>...), which imwatch"
                                        + " cannot run in linear time (rules use RE2 syntax); write a plain group"
                                        + " (?:...): nothing backtracks",
                                "mine.yaml:14: rule 'accepted': 'accept' uses a lookahead (?=..., which imwatch cannot"
                                        + " run in linear time (rules use RE2 syntax); match what follows instead,"
                                        + " e.g. (?:$|[^0-9]) or \\b in place of (?![0-9])"));
    }

    @Test
    void shouldReadNamedGroupsInEitherSyntax() {
        RuleFile file = read("""
                vendor: x
                rules:
                  - id: both
                    text: {regex: 'GW (?P<code>\\d+)/(?<name>\\w+)'}
                """);
        assertThat(file.textRules()).hasSize(1);
        assertThatThrownBy(() -> read("""
                        vendor: x
                        rules:
                          - id: stray
                            text: {regex: 'GW (?P<code>\\d+)/(?P<reason>\\w+)'}
                        """))
                .hasMessageContaining(
                        "mine.yaml:4: rule 'stray': 'regex' has group 'reason'; the groups read are code, minor,"
                                + " name, version");
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
