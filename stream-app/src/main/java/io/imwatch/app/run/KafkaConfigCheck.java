package io.imwatch.app.run;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.app.config.ConfigSources;
import io.imwatch.app.config.ImwatchConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.ClientDnsLookup;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka's own checks of the whole configuration imwatch would run Kafka Streams with, done before
 * anything starts: Kafka Streams' config and each of its clients' configs are built the way Kafka
 * Streams builds them, so a value or combination Kafka refuses (say {@code kafka.num.stream.threads=abc},
 * or exactly-once with idempotence off) stops imwatch with one line instead of a stack trace after the
 * broker has started. Single {@code kafka.*} values are also checked in {@link ConfigSources#build()},
 * which knows where each came from; this adds the checks across keys.
 */
final class KafkaConfigCheck {

    private static final Pattern KEY = Pattern.compile("for configuration ([^\\s:]+)");
    private static final String CHECK_ID = "imwatch-config-check";

    private KafkaConfigCheck() {}

    /**
     * @param streamsProperties what Kafka Streams would be given
     * @throws ConfigProblem naming the setting, where it came from and the fix
     */
    static void check(Properties streamsProperties, ImwatchConfig config, ConfigSources sources) {
        if (!config.isEmbedded()) {
            checkBootstrapServers(config, sources);
        }
        try {
            StreamsConfig streams = new StreamsConfig(streamsProperties);
            consumer(streams.getMainConsumerConfigs(CHECK_ID, CHECK_ID, 0));
            consumer(streams.getRestoreConsumerConfigs(CHECK_ID));
            consumer(streams.getGlobalConsumerConfigs(CHECK_ID));
            Map<String, Object> producer = new HashMap<>(streams.getProducerConfigs(CHECK_ID));
            // Kafka Streams gives its clients byte-array serdes itself
            producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            new ProducerConfig(producer);
            new AdminClientConfig(streams.getAdminConfigs(CHECK_ID));
        } catch (ConfigException | IllegalArgumentException e) {
            // Kafka Streams throws IllegalArgumentException for some combinations (transaction timeout)
            throw new ConfigProblem("invalid Kafka configuration: " + e.getMessage() + where(e, config, sources), e);
        }
    }

    private static void consumer(Map<String, Object> configs) {
        Map<String, Object> consumer = new HashMap<>(configs);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        new ConsumerConfig(consumer);
    }

    private static void checkBootstrapServers(ImwatchConfig config, ConfigSources sources) {
        String servers = config.getString(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG);
        try {
            ClientUtils.parseAndValidateAddresses(
                    Arrays.stream(servers.split(",")).map(String::strip).toList(), ClientDnsLookup.USE_ALL_DNS_IPS);
        } catch (ConfigException e) {
            throw new ConfigProblem(
                    ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG + "=" + servers + " (from "
                            + sources.origin(ImwatchConfig.BOOTSTRAP_SERVERS_CONFIG) + "): " + e.getMessage()
                            + "; give the host:port of one or more reachable Kafka brokers, e.g. --bootstrap-servers kafka:9092",
                    e);
        }
    }

    /** " (kafka.x set by ...; fix it there)" for the kafka.* key the message names, if the user set one. */
    private static String where(RuntimeException e, ImwatchConfig config, ConfigSources sources) {
        Matcher m = KEY.matcher(String.valueOf(e.getMessage()));
        Optional<String> userKey = Optional.empty();
        if (m.find()) {
            String name = m.group(1);
            userKey = config.kafkaPassThrough().keySet().stream()
                    .filter(k -> k.equals(name) || k.endsWith("." + name))
                    .findFirst()
                    .map(k -> ImwatchConfig.KAFKA_PREFIX + k);
        }
        return userKey.map(k -> " (" + k + " set by " + sources.origin(k) + "; fix it there)")
                .orElse(" (check the kafka.* settings: " + kafkaKeys(config.kafkaPassThrough()) + ")");
    }

    private static String kafkaKeys(Map<String, Object> kafka) {
        return kafka.isEmpty()
                ? "none set"
                : String.join(
                        ", ",
                        kafka.keySet().stream()
                                .map(k -> ImwatchConfig.KAFKA_PREFIX + k)
                                .sorted()
                                .toList());
    }
}
