package io.imwatch.app.run;

import io.imwatch.app.alerts.delivery.AlertForwarder;
import io.imwatch.app.alerts.delivery.AlertmanagerClient;
import io.imwatch.app.alerts.delivery.FiringAlerts;
import io.imwatch.app.alerts.rules.AlertRules;
import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ConfigValidator;
import io.imwatch.app.config.Durations;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.app.config.StreamSettings;
import io.imwatch.app.config.TopicSpec;
import io.imwatch.app.demo.DemoProducer;
import io.imwatch.app.embedded.EmbeddedKafka;
import io.imwatch.app.livecatalog.CatalogBase;
import io.imwatch.app.livecatalog.LiveCatalog;
import io.imwatch.app.metrics.CatalogMetrics;
import io.imwatch.app.metrics.ImwatchMetrics;
import io.imwatch.app.topology.ImwatchTopology;
import io.imwatch.catalog.Catalog;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: wires config, catalogue, topology, Kafka Streams, metrics, HTTP
 * endpoints, alert forwarding and (embedded) the broker, demo and summary; shuts them down in
 * reverse order. {@code Main}/{@code RunCommand} only parse arguments and wait.
 */
public final class ImwatchApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImwatchApp.class);

    /** Without kafka.default.api.timeout.ms, how long the cluster may take to answer at start. */
    static final Duration CLUSTER_CHECK_TIMEOUT = Duration.ofSeconds(5);

    /** How long {@link #close()} waits for a start in progress to notice it and stop. */
    private static final Duration START_ABORT_WAIT = Duration.ofMinutes(2);

    private final Object lock = new Object();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>(); // guarded by lock
    private boolean closing; // guarded by lock
    private final Object closeLock = new Object();
    private final CountDownLatch startDone = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private ImwatchConfig config;
    private ConfigSources sources;
    private Duration shutdownTimeout;
    private StreamSettings settings;
    private KafkaStreams streams;
    private HttpEndpoints http;
    private FiringAlerts firing;
    private String bootstrapServers;
    private volatile boolean failed;

    private ImwatchApp() {}

    /**
     * Starts everything.
     *
     * @param createTopics create missing topics (always done when embedded)
     * @param console where the embedded summary goes
     * @throws ConfigProblem for any configuration the user must fix, before anything is left running
     */
    public static ImwatchApp start(ConfigSources sources, boolean createTopics, PrintStream console) {
        ImwatchApp app = create();
        app.begin(sources, createTopics, console);
        return app;
    }

    /** An app not started yet, so that a stop signal can reach it while {@link #begin} runs. */
    public static ImwatchApp create() {
        return new ImwatchApp();
    }

    /**
     * Starts everything. {@link #close()} may be called from another thread meanwhile (Ctrl-C during
     * start): then what was started is stopped and {@link StopRequested} is thrown.
     *
     * @param createTopics create missing topics (always done when embedded)
     * @param console where the embedded summary goes
     * @throws ConfigProblem for any configuration the user must fix, before anything is left running
     */
    public void begin(ConfigSources sources, boolean createTopics, PrintStream console) {
        try {
            startAll(sources, createTopics, console);
        } catch (RuntimeException e) {
            startDone.countDown();
            close();
            throw e;
        } finally {
            startDone.countDown();
        }
    }

    /** Thrown by {@link #begin} when {@link #close()} was called while it ran. */
    public static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("imwatch was stopped while starting");
        }
    }

    /** Remembers a started resource for {@link #close()}; stops the start if a close was asked for. */
    private <T extends AutoCloseable> T track(T resource) {
        synchronized (lock) {
            resources.push(resource);
            if (closing) {
                throw new StopRequested();
            }
        }
        return resource;
    }

    private void startAll(ConfigSources sources, boolean createTopics, PrintStream console) {
        this.sources = sources;
        config = sources.build();
        // log4j2.xml reads IMWATCH_LOG_LEVEL at start-up; this also honours the file and --set
        Configurator.setLevel("io.imwatch", Level.toLevel(config.getString(ImwatchConfig.LOG_LEVEL_CONFIG)));
        CatalogBase catalogBase = CatalogBase.of(
                config.nonBlankList(ImwatchConfig.CATALOG_FILES_CONFIG).stream()
                        .map(Path::of)
                        .toList(),
                config.nonBlankList(ImwatchConfig.RULES_FILES_CONFIG).stream()
                        .map(Path::of)
                        .toList(),
                config.getInt(ImwatchConfig.MAX_EVENT_BYTES_CONFIG),
                config.duration(ImwatchConfig.CLASSIFY_BUDGET_CONFIG),
                config.getString(ImwatchConfig.TOPIC_CATALOG_CONFIG));
        // the base version, checked before anything starts; the topic's files come with the global store
        LiveCatalog liveCatalog = LiveCatalog.start(catalogBase, new CatalogMetrics(registry));
        Catalog catalog = liveCatalog.current().classifier().catalog();
        settings = ConfigValidator.validate(config, sources, catalog);
        shutdownTimeout = config.duration(ImwatchConfig.SHUTDOWN_TIMEOUT_CONFIG);
        String rulesFile =
                config.getString(ImwatchConfig.ALERTS_RULES_FILE_CONFIG).strip();
        AlertRules alertRules = rulesFile.isEmpty()
                ? AlertRules.defaults(settings.countsWindow())
                : AlertRules.load(Path.of(rulesFile), settings.countsWindow());

        String stateDir = config.getString(ImwatchConfig.STATE_DIR_CONFIG);
        GroupMembership membership = GroupMembership.of(config, stateDir);
        // Kafka's own checks of every client setting, before a broker or anything else starts
        Properties checked = StreamsProperties.of(
                config,
                settings,
                config.isEmbedded() ? "localhost:9092" : config.getString(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG),
                stateDir,
                reason -> {});
        membership.applyTo(checked);
        KafkaConfigCheck.check(checked, config, sources);
        if (config.isEmbedded()) {
            console.println(
                    "imwatch: no bootstrap.servers configured: starting an embedded Kafka broker with demo traffic");
            EmbeddedKafka kafka = track(EmbeddedKafka.start());
            bootstrapServers = kafka.bootstrapServers();
            stateDir = kafka.scratchDir("streams-state").toString();
        } else {
            bootstrapServers = config.getString(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG);
            StateDirs.prepare(stateDir, sources.origin(ImwatchConfig.STATE_DIR_CONFIG));
        }
        Map<String, Object> clientProperties = new HashMap<>(config.kafkaPassThrough());
        clientProperties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        prepareTopics(clientProperties, createTopics || config.isEmbedded());

        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        track(gc);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        ImwatchMetrics metrics = new ImwatchMetrics(registry);

        Topology topology = ImwatchTopology.build(
                settings,
                ImwatchTopology.Outputs.of(settings),
                new TopicSpec<>(settings.topics().catalog(), Serdes.String(), Serdes.ByteArray()),
                liveCatalog,
                alertRules,
                metrics);
        log.debug("imwatch topology:\n{}", topology.describe());
        log.info(
                "catalogue {} ({} entries, vendors {}); published files from topic {} are applied as they come",
                liveCatalog.current().fingerprint(),
                catalog.entries().size(),
                catalog.vendors(),
                settings.topics().catalog());
        Properties streamsProperties =
                StreamsProperties.of(config, settings, bootstrapServers, stateDir, metrics::deadLetter);
        membership.applyTo(streamsProperties);
        log.info("group membership: {}", membership.description());
        streams = new KafkaStreams(topology, streamsProperties);
        streams.setStateListener((next, previous) -> {
            log.info("Kafka Streams {} -> {}", previous, next);
            if (next == KafkaStreams.State.ERROR) {
                failed = true;
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Kafka Streams thread failed; shutting imwatch down so it can be restarted", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        KafkaStreams running = streams;
        track(new StreamsShutdown(running, shutdownTimeout, membership.leaveOnClose()));
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        track(streamsMetrics);

        // before /metrics is served: the first scrape already holds every series at 0
        firing = new FiringAlerts(registry);
        preregisterSeries(config, catalog, alertRules, metrics, firing);
        preregisterOnSwitch(config, liveCatalog, alertRules, metrics, firing);
        http = HttpEndpoints.start(config.getInt(ImwatchConfig.HTTP_PORT_CONFIG), running::state, registry::scrape);
        track(http);
        String alertmanagerUrl =
                config.getString(ImwatchConfig.ALERTMANAGER_URL_CONFIG).strip();
        AlertmanagerClient alertmanager = alertmanagerUrl.isEmpty()
                ? null
                : new AlertmanagerClient(alertmanagerUrl, Duration.ofSeconds(30), firing);
        track(new AlertForwarder(clientProperties, settings.topics().alerts(), firing, alertmanager));

        DemoProducer demo = null;
        String demoEnabled = config.getString(ImwatchConfig.DEMO_ENABLED_CONFIG);
        if ("true".equals(demoEnabled) || ("auto".equals(demoEnabled) && config.isEmbedded())) {
            List<StreamSettings.InputTopic> lineInputs = settings.inputs(StreamSettings.InputFormat.LINES);
            if (lineInputs.isEmpty()) {
                throw new ConfigProblem("demo.enabled needs an input topic in input.topics to write to"
                        + " (one not marked :otlp; an OTLP topic gets the demo's OTLP batches besides)");
            }
            List<StreamSettings.InputTopic> otlpInputs = settings.inputs(StreamSettings.InputFormat.OTLP);
            demo = new DemoProducer(
                    clientProperties,
                    lineInputs.get(0).name(),
                    otlpInputs.isEmpty() ? null : otlpInputs.get(0).name(),
                    new DemoProducer.Schedule(
                            config.getInt(ImwatchConfig.DEMO_RATE_CONFIG),
                                    config.duration(ImwatchConfig.DEMO_SPIKE_EVERY_CONFIG),
                            config.duration(ImwatchConfig.DEMO_SPIKE_LENGTH_CONFIG),
                                    config.getInt(ImwatchConfig.DEMO_SPIKE_RATE_CONFIG)));
            track(demo);
        }
        String summary = config.getString(ImwatchConfig.SUMMARY_INTERVAL_CONFIG).strip();
        Duration summaryInterval = "auto".equals(summary)
                ? (config.isEmbedded() ? Duration.ofSeconds(5) : Duration.ZERO)
                : Durations.parse(summary);
        if (!summaryInterval.isZero()) {
            DemoProducer shownDemo = demo;
            track(new ConsoleSummary(
                    registry,
                    firing,
                    () -> shownDemo == null || shownDemo.currentSpike() == null
                            ? null
                            : "demo spike in progress: " + shownDemo.currentSpike(),
                    console,
                    summaryInterval));
        }
        synchronized (lock) {
            if (closing) {
                throw new StopRequested();
            }
            streams.start();
        }
        console.println("imwatch: running; Kafka at " + bootstrapServers + ", http://localhost:" + http.port()
                + "/metrics, /health/ready; reading " + inputsDescription() + ". Ctrl-C stops.");
    }

    /**
     * The topics the topology reads or writes, which must exist before it starts: the input topics
     * and the outputs, {@code topic.nocode} only when {@code nocode.forward} sends events there.
     */
    public static List<String> requiredTopics(StreamSettings settings) {
        List<String> wanted = new ArrayList<>();
        settings.inputs().forEach(in -> wanted.add(in.name()));
        StreamSettings.TopicNames t = settings.topics();
        wanted.addAll(List.of(t.enriched(), t.unknown(), t.deadLetter(), t.counts(), t.alerts(), t.catalog()));
        if (settings.forwardNoCode()) {
            wanted.add(t.noCode());
        }
        return wanted;
    }

    private void prepareTopics(Map<String, Object> clientProperties, boolean create) {
        List<String> wanted = requiredTopics(settings);
        try (TopicAdmin topics = TopicAdmin.open(clientProperties, clusterCheckTimeout(), clusterDescription())) {
            if (create) {
                List<String> created = topics.createMissing(
                        wanted,
                        List.of(settings.topics().alerts()),
                        List.of(settings.topics().catalog()),
                        config.getInt(ImwatchConfig.TOPICS_PARTITIONS_CONFIG),
                        config.getShort(ImwatchConfig.TOPICS_REPLICATION_CONFIG));
                if (!created.isEmpty()) {
                    log.info("created topics {}", created);
                }
            } else {
                List<String> missing = topics.missing(wanted);
                if (!missing.isEmpty()) {
                    String why = settings.forwardNoCode()
                                    && missing.contains(settings.topics().noCode())
                            ? " (topic.nocode is needed because nocode.forward is true)"
                            : "";
                    throw new ConfigProblem(
                            "topics " + missing + " do not exist on " + bootstrapServers + why
                                    + "; create them, or run with --create-topics (uses topics.partitions and topics.replication.factor)");
                }
            }
            String catalogTopic = settings.topics().catalog();
            topics.cleanupPolicy(catalogTopic)
                    .filter(policy -> !policy.equals("compact"))
                    .ifPresent(policy -> log.warn(
                            "topic {} (topic.catalog) has cleanup.policy={}: published catalogue files {}; set"
                                    + " cleanup.policy=compact (deploy/README.md)",
                            catalogTopic,
                            policy,
                            policy.contains("delete")
                                    ? "are deleted after retention.ms and new instances will not see them"
                                    : "are never compacted"));
        }
    }

    private String clusterDescription() {
        return "bootstrap.servers=" + bootstrapServers + " (from "
                + (config.isEmbedded() ? "the embedded broker" : sources.origin(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG))
                + ")";
    }

    /** The admin's own default.api.timeout.ms if the user set one, else a few seconds: a start fails fast. */
    private Duration clusterCheckTimeout() {
        Map<String, Object> kafka = config.kafkaPassThrough();
        Object ms = kafka.getOrDefault(
                StreamsConfig.adminClientPrefix(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG),
                kafka.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG));
        return ms == null
                ? CLUSTER_CHECK_TIMEOUT
                : Duration.ofMillis(Long.parseLong(ms.toString().strip()));
    }

    private String inputsDescription() {
        List<String> parts = new ArrayList<>();
        settings.inputs().forEach(in -> {
            List<String> options = new ArrayList<>();
            if (in.format() == StreamSettings.InputFormat.OTLP) {
                options.add("OTLP");
            }
            if (in.vendor() != null) {
                options.add(in.vendor());
            }
            parts.add(options.isEmpty() ? in.name() : in.name() + " (" + String.join(", ", options) + ")");
        });
        settings.inputPattern().ifPresent(p -> parts.add("/" + p.pattern() + "/"));
        return String.join(", ", parts);
    }

    /** Blocks until {@link #close()} is called or Kafka Streams fails; returns false on failure. */
    public boolean awaitStop() throws InterruptedException {
        stopped.await();
        return !failed;
    }

    /** Waits up to {@code timeout} for Kafka Streams to be RUNNING. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int httpPort() {
        return http.port();
    }

    public StreamSettings settings() {
        return settings;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Registers at 0 every series the catalogue and the alert rules can produce, unless
     * {@code metrics.preregister} is false: the codes, session-close and unknown-code counters and
     * the firing gauge of each rule's enumerable series.
     */
    public static void preregisterSeries(
            ImwatchConfig config, Catalog catalog, AlertRules rules, ImwatchMetrics metrics, FiringAlerts firing) {
        if (config.getBoolean(ImwatchConfig.METRICS_PREREGISTER_CONFIG)) {
            metrics.preregister(catalog);
            rules.firingSeries(catalog).forEach(firing::preregister);
        }
    }

    /**
     * Registers at 0, unless {@code metrics.preregister} is false, the series each new live catalogue
     * version can produce, before its first record is classified (on the catalogue's applying thread).
     */
    public static void preregisterOnSwitch(
            ImwatchConfig config, LiveCatalog live, AlertRules rules, ImwatchMetrics metrics, FiringAlerts firing) {
        live.onSwitch(version -> preregisterSeries(config, version.classifier().catalog(), rules, metrics, firing));
    }

    public FiringAlerts firingAlerts() {
        return firing;
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
    }

    /** Stops everything in reverse order of start; safe to call from any thread, at any time, more than once. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
        }
        try {
            // a start in progress stops at its next step and closes what it started
            startDone.await(START_ABORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (closeLock) {
            while (true) {
                AutoCloseable resource;
                synchronized (lock) {
                    resource = resources.poll();
                }
                if (resource == null) {
                    break;
                }
                try {
                    resource.close();
                } catch (Exception e) {
                    log.warn("error while stopping {}", resource, e);
                }
            }
            registry.close();
            stopped.countDown();
        }
    }
}
