package io.imwatch.app.run;

import java.time.Duration;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes Kafka Streams in bounded time. Kafka Streams ends a rebalance under way before a stream
 * thread stops, and a rebalance waits for every member the group still lists, including one that
 * died (up to its session.timeout.ms, 45 s): a stop in the first seconds after a crash took the
 * whole close timeout. A thread still joining its group has no tasks and nothing to commit, so it is
 * given {@link #IDLE_TIMEOUT} only; with tasks, Kafka Streams gets shutdown.timeout to commit and
 * close them. Whether it leaves the group is {@link GroupMembership#leaveOnClose()}: a dynamic member
 * or one with a derived name leaves, so that no one waits for it; a named static member keeps its
 * place and its tasks across a restart.
 */
final class StreamsShutdown implements AutoCloseable {

    /** All a Kafka Streams without tasks (still joining its group) is waited for. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(StreamsShutdown.class);

    private final KafkaStreams streams;
    private final Duration timeout;
    private final boolean leaveGroup;

    /**
     * @param timeout shutdown.timeout
     * @param leaveGroup whether to leave the group ({@link GroupMembership#leaveOnClose()})
     */
    StreamsShutdown(KafkaStreams streams, Duration timeout, boolean leaveGroup) {
        this.streams = streams;
        this.timeout = timeout;
        this.leaveGroup = leaveGroup;
    }

    @Override
    public void close() {
        Duration wait = hasTasks() || timeout.compareTo(IDLE_TIMEOUT) < 0 ? timeout : IDLE_TIMEOUT;
        CloseOptions options = CloseOptions.timeout(wait)
                .withGroupMembershipOperation(
                        leaveGroup
                                ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                                : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP);
        if (!streams.close(options)) {
            log.info(
                    "Kafka Streams did not stop within {}; exiting anyway (under exactly-once its open transaction"
                            + " is aborted, and the next start resumes from the last commit)",
                    wait);
        }
    }

    private boolean hasTasks() {
        try {
            return streams.metadataForLocalThreads().stream()
                    .anyMatch(
                            t -> !t.activeTasks().isEmpty() || !t.standbyTasks().isEmpty());
        } catch (RuntimeException e) {
            return true;
        }
    }

    @Override
    public String toString() {
        return "Kafka Streams";
    }
}
