package io.imwatch.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.deploycheck.AlertKinds.AlertKind;
import io.imwatch.deploycheck.AlertKinds.Matcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The compose stack's Alertmanager: a defined receiver, and inhibit rules that can really mute something. */
class AlertmanagerConfigTest {

    private static final Pattern MATCHER =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(.*)\"|(\\S*))\\s*");

    static String file() {
        return ComposeFile.configFile(new ComposeFile().service("alertmanager"), "alertmanager");
    }

    static List<Integer> inhibitRules() {
        return IntStream.range(0, DeployFiles.yaml(file()).path("inhibit_rules").size())
                .boxed()
                .toList();
    }

    @Test
    void shouldRouteToADefinedReceiver() {
        JsonNode doc = DeployFiles.yaml(file());
        Set<String> receivers = new LinkedHashSet<>();
        doc.path("receivers").forEach(r -> receivers.add(r.path("name").asText()));
        assertThat(doc.at("/route/receiver").asText())
                .as("%s: route.receiver must be one of the receivers %s", file(), receivers)
                .isIn(receivers);
    }

    /** Each inhibit rule must be able to fire: a source and a different target alert that agree on every equal label. */
    @ParameterizedTest(name = "inhibit_rules[{0}]")
    @MethodSource("inhibitRules")
    void shouldInhibitAnAlertTheStackRaisesWithACauseItRaises(int index) {
        String where = file() + " inhibit_rules[" + index + "]";
        JsonNode rule = DeployFiles.yaml(file()).path("inhibit_rules").get(index);
        Map<String, String> external = new LinkedHashMap<>();
        DeployFiles.yaml("deploy/compose/prometheus.yml")
                .at("/global/external_labels")
                .properties()
                .forEach(e -> external.put(e.getKey(), e.getValue().asText()));
        List<AlertKind> kinds = AlertKinds.all(external);
        List<Matcher> source = matchers(rule, "source", where);
        List<Matcher> target = matchers(rule, "target", where);
        List<String> equal = DeployFiles.strings(rule.path("equal"));
        List<AlertKind> sources = kinds.stream()
                .filter(k -> source.stream().allMatch(k::mayMatch))
                .toList();
        List<AlertKind> targets = kinds.stream()
                .filter(k -> target.stream().allMatch(k::mayMatch))
                .toList();
        assertThat(sources)
                .as("%s: source matchers match no alert the Prometheus rules or imwatch's detector raise", where)
                .isNotEmpty();
        assertThat(targets)
                .as("%s: target matchers match no alert the Prometheus rules or imwatch's detector raise", where)
                .isNotEmpty();
        List<String> pairs = new ArrayList<>();
        for (AlertKind s : sources) {
            for (AlertKind t : targets) {
                if (s != t && equal.stream().allMatch(l -> s.agrees(t, l))) {
                    pairs.add(s.label() + " mutes " + t.label());
                }
            }
        }
        assertThat(pairs)
                .as(
                        "%s can never inhibit anything: no source and (different) target alert agree on equal %s (a label "
                                + "only one side carries, or fixed values that differ); make source, target and equal describe "
                                + "a real cause and its consequence, or remove the rule",
                        where, equal)
                .isNotEmpty();
    }

    @Test
    void shouldPassAmtoolCheckConfig() throws Exception {
        ToolRun.assumeInstalled(
                "amtool", "sudo apt-get install -y prometheus-alertmanager, or https://prometheus.io/download/");
        ToolRun run =
                ToolRun.run("amtool", "check-config", DeployFiles.path(file()).toString());
        assertThat(run.exitCode())
                .as("amtool check-config %s: %s", file(), run.output())
                .isZero();
    }

    /** The matchers of an inhibit rule side: {@code source_matchers} strings and legacy {@code source_match(_re)} maps. */
    private static List<Matcher> matchers(JsonNode rule, String side, String where) {
        List<Matcher> out = new ArrayList<>();
        for (String m : DeployFiles.strings(rule.path(side + "_matchers"))) {
            java.util.regex.Matcher mm = MATCHER.matcher(m);
            assertThat(mm.matches())
                    .as("%s: cannot read the matcher '%s'", where, m)
                    .isTrue();
            out.add(new Matcher(mm.group(1), mm.group(2), mm.group(4) != null ? mm.group(4) : mm.group(5)));
        }
        rule.path(side + "_match")
                .properties()
                .forEach(e -> out.add(new Matcher(e.getKey(), "=", e.getValue().asText())));
        rule.path(side + "_match_re")
                .properties()
                .forEach(e -> out.add(new Matcher(e.getKey(), "=~", e.getValue().asText())));
        return out;
    }
}
