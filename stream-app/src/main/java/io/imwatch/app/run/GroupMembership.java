package io.imwatch.app.run;

import io.imwatch.app.config.ImwatchConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How this instance belongs to its consumer group ({@code instance.id}). A static member
 * ({@code group.instance.id}) that restarts after a crash replaces its ghost at once; a dynamic one
 * waits for the dead member's {@code session.timeout.ms} (45 s) and a second rebalance. A named
 * instance also keeps its place across a clean stop (a rolling restart moves no task); a derived
 * one leaves the group when it stops cleanly, because a derived name may never come back (a
 * Kubernetes Deployment's pod, a moved state directory) and its partitions would wait out the
 * session timeout.
 *
 * @param instanceId the group.instance.id to set, empty when none is to be set (dynamic, or set by
 *     {@code kafka.group.instance.id} itself)
 * @param staticMember whether the instance is a static member at all
 * @param leaveOnClose whether a clean stop leaves the group
 * @param description how the membership was chosen, for the log
 */
record GroupMembership(Optional<String> instanceId, boolean staticMember, boolean leaveOnClose, String description) {

    private static final int HASH_HEX_CHARS = 8;
    private static final int MAX_HOST_CHARS = 120;

    /**
     * @param stateDir the state directory Kafka Streams will lock (its lock makes host + directory
     *     unique among the running instances of one application id on a host)
     * @param environment the process environment, for {@code HOSTNAME}
     * @param localHost the host name when {@code HOSTNAME} is not set
     */
    static GroupMembership of(
            ImwatchConfig config, String stateDir, Map<String, String> environment, Supplier<String> localHost) {
        Map<String, Object> kafka = config.kafkaPassThrough();
        if (kafka.keySet().stream().anyMatch(GroupMembership::setsInstanceId)) {
            return new GroupMembership(
                    Optional.empty(),
                    true,
                    false,
                    "static, kafka.group.instance.id as set; stays in the group on stop");
        }
        String setting = config.getString(ImwatchConfig.INSTANCE_ID_CONFIG).strip();
        if (setting.equals(ImwatchConfig.INSTANCE_ID_NONE) || config.isEmbedded()) {
            return new GroupMembership(Optional.empty(), false, true, "dynamic; leaves the group on stop");
        }
        if (!setting.equals(ImwatchConfig.INSTANCE_ID_AUTO)) {
            return new GroupMembership(
                    Optional.of(setting),
                    true,
                    false,
                    "static as " + setting + " (instance.id); stays in the group on stop");
        }
        String derived = derive(host(environment, localHost), stateDir);
        return new GroupMembership(
                Optional.of(derived),
                true,
                true,
                "static as " + derived + " (instance.id=auto: host name + state.dir); leaves the group on stop");
    }

    static GroupMembership of(ImwatchConfig config, String stateDir) {
        return of(config, stateDir, System.getenv(), GroupMembership::localHostName);
    }

    /** Sets group.instance.id on {@code streamsProperties} if this membership chose one. */
    void applyTo(Properties streamsProperties) {
        instanceId.ifPresent(id -> streamsProperties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
    }

    private static boolean setsInstanceId(String kafkaKey) {
        return kafkaKey.equals(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                || kafkaKey.endsWith("consumer." + ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    /** {@code <host>-<8 hex digits of the state directory's absolute path>}, in the characters Kafka accepts. */
    static String derive(String host, String stateDir) {
        String safeHost = host.replaceAll("[^a-zA-Z0-9._-]", "_");
        if (safeHost.length() > MAX_HOST_CHARS) {
            safeHost = safeHost.substring(0, MAX_HOST_CHARS);
        }
        String dir = Path.of(stateDir).toAbsolutePath().normalize().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dir.getBytes(StandardCharsets.UTF_8));
            return safeHost + "-" + HexFormat.of().formatHex(digest).substring(0, HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String host(Map<String, String> environment, Supplier<String> localHost) {
        String host = environment.getOrDefault("HOSTNAME", "").strip();
        return host.isEmpty() ? localHost.get() : host;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
