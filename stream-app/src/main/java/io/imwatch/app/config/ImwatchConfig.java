package io.imwatch.app.config;

import io.imwatch.classify.otlp.OtlpDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every imwatch setting: one {@code *_CONFIG} key with its {@code *_DOC}, type, default and
 * validator. Values come from a file, then {@code IMWATCH_*} environment variables, then command
 * flags ({@link ConfigSources}); keys starting with {@code kafka.} pass through to the Kafka
 * clients (SASL, SSL, tuning). Cross-key checks live in {@link ConfigValidator}.
 */
public final class ImwatchConfig extends AbstractConfig {

    /** Prefix of settings passed verbatim (without it) to Kafka Streams and its clients. */
    public static final String KAFKA_PREFIX = "kafka.";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC =
            "Kafka cluster to join. Empty: start an embedded single-node KRaft broker and the demo traffic.";

    public static final String APPLICATION_ID_CONFIG = "application.id";
    private static final String APPLICATION_ID_DOC =
            "Kafka Streams application id (consumer group, internal topic prefix).";

    public static final String INPUT_TOPICS_CONFIG = "input.topics";
    private static final String INPUT_TOPICS_DOC =
            "Input topics, comma-separated, each optionally with a default vendor and/or :otlp"
                    + " (records are OTLP log batches): im.logs,turms.logs:turms,otlp_logs:otlp.";

    public static final String INPUT_PATTERN_CONFIG = "input.pattern";
    private static final String INPUT_PATTERN_DOC = "Regex of input topics, instead of or besides input.topics.";

    public static final String INPUT_PATTERN_VENDOR_CONFIG = "input.pattern.vendor";
    private static final String INPUT_PATTERN_VENDOR_DOC = "Default vendor of topics matched by input.pattern.";

    public static final String TOPIC_ENRICHED_CONFIG = "topic.enriched";
    public static final String TOPIC_UNKNOWN_CONFIG = "topic.unknown";
    public static final String TOPIC_DEADLETTER_CONFIG = "topic.deadletter";
    public static final String TOPIC_NOCODE_CONFIG = "topic.nocode";
    public static final String TOPIC_COUNTS_CONFIG = "topic.counts";
    public static final String TOPIC_ALERTS_CONFIG = "topic.alerts";
    public static final String TOPIC_CATALOG_CONFIG = "topic.catalog";
    private static final String TOPIC_CATALOG_DOC = "Compacted topic of published catalogue and rule files (key: file"
            + " name, value: YAML), read by every instance as a global store and applied without a restart on top of"
            + " the built-ins, catalog.files and rules.files; written by imwatch catalog publish.";

    public static final String NOCODE_FORWARD_CONFIG = "nocode.forward";
    private static final String NOCODE_FORWARD_DOC =
            "Forward events without any code to topic.nocode (default: count and drop them).";

    public static final String MAX_EVENT_BYTES_CONFIG = "max.event.bytes";
    private static final String MAX_EVENT_BYTES_DOC = "Events larger than this are dead-lettered (reason too-large).";

    public static final String OTLP_MAX_RECORDS_CONFIG = "otlp.max.records";
    private static final String OTLP_MAX_RECORDS_DOC = "The most log records one OTLP batch (a record of an"
            + " input.topics entry marked :otlp) may hold; a bigger batch is dead-lettered whole (reason too-large).";

    public static final String CLASSIFY_BUDGET_CONFIG = "classify.budget";
    private static final String CLASSIFY_BUDGET_DOC = "How long the extraction rules may examine one event (a backstop:"
            + " matching is linear in the event's length); an event over it is dead-lettered (reason over-budget).";

    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    private static final String PROCESSING_GUARANTEE_DOC = "exactly_once_v2 (default) or at_least_once.";

    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    private static final String COMMIT_INTERVAL_MS_DOC =
            "How often Kafka Streams commits (and, under exactly-once, ends a transaction).";

    public static final String CATALOG_FILES_CONFIG = "catalog.files";
    private static final String CATALOG_FILES_DOC = "Extra catalogue YAML files, comma-separated (catalog/README.md).";

    public static final String RULES_FILES_CONFIG = "rules.files";
    private static final String RULES_FILES_DOC =
            "Extra extraction-rule YAML files, comma-separated (classify/README.md).";

    public static final String HTTP_PORT_CONFIG = "http.port";
    private static final String HTTP_PORT_DOC = "Port of /health/live, /health/ready and /metrics (0: any free port).";

