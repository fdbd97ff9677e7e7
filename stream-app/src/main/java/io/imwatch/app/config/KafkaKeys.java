package io.imwatch.app.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings Kafka Streams and its clients define, for imwatch's {@code kafka.*} keys (given here
 * without {@code kafka.}): which names exist, with Kafka Streams' client prefixes
 * ({@code consumer.}, {@code main.consumer.}, {@code producer.}, {@code admin.}, {@code topic.}, ...),
 * and whether a value passes Kafka's own {@link ConfigDef} parsing and validators.
 */
public final class KafkaKeys {

    private static final ConfigDef STREAMS = StreamsConfig.configDef();
    private static final ConfigDef CONSUMER = ConsumerConfig.configDef();
    private static final ConfigDef PRODUCER = ProducerConfig.configDef();
    private static final ConfigDef ADMIN = AdminClientConfig.configDef();

    /** Longest prefixes first, so that {@code main.consumer.x} is not read as {@code consumer.}-less. */
    private static final Map<String, List<ConfigDef>> PREFIXES = prefixes();

    private static final Set<String> TOPIC_NAMES = topicConfigNames();

    private KafkaKeys() {}

    private static Map<String, List<ConfigDef>> prefixes() {
        Map<String, List<ConfigDef>> p = new LinkedHashMap<>();
        p.put(StreamsConfig.MAIN_CONSUMER_PREFIX, List.of(CONSUMER));
        p.put(StreamsConfig.RESTORE_CONSUMER_PREFIX, List.of(CONSUMER));
        p.put(StreamsConfig.GLOBAL_CONSUMER_PREFIX, List.of(CONSUMER));
        p.put(StreamsConfig.CONSUMER_PREFIX, List.of(CONSUMER));
        p.put(StreamsConfig.PRODUCER_PREFIX, List.of(PRODUCER));
        p.put(StreamsConfig.ADMIN_CLIENT_PREFIX, List.of(ADMIN));
        p.put(StreamsConfig.TOPIC_PREFIX, List.of());
        p.put("", List.of(STREAMS, CONSUMER, PRODUCER, ADMIN));
        return p;
    }

    // TopicConfig has no ConfigDef of its own (the broker validates topic settings): its *_CONFIG names
    private static Set<String> topicConfigNames() {
        Set<String> names = new TreeSet<>();
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class
                    && field.getName().endsWith("_CONFIG")) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    /** Whether {@code key} (without {@code kafka.}) names a setting of Kafka Streams or one of its clients. */
    public static boolean isKnown(String key) {
        if (key.startsWith(StreamsConfig.CLIENT_TAG_PREFIX)
                && key.length() > StreamsConfig.CLIENT_TAG_PREFIX.length()) {
            return true;
        }
        String prefix = prefixOf(key);
        String name = key.substring(prefix.length());
        if (prefix.equals(StreamsConfig.TOPIC_PREFIX)) {
            return TOPIC_NAMES.contains(name);
        }
        return PREFIXES.get(prefix).stream().anyMatch(def -> def.names().contains(name));
    }

    /**
     * Checks {@code value} of {@code key} (without {@code kafka.}) with the {@link ConfigDef} of every
     * Kafka config class that defines it.
     *
     * @return why the value is invalid, or empty if it is valid or the key is not Kafka's
     */
    public static Optional<String> problem(String key, String value) {
        String prefix = prefixOf(key);
        String name = key.substring(prefix.length());
        for (ConfigDef def : PREFIXES.get(prefix)) {
            ConfigDef.ConfigKey definition = def.configKeys().get(name);
            if (definition == null) {
                continue;
            }
            try {
                Object parsed = ConfigDef.parseType(name, value, definition.type);
                if (definition.validator != null) {
                    definition.validator.ensureValid(name, parsed);
                }
            } catch (ConfigException e) {
                return Optional.of(reason(e.getMessage(), name));
            }
        }
        return Optional.empty();
    }

    /** The known key closest to {@code key} (without {@code kafka.}) within a small edit distance. */
    public static Optional<String> closest(String key) {
        String prefix = prefixOf(key);
        String name = key.substring(prefix.length());
        List<String> candidates = new ArrayList<>();
        if (prefix.equals(StreamsConfig.TOPIC_PREFIX)) {
            candidates.addAll(TOPIC_NAMES);
        }
        PREFIXES.get(prefix).forEach(def -> candidates.addAll(def.names()));
        return Suggestions.closest(name, candidates).map(c -> prefix + c);
    }

    private static String prefixOf(String key) {
        for (String prefix : PREFIXES.keySet()) {
            if (!prefix.isEmpty() && key.startsWith(prefix)) {
                return prefix;
            }
        }
        return "";
    }

    /** Kafka says "Invalid value abc for configuration x: Not a number of type INT"; keep the reason. */
    private static String reason(String message, String name) {
        String marker = "for configuration " + name + ":";
        int at = message == null ? -1 : message.indexOf(marker);
        return at < 0
                ? String.valueOf(message)
                : message.substring(at + marker.length()).strip();
    }
}
