package io.imwatch.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imwatch.app.alerts.AlertEvent;
import io.imwatch.app.alerts.AlertJson;
import io.imwatch.app.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three imwatch instances (child JVMs, named as a StatefulSet names them, one standby replica
 * each) share a 6-partition input. While a session-close spike is firing, the instance that judges
 * the spiking series is SIGKILLed: the survivors take all its tasks, the alert neither fires again
 * nor is lost (it resolves once, after the spike), every input lands in exactly one output and the
 * windowed counts add up exactly. Then the killed instance comes back under its name and gets
 * tasks again. Prints the recovery times (BENCHMARKS.md, "Scale out and recovery").
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ScaleOutIT {

    private static final int PARTITIONS = 6;
    private static final int RATE = 400;
    private static final int SPIKE_RATE = 80;
    private static final String RULE = "SessionCloseSpike";
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
    void shouldMoveAKilledInstancesWorkToTheOthersAndBackWithoutLossDuplicatesOrASecondAlert() throws Exception {
        String prefix = "scale-" + System.nanoTime();
        String bootstrap = kafka.bootstrapServers();
        String input = prefix + ".logs";
        KafkaTestSupport.createTopics(bootstrap, PARTITIONS, input);
        List<String> outputs =
                List.of(prefix + ".enriched", prefix + ".unknown", prefix + ".deadletter", prefix + ".nocode");
        Map<String, String> common = new HashMap<>(Map.of(
                "application.id",
                prefix,
                "bootstrap.servers",
                bootstrap,
                "input.topics",
                input,
                "nocode.forward",
                "true",
                "topic.enriched",
                outputs.get(0),
                "topic.unknown",
                outputs.get(1),
                "topic.deadletter",
                outputs.get(2),
                "topic.nocode",
                outputs.get(3),
                "topic.counts",
                prefix + ".counts",
                "topic.alerts",
                prefix + ".alerts"));
        common.putAll(Map.of(
                "summary.interval", "0s",
                "rocksdb.memory.mb", "64",
                "kafka.num.stream.threads", "1",
                "counts.window", "5s",
                // more than a fail-over takes: the moved partitions' records must not come in late
                "counts.grace", "20s",
                "alerts.evaluation.interval", "1s",
                // the broker's minimum: the dead member is noticed in seconds (production: README)
                "kafka.session.timeout.ms", "6000",
                "kafka.heartbeat.interval.ms", "1000"));
        // one log per instance, <name>.log, in this directory
        Path log = Files.createTempDirectory("imwatch-scale-");
        OutputChecks checks = new OutputChecks(bootstrap, log);
        List<String> names = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        Map<String, ImwatchProcess> instances = new HashMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Set<TopicPartition> sources = new HashSet<>();
            for (String topic : List.of(input, prefix + "-counts-repartition", prefix + "-alert-signals-repartition")) {
                for (int p = 0; p < PARTITIONS; p++) {
                    sources.add(new TopicPartition(topic, p));
                }
            }
            for (String name : names) {
                instances.put(name, start(common, name, log));
            }
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> instances.values().stream().allMatch(ImwatchProcess::isReady)
                            && owners(admin, prefix, names).keySet().containsAll(names));

            try (PacedTraffic traffic = new PacedTraffic(bootstrap, input, RATE, SPIKE_RATE)) {
                // the detector learns a baseline first (warmupWindows: 5 windows of 5 s)
                await().atMost(Duration.ofMinutes(2)).until(() -> traffic.produced() >= RATE * 35);
                traffic.spike(true);
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> !transitions(prefix).isEmpty());
                AlertEvent firing = transitions(prefix).get(0);
                assertThat(firing.isFiring()).isTrue();

                // the instance whose task judges the spiking series
                String seriesKey = RULE + "|" + firing.labels().get("vendor") + "|"
                        + firing.labels().get("reason");
                TopicPartition judge = new TopicPartition(
                        prefix + "-alert-signals-repartition",
                        Utils.toPositive(Utils.murmur2(seriesKey.getBytes(StandardCharsets.UTF_8))) % PARTITIONS);
                String victim = owners(admin, prefix, names).entrySet().stream()
                        .filter(e -> e.getValue().contains(judge))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElseThrow();
                Path victimLog = log.resolve(victim + ".log");
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .alias(String.format(
                                "the instance about to be killed judges the spiking series (%s, partition %s): if"
                                        + " the series key or its partitioning changed, update seriesKey",
                                seriesKey, judge))
                        .until(() -> Files.readString(victimLog)
                                .contains("alert firing " + RULE + " {vendor=turms, reason=HEARTBEAT_TIMEOUT}"));
                int producedAtKill = traffic.produced();
                long killed = System.nanoTime();
                instances.remove(victim).kill();

                List<String> survivors =
                        names.stream().filter(n -> !n.equals(victim)).toList();
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            Map<String, Set<TopicPartition>> owners = owners(admin, prefix, names);
                            return !owners.containsKey(victim)
                                    && owners.values().stream()
                                            .flatMap(Set::stream)
                                            .collect(Collectors.toSet())
                                            .containsAll(sources);
                        });
                double takeover = seconds(killed);
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> inputLag(admin, prefix, input) < RATE);
                double caughtUp = seconds(killed);
                assertThat(transitions(prefix)).as("one alert (log: %s)", log).hasSize(1);

                // the spike goes on a while under the survivors, then stops
                await().atMost(Duration.ofMinutes(1)).until(() -> traffic.produced() >= producedAtKill + RATE * 10);
                traffic.spike(false);

                long restarted = System.nanoTime();
                ImwatchProcess back = start(common, victim, log);
                instances.put(victim, back);
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(250))
                        .until(back::isReady);
                double ready = seconds(restarted);
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> !owners(admin, prefix, names)
                                .getOrDefault(victim, Set.of())
                                .isEmpty());
                double rebalancedBack = seconds(restarted);
                System.out.printf(
                        "ScaleOutIT: 3 instances, %d partitions, %d rec/s, standbys 1, static members, session 6 s:"
                                + " SIGKILL -> survivors own every partition %.1f s, -> input lag < 1 s of input %.1f s;"
                                + " restart -> RUNNING %.1f s, -> owns partitions again %.1f s; survivors %s%n",
                        PARTITIONS, RATE, takeover, caughtUp, ready, rebalancedBack, survivors);

                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> transitions(prefix).size() >= 2);
            }
            List<AlertEvent> transitions = transitions(prefix);
            assertThat(transitions)
                    .as("fired once, resolved once, across two moves of its task (log: %s)", log)
                    .extracting(AlertEvent::status)
                    .containsExactly(AlertEvent.FIRING, AlertEvent.RESOLVED);
            assertThat(transitions.get(1).startsAt())
                    .as("the same alert resolves")
                    .isEqualTo(transitions.get(0).startsAt());

            int produced = inputCount(admin, input);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> checks.committedCount(outputs) >= produced);
            checks.assertEveryInputOnce(outputs, produced);
            checks.assertCountsAreExact(prefix + ".counts", outputs.subList(0, 2));
        } finally {
            instances.values().forEach(ImwatchProcess::close);
        }
    }

    private static ImwatchProcess start(Map<String, String> common, String name, Path logs) throws Exception {
        Map<String, String> settings = new HashMap<>(common);
        settings.put("instance.id", name);
        settings.put("state.dir", kafka.scratchDir(name + "-state").toString());
        return ImwatchProcess.start(settings, logs.resolve(name + ".log"));
    }

    /** The SessionCloseSpike transitions of the spiking series, in the order written. */
    private static List<AlertEvent> transitions(String prefix) {
        return KafkaTestSupport.readCommitted(kafka.bootstrapServers(), prefix + ".alerts").stream()
                .map(r -> AlertJson.read(r.value()))
                .filter(a -> RULE.equals(a.labels().get("alertname"))
                        && "turms".equals(a.labels().get("vendor"))
                        && "HEARTBEAT_TIMEOUT".equals(a.labels().get("reason")))
                .toList();
    }

    /**
     * Instance name → the partitions its stream threads consume (active tasks), from the group's
     * assignment once it is stable; Kafka Streams names each thread's member {@code <instance.id>-<n>}.
     */
    private static Map<String, Set<TopicPartition>> owners(Admin admin, String group, List<String> names)
            throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get(10, TimeUnit.SECONDS);
        if (description.groupState() != GroupState.STABLE) {
            return Map.of();
        }
        Map<String, Set<TopicPartition>> owners = new HashMap<>();
        for (MemberDescription member : description.members()) {
            String instance = member.groupInstanceId().orElse("");
            names.stream()
                    .filter(n -> instance.startsWith(n + "-"))
                    .findFirst()
                    .ifPresent(n -> owners.computeIfAbsent(n, k -> new HashSet<>())
                            .addAll(member.assignment().topicPartitions()));
        }
        owners.values().removeIf(Set::isEmpty);
        return owners;
    }

    /** Input records not yet committed by the group. */
    private static long inputLag(Admin admin, String group, String input) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            TopicPartition tp = new TopicPartition(input, p);
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                    .partitionResult(tp)
                    .get(10, TimeUnit.SECONDS)
                    .offset();
            OffsetAndMetadata at = committed.get(tp);
            lag += end - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    private static int inputCount(Admin admin, String input) throws Exception {
        long total = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            TopicPartition tp = new TopicPartition(input, p);
            total += admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                    .partitionResult(tp)
                    .get(10, TimeUnit.SECONDS)
                    .offset();
        }
        return Math.toIntExact(total);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