    public static final String METRICS_PREREGISTER_CONFIG = "metrics.preregister";
    private static final String METRICS_PREREGISTER_DOC =
            "Register every series the catalogue and the alert rules can produce at 0 on start, so that"
                    + " Prometheus' increase() and rate() see a code's first occurrence; false: series appear"
                    + " with their first event (sparse).";

    public static final String STATE_DIR_CONFIG = "state.dir";
    private static final String STATE_DIR_DOC =
            "Kafka Streams state directory (RocksDB stores); keep it on persistent storage, not in the OS temp directory.";

    /** Default of state.dir: persistent, per user (the XDG state directory), not the OS temp directory. */
    public static final String DEFAULT_STATE_DIR = System.getProperty("user.home") + "/.local/state/imwatch";

    public static final String SHUTDOWN_TIMEOUT_CONFIG = "shutdown.timeout";
    private static final String SHUTDOWN_TIMEOUT_DOC =
            "How long a stop (Ctrl-C, SIGTERM) waits for Kafka Streams to commit and close its tasks before imwatch"
                    + " exits anyway (exactly-once: the open transaction is aborted, nothing is lost). Kafka Streams"
                    + " still joining its group has nothing to commit and is waited for 2s at most.";

    public static final String INSTANCE_ID_CONFIG = "instance.id";
    private static final String INSTANCE_ID_DOC = "This instance's name in its group (Kafka static membership,"
            + " group.instance.id), unique among the running instances: a restart after a crash takes its place"
            + " back at once instead of waiting out the dead member's session.timeout.ms. A name (the pod name of a"
            + " StatefulSet): the instance also keeps its place, and its tasks, across a clean stop. auto: host name"
            + " + state.dir (unique while Kafka Streams holds the state directory's lock), and the instance leaves"
            + " the group when it stops cleanly. none: dynamic membership. kafka.group.instance.id overrides it.";

    /** {@link #INSTANCE_ID_CONFIG}: derive a name from the host and the state directory. */
    public static final String INSTANCE_ID_AUTO = "auto";

    /** {@link #INSTANCE_ID_CONFIG}: dynamic membership. */
    public static final String INSTANCE_ID_NONE = "none";

    /** What Kafka accepts as a group.instance.id (its own limit is 249 characters; Kafka Streams adds a thread suffix). */
    private static final Pattern INSTANCE_ID = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    public static final String ROCKSDB_MEMORY_MB_CONFIG = "rocksdb.memory.mb";
    private static final String ROCKSDB_MEMORY_MB_DOC =
            "Off-heap memory (MiB) of all RocksDB state stores together: one shared block cache that also"
                    + " holds index/filter blocks and is charged for memtables (a quarter of it). Outside the heap:"
                    + " heap + this + JVM overhead must fit the container's memory limit.";

    public static final String TOPICS_PARTITIONS_CONFIG = "topics.partitions";
    private static final String TOPICS_PARTITIONS_DOC =
            "Partitions of topics imwatch creates (--create-topics, embedded).";

    public static final String TOPICS_REPLICATION_CONFIG = "topics.replication.factor";
    private static final String TOPICS_REPLICATION_DOC =
            "Replication factor of topics imwatch creates (--create-topics, embedded) and of Kafka Streams'"
                    + " internal changelog and repartition topics (its replication.factor); -1 takes the broker's"
                    + " default. Lowering it weakens the durability of imwatch's state too.";

    public static final String COUNTS_WINDOW_CONFIG = "counts.window";
    private static final String COUNTS_WINDOW_DOC = "Tumbling window of the per-category counters, e.g. 1m, 30s.";

    public static final String COUNTS_GRACE_CONFIG = "counts.grace";
    /*
     * Alert windows share counts.grace on purpose: alert rules count the same classified records in
     * windows of the same length (counts.window). One grace gives both the same allowed lateness, so
     * what an alert reports is comparable with the counts topic for that window, and the one key is
     * tuned by one metric (imwatch_counts_late_total). A key of their own would let the two disagree
     * about how late is too late for the same window.
     */
    private static final String COUNTS_GRACE_DOC = "How long after a window ends late events are still counted;"
            + " also the grace of the alert rules' windows, which are the same windows (counts.window), so that"
            + " both allow the same lateness.";

    public static final String ALERTS_RULES_FILE_CONFIG = "alerts.rules.file";
    private static final String ALERTS_RULES_FILE_DOC = "Alert rules YAML; empty: the built-in defaults.";

