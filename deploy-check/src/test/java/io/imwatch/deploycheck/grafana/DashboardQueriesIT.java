package io.imwatch.deploycheck.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.it.ExternalTools;
import io.imwatch.app.run.ImwatchApp;
import io.imwatch.deploycheck.grafana.GrafanaFiles.Dashboard;
import io.imwatch.deploycheck.grafana.GrafanaFiles.LabelValues;
import io.imwatch.deploycheck.grafana.GrafanaFiles.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every query of every dashboard panel, annotation and variable, and every Prometheus query of
 * the Grafana-managed alert rules, run against a real Prometheus (a child process) scraping a
 * real imwatch (the embedded broker and demo traffic, in this JVM). A query fails the test if
 * Prometheus rejects it, or if it returns no series, or only NaN, by the time the demo has had
 * its first session-close spike and the spike rule's 1h baseline has its first full windows.
 *
 * <p>Skipped when no {@code prometheus} binary is found ({@code apt-get install -y prometheus},
 * or set {@value PrometheusProcess#BINARY_ENV}).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DashboardQueriesIT {

    /**
     * Grafana's built-in variables, as a 1h dashboard would roughly have them. $__rate_interval is
     * at least four scrape intervals in Grafana; 30s gives rate() plenty of 1s samples.
     */
    private static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval", "30s",
            "__interval", "5s",
            "__interval_ms", "5000",
            "__range", "5m",
            "__range_s", "300",
            "__range_ms", "300000");

    /** A single value per template variable, for a second pass: a vendor with every kind of series. */
    private static final String ONE_VENDOR = "turms";

    /**
     * The (vendor, reason) series the demo's session-close spikes hit (DemoTraffic.Spike:
     * TURMS_HEARTBEAT_TIMEOUT, EASEMOB_KICKED_BY_OTHER_DEVICE, OPENIM_TOKEN_EXPIRED).
     */
    private static final Set<String> DEMO_SPIKED_SERIES =
            Set.of("turms/HEARTBEAT_TIMEOUT", "easemob/KICKED_BY_OTHER_DEVICE", "openim/AUTH_EXPIRED");

    private static final Duration STEP = Duration.ofSeconds(5);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(200);
    private static final Pattern REF = Pattern.compile("\\$\\{?([A-Za-z_]\\w*)}?");
    private static final Pattern CLIENT_METRIC = Pattern.compile("\\b(?:kafka|process)_\\w+(?:\\{[^}]*})?");

    private static Path workDir;
    private static ImwatchApp imwatch;
    private static PrometheusProcess prometheus;
    private static Instant scrapingSince;
    private static String instance;

    @BeforeAll
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    static void startImwatchAndPrometheus() throws Exception {
        Optional<Path> binary = PrometheusProcess.binary();
        ExternalTools.assumePresent(
                binary.isPresent(),
                "prometheus (on the PATH or in " + PrometheusProcess.BINARY_ENV + ")",
                "apt-get install -y prometheus");
        workDir = Files.createTempDirectory("imwatch-dashboards-it");
        // the first demo spike (Turms heartbeat timeouts) comes at 90s: late enough that the spike
        // rule's baseline (1m windows wholly inside the data, ending a minute ago) exists by then
        // and does not contain the spike, early enough for the test's time budget
        imwatch = ImwatchApp.start(
                new ConfigSources()
                        .add(
                                "DashboardQueriesIT",
                                Map.of(
                                        "application.id", "imwatch-dashboards-it",
                                        "http.port", "0",
                                        "demo.spike.every", "90s",
                                        "demo.spike.length", "10s",
                                        "counts.window", "5s",
                                        "counts.grace", "1s",
                                        "alerts.evaluation.interval", "1s",
                                        "summary.interval", "0s")),
                false,
                System.out);
        assertThat(imwatch.awaitRunning(Duration.ofSeconds(90)))
                .as("imwatch RUNNING")
                .isTrue();
        instance = "127.0.0.1:" + imwatch.httpPort();
        prometheus = PrometheusProcess.start(binary.get(), workDir, "imwatch", instance);
        await("prometheus ready").atMost(Duration.ofSeconds(30)).until(prometheus::isReady);
        await("prometheus scraping imwatch")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !prometheus.query("up{job=\"imwatch\"} == 1").isEmpty());
        scrapingSince = Instant.now();
    }

    @AfterAll
    static void stopPrometheusAndImwatch() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (imwatch != null) {
                imwatch.close();
            }
            if (workDir != null) {
                deleteRecursively(workDir);
            }
        }
    }

    @Test
    void shouldReturnSeriesForEveryDashboardAndAlertRuleQuery() {
        AtomicReference<Integer> checked = new AtomicReference<>(0);
        await("every dashboard and alert-rule query returning data")
                .atMost(LONGEST_WAIT)
                .pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    List<String> problems = new ArrayList<>();
                    checked.set(checkEverything(problems));
                    assertThat(problems)
                            .as("queries without data, out of %d", checked.get())
                            .isEmpty();
                });
        System.out.printf(
                "DashboardQueriesIT: %d queries returned data, %ds after Prometheus began scraping%n",
                checked.get(), Duration.between(scrapingSince, Instant.now()).toSeconds());
    }

    @Test
    void shouldFireTheGrafanaSpikeRuleOnTheDemoSpikeAndNothingElse() {
        JsonNode rule = GrafanaFiles.alertRules().stream()
                .filter(r -> "imwatch-session-close-spike".equals(r.path("uid").asText()))
                .findFirst()
                .orElseThrow();
        String condition = conditionAsPromQL(rule);
        AtomicReference<JsonNode> firing = new AtomicReference<>();

        await("the Grafana spike rule firing on a demo spike")
                .atMost(LONGEST_WAIT)
                .pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    firing.set(prometheus.query(condition));
                    assertThat(firing.get()).as(condition).isNotEmpty();
                });

        List<String> series = new ArrayList<>();
        firing.get()
                .forEach(s -> series.add(s.path("metric").path("vendor").asText() + "/"
                        + s.path("metric").path("reason").asText()));
        assertThat(series).as("series firing on " + condition).allMatch(DEMO_SPIKED_SERIES::contains);
        System.out.printf(
                "DashboardQueriesIT: the Grafana spike rule fired on %s, %ds after Prometheus began scraping%n",
                series, Duration.between(scrapingSince, Instant.now()).toSeconds());
    }

    /**
     * The stream-health "Live catalogue per instance" panel, queried as Grafana does, shows one row
     * per instance with the version it classifies with: after a catalogue file is published on the
     * catalogue topic, the new fingerprint and no other.
     */
    @Test
    void shouldShowTheLiveCatalogueFingerprintPerInstanceAfterAPublish() throws Exception {
        JsonNode panel = GrafanaFiles.dashboards().stream()
                .flatMap(d -> Stream.of(d.json().path("panels")))
                .flatMap(panels -> java.util.stream.StreamSupport.stream(panels.spliterator(), false))
                .filter(p -> p.path("title").asText().equals("Live catalogue per instance"))
                .findFirst()
                .orElseThrow();
        String expr = GrafanaFiles.substitute(
                panel.path("targets").get(0).path("expr").asText(), Map.of("instance", ".*"));
        String before = onlyFingerprint(expr);

        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, imwatch.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(
                            imwatch.settings().topics().catalog(),
                            "dashboard-it.yaml",
                            "vendor: dashboard-it\nspaces:\n  - id: s\n    codes:\n      - {code: 1, name: A,"
                                    + " category: C, class: SERVER, severity: ERROR, side: SERVER, outcome: ERROR,"
                                    + " retryable: true}\n"))
                    .get(30, TimeUnit.SECONDS);
        }

        await("the published version on the panel, alone")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(onlyFingerprint(expr)).isNotEqualTo(before));
    }

    /** The one fingerprint the query returns for this instance (at value 1). */
    private static String onlyFingerprint(String expr) throws Exception {
        JsonNode result = prometheus.query(expr);
        assertThat(result).as(expr).hasSize(1);
        assertThat(result.get(0).path("metric").path("instance").asText()).isEqualTo(instance);
        assertThat(result.get(0).path("value").path(1).asDouble()).isEqualTo(1.0);
        return result.get(0).path("metric").path("fingerprint").asText();
    }

    /**
     * metrics.preregister (on by default): a code's series is scraped at 0 before its first
     * occurrence, so Prometheus sees that occurrence as an increase of 1. OpenIM 1701 is in the
     * catalogue but never in the demo traffic; one record of it goes into the input topic.
     */
    @Test
    void shouldShowTheFirstOccurrenceOfACodeAsAnIncreaseOfOne() throws Exception {
        String series = "imwatch_codes_total{vendor=\"openim\",code=\"1701\"}";
        await("the series of a code not seen yet, scraped at 0")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !prometheus
                        .query("count_over_time((" + series + " == 0)[1m:1s]) >= 3")
                        .isEmpty());

        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, imwatch.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(
                            imwatch.settings().inputs().get(0).name(),
                            "first-occurrence",
                            "{\"errCode\":1701,\"errMsg\":\"FileUploadedExpiredError\"}"))
                    .get(30, TimeUnit.SECONDS);
        }

        String increase = "increase(" + series + "[1m])";
        await("the first occurrence as an increase of 1")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode result = prometheus.query(increase);
                    assertThat(result).as(increase).hasSize(1);
                    assertThat(result.get(0).path("value").path(1).asDouble())
                            .as(increase)
                            .isCloseTo(1.0, within(0.1));
                });
        Map<String, String> seriesPerFamily = new TreeMap<>();
        prometheus
                .query("count by (__name__) ({__name__=~\"imwatch_.*\", job=\"imwatch\"})")
                .forEach(r -> seriesPerFamily.put(
                        r.path("metric").path("__name__").asText(),
                        r.path("value").path(1).asText()));
        System.out.printf("DashboardQueriesIT: imwatch series per family: %s%n", seriesPerFamily);
    }

    /**
     * The stream-health alerts of deploy/prometheus/rules select Kafka Streams' and the process'
     * metrics by name and labels (client ids of the stream threads' consumers, say): every such
     * selector must find series in a real scrape, or the alert can never fire.
     */
    @Test
    void shouldFindEveryKafkaAndProcessMetricThePrometheusRulesSelect() {
        Map<String, String> selectors = new TreeMap<>();
        GrafanaFiles.prometheusRuleExpressions().forEach((where, expr) -> {
            Matcher m = CLIENT_METRIC.matcher(expr);
            while (m.find()) {
                selectors.put(m.group(), where);
            }
        });
        assertThat(selectors.keySet())
                .as("selectors of Kafka/process metrics in the rules")
                .anyMatch(sel -> sel.startsWith("kafka_stream_client_state"))
                .anyMatch(sel -> sel.startsWith("kafka_consumer_fetch_manager_records_lag_max"));
        await("every Kafka/process metric selector of the rules returning series")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    List<String> missing = new ArrayList<>();
                    selectors.forEach((selector, where) -> {
                        if (prometheus.query(selector).isEmpty()) {
                            missing.add(where + ": " + selector);
                        }
                    });
                    assertThat(missing).as("selectors without series").isEmpty();
                });
        System.out.printf(
                "DashboardQueriesIT: %d metric selectors of the rules found series: %s%n",
                selectors.size(), selectors.keySet());
    }

    /** Runs every query once; returns how many ran and adds what went wrong to {@code problems}. */
    private static int checkEverything(List<String> problems) {
        Instant end = Instant.now();
        Instant start = scrapingSince.isAfter(end.minus(Duration.ofMinutes(5)))
                ? scrapingSince
                : end.minus(Duration.ofMinutes(5));
        int checked = 0;
        for (Dashboard dashboard : GrafanaFiles.dashboards()) {
            Map<String, String> all = new HashMap<>(BUILT_INS);
            Map<String, String> oneValues = new TreeMap<>();
            for (JsonNode variable : dashboard.variables()) {
                String name = variable.path("name").asText();
                if ("query".equals(variable.path("type").asText())) {
                    all.put(name, variable.path("allValue").asText(".*"));
                    oneValues.put(name, oneValue(name));
                }
            }
            Map<String, String> one = new HashMap<>(BUILT_INS);
            one.putAll(oneValues);
            for (Query query : dashboard.queries()) {
                checked += check(query.where(), query.expr(), query.instant(), all, start, end, problems);
                if (usesAny(query.expr(), dashboard.variableNames())) {
                    checked += check(
                            query.where() + " with " + oneValues,
                            query.expr(),
                            query.instant(),
                            one,
                            start,
                            end,
                            problems);
                }
            }
            for (LabelValues lv : dashboard.labelValueQueries()) {
                checked++;
                try {
                    if (prometheus
                            .labelValues(lv.label(), GrafanaFiles.substitute(lv.match(), all), start, end)
                            .isEmpty()) {
                        problems.add(
                                lv.where() + ": no values for label_values(" + lv.match() + ", " + lv.label() + ")");
                    }
                } catch (PrometheusProcess.QueryFailed e) {
                    problems.add(lv.where() + ": " + e.getMessage());
                }
            }
        }
        for (JsonNode rule : GrafanaFiles.alertRules()) {
            for (JsonNode data : rule.path("data")) {
                if ("prometheus".equals(data.path("datasourceUid").asText())) {
                    JsonNode model = data.path("model");
                    checked += check(
                            "alert rule " + rule.path("title").asText() + " / "
                                    + data.path("refId").asText(),
                            model.path("expr").asText(),
                            model.path("instant").asBoolean(false),
                            BUILT_INS,
                            start,
                            end,
                            problems);
                }
            }
        }
        return checked;
    }

    private static String oneValue(String variable) {
        return switch (variable) {
            case "vendor" -> ONE_VENDOR;
            case "instance" -> instance;
            default -> throw new IllegalStateException("no test value for $" + variable + "; add one here");
        };
    }

    private static int check(
            String where,
            String rawExpr,
            boolean instant,
            Map<String, String> values,
            Instant start,
            Instant end,
            List<String> problems) {
        String expr = GrafanaFiles.substitute(rawExpr, values);
        Set<String> left = GrafanaFiles.variablesIn(expr);
        if (!left.isEmpty()) {
            problems.add(where + ": variables not substituted " + left + "\n      " + expr);
            return 1;
        }
        try {
            JsonNode result = instant ? prometheus.query(expr) : prometheus.queryRange(expr, start, end, STEP);
            if (result.isEmpty()) {
                problems.add(where + ": no series (" + (instant ? "instant" : "range") + ")\n      " + expr);
            } else if (!hasNumber(result)) {
                problems.add(where + ": only NaN\n      " + expr);
            }
        } catch (PrometheusProcess.QueryFailed e) {
            problems.add(where + ": " + e.getMessage() + "\n      " + expr);
        }
        return 1;
    }

    private static boolean hasNumber(JsonNode result) {
        for (JsonNode series : result) {
            if (series.has("value")
                    && !"NaN".equals(series.path("value").path(1).asText())) {
                return true;
            }
            for (JsonNode point : series.path("values")) {
                if (!"NaN".equals(point.path(1).asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean usesAny(String expr, Set<String> variables) {
        return GrafanaFiles.variablesIn(expr).stream().anyMatch(variables::contains);
    }

    /**
     * The rule's condition, a Grafana math expression over its queries such as
     * {@code $A >= 20 && $A >= 2.5 * $B}, as one PromQL expression that returns the series for
     * which it holds: comparisons filter in PromQL, and {@code &&}/{@code ||} become and/or.
     */
    private static String conditionAsPromQL(JsonNode rule) {
        Map<String, JsonNode> byRefId = new LinkedHashMap<>();
        rule.path("data").forEach(d -> byRefId.put(d.path("refId").asText(), d));
        JsonNode condition = byRefId.get(rule.path("condition").asText());
        assertThat(condition.path("model").path("type").asText())
                .as("the condition of " + rule.path("title").asText() + " is a math expression")
                .isEqualTo("math");
        String math = condition.path("model").path("expression").asText();
        assertThat(math)
                .as("only refs, numbers, arithmetic, comparisons, && and || can be turned into PromQL")
                .matches("[\\s$A-Za-z0-9_.()*/+\\-<>=!&|]+");
        Matcher m = REF.matcher(math);
        StringBuilder promql = new StringBuilder();
        Set<String> used = new HashSet<>();
        while (m.find()) {
            JsonNode query = byRefId.get(m.group(1));
            assertThat(query.path("datasourceUid").asText())
                    .as("$" + m.group(1) + " is a Prometheus query")
                    .isEqualTo("prometheus");
            used.add(m.group(1));
            m.appendReplacement(
                    promql,
                    Matcher.quoteReplacement(
                            "(" + query.path("model").path("expr").asText() + ")"));
        }
        m.appendTail(promql);
        assertThat(used).isNotEmpty();
        return promql.toString().replace("&&", " and ").replace("||", " or ");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
