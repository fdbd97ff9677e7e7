package io.imwatch.app.run;

import io.imwatch.app.config.ConfigProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks that the topics imwatch needs exist, or creates the missing ones. */
public final class TopicAdmin implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private final Admin admin;
    private final Duration timeout;
    private final String cluster;

    /**
     * @param timeout how long the cluster may take to answer before imwatch gives up
     * @param cluster the cluster for messages, e.g. "bootstrap.servers=kafka:9092 (from imwatch.yaml)"
     */
    public TopicAdmin(Admin admin, Duration timeout, String cluster) {
        this.admin = admin;
        this.timeout = timeout;
        this.cluster = cluster;
    }

    /**
     * An admin client of the cluster in {@code clientProperties}.
     *
     * @throws ConfigProblem if the client cannot be created (e.g. no bootstrap server resolves)
     */
    public static TopicAdmin open(Map<String, Object> clientProperties, Duration timeout, String cluster) {
        try {
            return new TopicAdmin(Admin.create(clientProperties), timeout, cluster);
        } catch (KafkaException e) {
            log.debug("cannot create the Kafka admin client", e);
            throw new ConfigProblem(
                    cluster + ": " + rootMessage(e)
                            + "; give the host:port of one or more Kafka brokers, e.g. --bootstrap-servers kafka:9092",
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        admin.close();
    }

    /** The topics of {@code wanted} that do not exist. */
    public List<String> missing(Collection<String> wanted) {
        Set<String> existing = names();
        return wanted.stream().filter(t -> !existing.contains(t)).distinct().toList();
    }

    /**
     * Creates every missing topic of {@code wanted}; {@code compacted} ones get compact+delete cleanup.
     *
     * @return the topics created
     */
    public List<String> createMissing(
            Collection<String> wanted, Collection<String> compacted, int partitions, short replication) {
        return createMissing(wanted, compacted, List.of(), partitions, replication);
    }

    /**
     * Creates every missing topic of {@code wanted}: {@code compacted} ones with compact+delete
     * cleanup, {@code keptForever} ones (the catalogue topic) with one partition and compaction only,
     * so that retention never removes the latest value of a key.
     *
     * @return the topics created
     */
    public List<String> createMissing(
            Collection<String> wanted,
            Collection<String> compacted,
            Collection<String> keptForever,
            int partitions,
            short replication) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : missing(wanted)) {
            boolean kept = keptForever.contains(name);
            NewTopic topic = new NewTopic(name, Optional.of(kept ? 1 : partitions), Optional.of(replication));
            if (kept) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            } else if (compacted.contains(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete"));
            }
            topics.add(topic);
        }
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new ConfigProblem(
                            "cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            } catch (TimeoutException e) {
                throw new ConfigProblem("timed out creating topic " + name + "; is the cluster reachable?", e);
            }
        });
        return topics.stream().map(NewTopic::name).toList();
    }

    /**
     * The cleanup policy of an existing topic, or empty when the cluster does not say (e.g. the
     * principal may not describe its configs).
     */
    public Optional<String> cleanupPolicy(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)
                    .get(resource);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            return Optional.ofNullable(entry).map(ConfigEntry::value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            log.debug("cannot describe the configs of topic {}", topic, e);
            return Optional.empty();
        }
    }

    private Set<String> names() {
        try {
            return admin.listTopics(new ListTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .names()
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String why = cause instanceof org.apache.kafka.common.errors.TimeoutException
                            || cause instanceof TimeoutException
                    ? "no broker answered within " + timeout.toMillis() + " ms"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            throw new ConfigProblem(
                    "cannot reach the Kafka cluster at " + cluster + ": " + why
                            + "; check bootstrap.servers and the kafka.* security settings"
                            + " (a slow cluster may need a longer kafka.default.api.timeout.ms)",
                    e);
        }
    }
}
