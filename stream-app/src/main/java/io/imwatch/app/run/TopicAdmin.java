package io.imwatch.app.run;

import io.imwatch.app.cli.ConfigProblem;
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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Checks that the topics imwatch needs exist, or creates the missing ones. */
public final class TopicAdmin {

    private final Admin admin;

    public TopicAdmin(Admin admin) {
        this.admin = admin;
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
        List<NewTopic> topics = new ArrayList<>();
        for (String name : missing(wanted)) {
            NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.of(replication));
            if (compacted.contains(name)) {
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

    private Set<String> names() {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigProblem(
                    "cannot list topics of the Kafka cluster (" + e.getMessage()
                            + "); check bootstrap.servers and the kafka.* security settings",
                    e);
        }
    }
}
