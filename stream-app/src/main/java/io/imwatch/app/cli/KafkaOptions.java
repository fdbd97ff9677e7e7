package io.imwatch.app.cli;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.EnvironmentSettings;
import io.imwatch.app.config.ImwatchConfig;
import io.imwatch.app.livecatalog.CatalogBase;
import io.imwatch.app.run.CatalogTopic;
import io.imwatch.app.run.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The settings of the commands that talk to Kafka besides {@code run}: the same sources as {@code
 * run} (a config file, then {@code IMWATCH_*} variables, then flags), so the cluster, the
 * {@code kafka.*} security settings, {@code topic.catalog}, {@code catalog.files} and
 * {@code rules.files} are those the instances use.
 */
public final class KafkaOptions {

    private static final Logger log = LoggerFactory.getLogger(KafkaOptions.class);

    /** How long the cluster may take to answer a command. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--config", paramLabel = "FILE", description = "The .properties or .yaml config file of run.")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            description = "The Kafka cluster (overrides bootstrap.servers).")
    String bootstrapServers;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Set any config key (repeatable), e.g. --set kafka.security.protocol=SASL_SSL.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The environment; tests replace it. */
    Map<String, String> environment = System.getenv();

    private ImwatchConfig built;
    private ConfigSources sources;

    /**
     * The merged settings.
     *
     * @throws ConfigProblem for a bad setting, or when no cluster is configured
     */
    public ImwatchConfig config() {
        if (built == null) {
            EnvironmentSettings env = EnvironmentSettings.read(environment);
            env.warnings().forEach(warning -> log.warn("{}", warning));
            Map<String, String> flags = new LinkedHashMap<>(overrides);
            if (bootstrapServers != null) {
                flags.put(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            }
            sources = ConfigSources.layered(config, env, flags);
            built = sources.build();
            if (built.isEmbedded()) {
                throw new ConfigProblem(
                        "no Kafka cluster given: use --bootstrap-servers HOST:PORT (or bootstrap.servers"
                                + " in --config, or IMWATCH_BOOTSTRAP_SERVERS), the cluster imwatch run reads");
            }
        }
        return built;
    }

    /** Bootstrap and {@code kafka.*} settings, as {@code run} gives its own clients. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>(config().kafkaPassThrough());
        properties.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                config().getString(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG));
        return properties;
    }

    /**
     * The catalogue topic, checked to exist.
     *
     * @throws ConfigProblem when the cluster cannot be reached or the topic is missing
     */
    public CatalogTopic catalogTopic() {
        String topic = config().getString(ImwatchConfig.TOPIC_CATALOG_CONFIG);
        String cluster = "bootstrap.servers=" + config().getString(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG) + " (from "
                + sources.origin(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG) + ")";
        try (TopicAdmin admin = TopicAdmin.open(clientProperties(), TIMEOUT, cluster)) {
            if (!admin.missing(List.of(topic)).isEmpty()) {
                throw new ConfigProblem("topic " + topic + " (topic.catalog) does not exist on " + cluster
                        + "; start imwatch run with --create-topics once, or create it compacted (deploy/README.md)");
            }
        }
        return new CatalogTopic(clientProperties(), topic, TIMEOUT);
    }

    /** The base every instance builds on: the built-ins and the configured catalog.files and rules.files. */
    public CatalogBase base() {
        ImwatchConfig c = config();
        return CatalogBase.of(
                c.nonBlankList(ImwatchConfig.CATALOG_FILES_CONFIG).stream()
                        .map(Path::of)
                        .toList(),
                c.nonBlankList(ImwatchConfig.RULES_FILES_CONFIG).stream()
                        .map(Path::of)
                        .toList(),
                c.getInt(ImwatchConfig.MAX_EVENT_BYTES_CONFIG),
                c.duration(ImwatchConfig.CLASSIFY_BUDGET_CONFIG),
                c.getString(ImwatchConfig.TOPIC_CATALOG_CONFIG));
    }
}