    public static final String ALERTS_EVALUATION_INTERVAL_CONFIG = "alerts.evaluation.interval";
    private static final String ALERTS_EVALUATION_INTERVAL_DOC =
            "How often (wall clock) the spike detector closes windows and evaluates them.";

    public static final String ALERTMANAGER_URL_CONFIG = "alertmanager.url";
    private static final String ALERTMANAGER_URL_DOC =
            "Alertmanager base URL (e.g. http://alertmanager:9093); alerts are POSTed to its v2 API. Empty: off.";

    public static final String GENERATOR_URL_CONFIG = "alerts.generator.url";
    private static final String GENERATOR_URL_DOC = "generatorURL put on alerts (e.g. the Grafana dashboard).";

    public static final String DEMO_ENABLED_CONFIG = "demo.enabled";
    private static final String DEMO_ENABLED_DOC =
            "Produce demo traffic into the first input topic, and OTLP batches into the first :otlp one"
                    + " (default: on when embedded).";

    public static final String DEMO_RATE_CONFIG = "demo.rate";
    private static final String DEMO_RATE_DOC = "Demo events per second.";

    public static final String DEMO_SPIKE_EVERY_CONFIG = "demo.spike.every";
    private static final String DEMO_SPIKE_EVERY_DOC = "Time between demo session-close spikes.";

    public static final String DEMO_SPIKE_LENGTH_CONFIG = "demo.spike.length";
    private static final String DEMO_SPIKE_LENGTH_DOC = "How long a demo spike lasts.";

    public static final String DEMO_SPIKE_RATE_CONFIG = "demo.spike.rate";
    private static final String DEMO_SPIKE_RATE_DOC = "Extra session-close events per second during a spike.";

    public static final String SUMMARY_INTERVAL_CONFIG = "summary.interval";
    private static final String SUMMARY_INTERVAL_DOC =
            "How often to print the console summary (0: never; default on when embedded).";

    public static final String LOG_LEVEL_CONFIG = "log.level";
    private static final String LOG_LEVEL_DOC =
            "Level of imwatch's own log on stderr: TRACE, DEBUG, INFO, WARN or ERROR (Kafka's stays at WARN).";

    public static final String ENRICH_FIELDS_CONFIG = "enrich.fields";
    private static final String ENRICH_FIELDS_DOC =
            "Catalogue fields each code of the imwatch object carries: lean (name, class, severity, outcome,"
                    + " sessionClose), full (every field), none, or a comma-separated list of "
                    + io.imwatch.classify.output.EnrichFields.keys() + ".";

    public static final String REDACT_DETECTORS_CONFIG = "redact.detectors";
    private static final String REDACT_DETECTORS_DOC =
            "Detectors of sensitive values redacted in enriched, unknown and no-code records (never in dead letters):"
                    + " token, email, phone, ipv4, ipv6 (ip: both), all, or none.";

    public static final String REDACT_FIELDS_CONFIG = "redact.fields";
    private static final String REDACT_FIELDS_DOC =
            "Field paths whose values are always redacted, comma-separated, e.g. userID,data.token,*.phone.";

    public static final String REDACT_PATTERNS_CONFIG = "redact.patterns";
    private static final String REDACT_PATTERNS_DOC =
            "RE2 patterns whose matches (or first group) are redacted, comma-separated; a comma outside [], {} or () is \\,.";

    public static final String REDACT_MODE_CONFIG = "redact.mode";
    private static final String REDACT_MODE_DOC =
            "mask ([email]) or hash ([email:<keyed HMAC-SHA256, 64 bits>], needs redact.hash.key).";

