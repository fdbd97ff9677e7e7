package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imwatch.app.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the first seconds, while Kafka Streams joins its group, stops imwatch quickly and
 * cleanly (exit 0). The slow case is a restart after a crash: the group still lists the dead
 * member, so the rebalance, and Kafka Streams' close with it, waits for that member's session to
 * time out (45 s): so with dynamic membership ({@code instance.id=none}); a static member takes its
 * ghost's place at once. With a derived name ({@code instance.id=auto}, the default) a clean stop
 * leaves the group, so that no one waits for a name that may not come back.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ShutdownIT {

    /** Generous for a loaded machine; the old code took 30 s here and exited 143. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldStopFastWhileJoiningAGroupThatStillListsACrashedMember(@TempDir Path dir) throws Exception {
        String app = "shutdown-" + System.nanoTime();
        String[] args = {
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--create-topics",
            "--set",
            "application.id=" + app,
            "--set",
            "input.topics=" + app + ".logs",
            "--set",
            "state.dir=" + dir.resolve("state"),
            "--set",
            "summary.interval=0s",
            "--set",
            "instance.id=none"
        };
        try (JarRun first = JarRun.start(dir.resolve("first.txt"), Map.of(), args)) {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> first.isReady() || !first.isAlive());
            assertThat(first.isAlive()).as(first.console()).isTrue();
            first.kill();
        }
        try (JarRun second = JarRun.start(dir.resolve("second.txt"), Map.of(), args)) {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> second.console().contains("imwatch: running") || !second.isAlive());
            assertThat(second.isReady()).as("still joining the group").isFalse();

            long start = System.nanoTime();
            second.terminate();
            Integer exit = second.awaitExit(BOUND.plusSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(exit).as(second.console()).isZero();
            assertThat(took).as(second.console()).isLessThan(BOUND);
        }
    }

    @Test
    void shouldLeaveTheGroupOnACleanStopUnderADerivedName(@TempDir Path dir) throws Exception {
        String app = "leave-" + System.nanoTime();
        try (JarRun run = JarRun.start(
                        dir.resolve("run.txt"),
                        Map.of(),
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--create-topics",
                        "--set",
                        "application.id=" + app,
                        "--set",
                        "input.topics=" + app + ".logs",
                        "--set",
                        "state.dir=" + dir.resolve("state"),
                        "--set",
                        "summary.interval=0s");
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> run.isReady() || !run.isAlive());
            assertThat(members(admin, app)).as(run.console()).isNotEmpty().allMatch(id -> !id.isEmpty());

            run.terminate();
            assertThat(run.awaitExit(Duration.ofMinutes(1))).as(run.console()).isZero();
            assertThat(members(admin, app))
                    .as("a static member that stayed would hold its partitions for the 45 s session timeout")
                    .isEmpty();
        }
    }

    /** The group.instance.id of each member ("" for a dynamic one). */
    private static List<String> members(Admin admin, String group) throws Exception {
        return admin
                .describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get(10, TimeUnit.SECONDS)
                .members()
                .stream()
                .map(m -> m.groupInstanceId().orElse(""))
                .toList();
    }
}