    public static final String REDACT_HASH_KEY_CONFIG = "redact.hash.key";
    private static final String REDACT_HASH_KEY_DOC =
            "Secret key of redact.mode=hash, at least 16 characters; the same key gives the same hashes everywhere.";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "", Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(
                    APPLICATION_ID_CONFIG,
                    Type.STRING,
                    "imwatch",
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    APPLICATION_ID_DOC)
            .define(INPUT_TOPICS_CONFIG, Type.LIST, "im.logs", Importance.HIGH, INPUT_TOPICS_DOC)
            .define(INPUT_PATTERN_CONFIG, Type.STRING, "", Importance.MEDIUM, INPUT_PATTERN_DOC)
            .define(INPUT_PATTERN_VENDOR_CONFIG, Type.STRING, "", Importance.LOW, INPUT_PATTERN_VENDOR_DOC)
            .define(
                    TOPIC_ENRICHED_CONFIG,
                    Type.STRING,
                    "im.codes.enriched",
                    Importance.HIGH,
                    "Events whose codes are all known.")
            .define(
                    TOPIC_UNKNOWN_CONFIG,
                    Type.STRING,
                    "im.codes.unknown",
                    Importance.HIGH,
                    "Events with an unknown, ambiguous or version-mismatched code, with candidates, for curation.")
            .define(
                    TOPIC_DEADLETTER_CONFIG,
                    Type.STRING,
                    "im.deadletter",
                    Importance.HIGH,
                    "Events that could not be read: original bytes plus reason headers.")
            .define(
                    TOPIC_NOCODE_CONFIG,
                    Type.STRING,
                    "im.codes.none",
                    Importance.LOW,
                    "Events without codes, if nocode.forward.")
            .define(
                    TOPIC_COUNTS_CONFIG,
                    Type.STRING,
                    "im.codes.counts",
                    Importance.HIGH,
                    "Final windowed counts, JSON.")
            .define(
                    TOPIC_ALERTS_CONFIG,
                    Type.STRING,
                    "im.alerts",
                    Importance.HIGH,
                    "Alert transitions, Alertmanager-shaped JSON.")
            .define(TOPIC_CATALOG_CONFIG, Type.STRING, "im.catalog", Importance.MEDIUM, TOPIC_CATALOG_DOC)
            .define(NOCODE_FORWARD_CONFIG, Type.BOOLEAN, false, Importance.LOW, NOCODE_FORWARD_DOC)
            .define(
                    MAX_EVENT_BYTES_CONFIG,
                    Type.INT,
                    1 << 20,
                    Range.between(64, 64 << 20),
                    Importance.MEDIUM,
                    MAX_EVENT_BYTES_DOC)
            .define(
                    OTLP_MAX_RECORDS_CONFIG,
                    Type.INT,
                    OtlpDecoder.DEFAULT_MAX_RECORDS,
                    Range.between(1, 1_000_000),
                    Importance.LOW,
                    OTLP_MAX_RECORDS_DOC)
            .define(
                    CLASSIFY_BUDGET_CONFIG,
                    Type.STRING,
                    "1s",
                    Durations.between(Duration.ofMillis(1), Duration.ofMinutes(10)),
                    Importance.LOW,
                    CLASSIFY_BUDGET_DOC)
            .define(
                    PROCESSING_GUARANTEE_CONFIG,
                    Type.STRING,
                    "exactly_once_v2",
                    ValidString.in("exactly_once_v2", "at_least_once"),
                    Importance.MEDIUM,
                    PROCESSING_GUARANTEE_DOC)
            .define(
                    COMMIT_INTERVAL_MS_CONFIG,
                    Type.LONG,
                    100L,
                    Range.atLeast(1),
                    Importance.LOW,
                    COMMIT_INTERVAL_MS_DOC)
            .define(CATALOG_FILES_CONFIG, Type.LIST, "", Importance.MEDIUM, CATALOG_FILES_DOC)
            .define(RULES_FILES_CONFIG, Type.LIST, "", Importance.MEDIUM, RULES_FILES_DOC)
            .define(HTTP_PORT_CONFIG, Type.INT, 8080, Range.between(0, 65535), Importance.MEDIUM, HTTP_PORT_DOC)
            .define(METRICS_PREREGISTER_CONFIG, Type.BOOLEAN, true, Importance.LOW, METRICS_PREREGISTER_DOC)
            .define(STATE_DIR_CONFIG, Type.STRING, DEFAULT_STATE_DIR, Importance.MEDIUM, STATE_DIR_DOC)
            .define(
                    INSTANCE_ID_CONFIG,
                    Type.STRING,
                    INSTANCE_ID_AUTO,
                    ConfigDef.LambdaValidator.with(
                            (name, value) -> {
                                String id = String.valueOf(value).strip();
                                if (!INSTANCE_ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
                                    throw new ConfigException(
                                            name,
                                            value,
                                            "use auto, none, or a name of letters, digits, '.', '_' and '-' (at most"
                                                    + " 200), unique among the running instances");
                                }
                            },
                            () -> "auto, none, or a name of [a-zA-Z0-9._-], at most 200"),
                    Importance.MEDIUM,
                    INSTANCE_ID_DOC)
            .define(
                    ROCKSDB_MEMORY_MB_CONFIG,
                    Type.INT,
                    256,
                    Range.between(16, 1 << 20),
                    Importance.MEDIUM,
                    ROCKSDB_MEMORY_MB_DOC)
            .define(
                    TOPICS_PARTITIONS_CONFIG,
                    Type.INT,
                    3,
                    Range.between(1, 10_000),
                    Importance.LOW,
                    TOPICS_PARTITIONS_DOC)
            .define(TOPICS_REPLICATION_CONFIG, Type.SHORT, (short) -1, Importance.LOW, TOPICS_REPLICATION_DOC)
            .define(COUNTS_WINDOW_CONFIG, Type.STRING, "1m", Durations.VALIDATOR, Importance.MEDIUM, COUNTS_WINDOW_DOC)
            .define(COUNTS_GRACE_CONFIG, Type.STRING, "30s", Durations.VALIDATOR, Importance.MEDIUM, COUNTS_GRACE_DOC)
            .define(ALERTS_RULES_FILE_CONFIG, Type.STRING, "", Importance.MEDIUM, ALERTS_RULES_FILE_DOC)
            .define(
                    ALERTS_EVALUATION_INTERVAL_CONFIG,
                    Type.STRING,
                    "5s",
                    Durations.VALIDATOR,
                    Importance.LOW,
                    ALERTS_EVALUATION_INTERVAL_DOC)
            .define(ALERTMANAGER_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, ALERTMANAGER_URL_DOC)
            .define(GENERATOR_URL_CONFIG, Type.STRING, "", Importance.LOW, GENERATOR_URL_DOC)
            .define(
                    DEMO_ENABLED_CONFIG,
                    Type.STRING,
                    "auto",
                    ValidString.in("auto", "true", "false"),
                    Importance.LOW,
                    DEMO_ENABLED_DOC)
            .define(DEMO_RATE_CONFIG, Type.INT, 200, Range.between(1, 1_000_000), Importance.LOW, DEMO_RATE_DOC)
            .define(
                    DEMO_SPIKE_EVERY_CONFIG,
                    Type.STRING,
                    "5m",
                    Durations.VALIDATOR,
                    Importance.LOW,
                    DEMO_SPIKE_EVERY_DOC)
            .define(
                    DEMO_SPIKE_LENGTH_CONFIG,
                    Type.STRING,
                    "2m",
                    Durations.VALIDATOR,
                    Importance.LOW,
                    DEMO_SPIKE_LENGTH_DOC)
            .define(
                    DEMO_SPIKE_RATE_CONFIG,
                    Type.INT,
                    40,
                    Range.between(0, 100_000),
                    Importance.LOW,
                    DEMO_SPIKE_RATE_DOC)
            .define(
                    SHUTDOWN_TIMEOUT_CONFIG,
                    Type.STRING,
                    "30s",
                    Durations.VALIDATOR,
                    Importance.LOW,
                    SHUTDOWN_TIMEOUT_DOC)
            .define(SUMMARY_INTERVAL_CONFIG, Type.STRING, "auto", Importance.LOW, SUMMARY_INTERVAL_DOC)
            .define(
                    LOG_LEVEL_CONFIG,
                    Type.STRING,
                    "INFO",
                    ConfigDef.CaseInsensitiveValidString.in("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
                    Importance.LOW,
                    LOG_LEVEL_DOC)
            .define(ENRICH_FIELDS_CONFIG, Type.STRING, "lean", Importance.MEDIUM, ENRICH_FIELDS_DOC)
            .define(REDACT_DETECTORS_CONFIG, Type.STRING, "token", Importance.MEDIUM, REDACT_DETECTORS_DOC)
            .define(REDACT_FIELDS_CONFIG, Type.LIST, "", Importance.MEDIUM, REDACT_FIELDS_DOC)
            .define(REDACT_PATTERNS_CONFIG, Type.STRING, "", Importance.LOW, REDACT_PATTERNS_DOC)
            .define(
                    REDACT_MODE_CONFIG,
                    Type.STRING,
                    "mask",
                    ConfigDef.CaseInsensitiveValidString.in("mask", "hash"),
                    Importance.MEDIUM,
                    REDACT_MODE_DOC)
            .define(REDACT_HASH_KEY_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, REDACT_HASH_KEY_DOC);

    public ImwatchConfig(Map<String, ?> values) {
        super(DEFINITION, values, false);
    }

    public boolean isEmbedded() {
        return getString(BOOTSTRAP_SERVERS_CONFIG).isBlank();
    }

    public Duration duration(String key) {
        return Durations.parse(getString(key));
    }

    public List<String> nonBlankList(String key) {
        return getList(key).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** The {@code kafka.*} settings with the prefix removed. */
    public Map<String, Object> kafkaPassThrough() {
        return originalsWithPrefix(KAFKA_PREFIX, true);
    }
}
