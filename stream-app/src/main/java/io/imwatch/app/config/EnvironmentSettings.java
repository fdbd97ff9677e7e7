package io.imwatch.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * imwatch settings read from {@code IMWATCH_*} environment variables, as a guest: a variable sets a
 * key only if imwatch knows the key ({@code IMWATCH_HTTP_PORT} → {@code http.port}) or Kafka Streams
 * or one of its clients does ({@code IMWATCH_KAFKA_SECURITY_PROTOCOL} →
 * {@code kafka.security.protocol}, see {@link KafkaKeys}). Every other variable is left alone, because
 * platforms put their own variables into a process: Kubernetes gives each pod
 * {@code IMWATCH_SERVICE_HOST}, {@code IMWATCH_PORT_8080_TCP}, ... for a Service named
 * {@code imwatch}, and {@code IMWATCH_KAFKA_SERVICE_HOST} for one named {@code imwatch-kafka}. A
 * variable one or two letters away from a known key gets a warning (a likely typo); service-link
 * variables and unrelated ones ({@code IMWATCH_HOME}) are ignored silently. Files and flags stay
 * strict ({@link ConfigSources#build()}). A pure function of the environment, for testing.
 */
public final class EnvironmentSettings {

    /** Environment variables starting with this may set imwatch keys. */
    public static final String PREFIX = "IMWATCH_";

    /** Kubernetes service links (and the Docker links they copy): SVC_SERVICE_HOST, SVC_PORT_8080_TCP_ADDR, ... */
    private static final Pattern SERVICE_LINK = Pattern.compile(
            "[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_\\d+_(TCP|UDP|SCTP)(_(ADDR|PORT|PROTO))?)");

    /** SVC_PORT=tcp://10.0.0.11:8080: the name alone could be a key ending in .port, the value cannot. */
    private static final Pattern LINK_URL = Pattern.compile("(tcp|udp|sctp)://.*");

    /**
     * One variable that sets a key.
     *
     * @param variable the environment variable, e.g. {@code IMWATCH_HTTP_PORT}
     * @param key the imwatch key it sets, e.g. {@code http.port}
     * @param value its value
     */
    public record Setting(String variable, String key, String value) {}

    private final List<Setting> settings;
    private final List<String> warnings;
    private final List<String> ignored;

    private EnvironmentSettings(List<Setting> settings, List<String> warnings, List<String> ignored) {
        this.settings = List.copyOf(settings);
        this.warnings = List.copyOf(warnings);
        this.ignored = List.copyOf(ignored);
    }

    /** Reads the {@code IMWATCH_*} variables of {@code environment} (e.g. {@code System.getenv()}). */
    public static EnvironmentSettings read(Map<String, String> environment) {
        List<Setting> settings = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        // sorted: the same environment always gives the same settings and messages
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (!variable.startsWith(PREFIX) || variable.length() == PREFIX.length()) {
                return;
            }
            String key = keyOf(variable);
            if (isServiceLink(variable, value)) {
                ignored.add(variable);
            } else if (isKnown(key)) {
                settings.add(new Setting(variable, key, value));
            } else {
                Optional<String> near = nearestKnown(key);
                near.ifPresentOrElse(
                        k -> warnings.add("ignoring environment variable " + variable
                                + ": not an imwatch setting; did you mean " + variableOf(k) + " (" + k + ")?"),
                        () -> ignored.add(variable));
            }
        });
        return new EnvironmentSettings(settings, warnings, ignored);
    }

    /** {@code IMWATCH_KAFKA_SECURITY_PROTOCOL} → {@code kafka.security.protocol}. */
    static String keyOf(String variable) {
        return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** {@code http.port} → {@code IMWATCH_HTTP_PORT}. */
    public static String variableOf(String key) {
        return PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static boolean isServiceLink(String variable, String value) {
        return SERVICE_LINK.matcher(variable).matches()
                || (variable.endsWith("_PORT") && LINK_URL.matcher(value).matches());
    }

    private static boolean isKnown(String key) {
        if (key.startsWith(ImwatchConfig.KAFKA_PREFIX)) {
            return KafkaKeys.isKnown(key.substring(ImwatchConfig.KAFKA_PREFIX.length()));
        }
        return ImwatchConfig.DEFINITION.names().contains(key);
    }

    private static Optional<String> nearestKnown(String key) {
        if (key.startsWith(ImwatchConfig.KAFKA_PREFIX)) {
            return KafkaKeys.closest(key.substring(ImwatchConfig.KAFKA_PREFIX.length()))
                    .map(k -> ImwatchConfig.KAFKA_PREFIX + k);
        }
        return Suggestions.closest(key, ImwatchConfig.DEFINITION.names());
    }

    /** The variables that set keys, in name order. */
    public List<Setting> settings() {
        return settings;
    }

    /** Key → value of {@link #settings()}. */
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        settings.forEach(s -> keys.put(s.key(), s.value()));
        return keys;
    }

    /** One line per ignored variable that looks like a misspelt key, naming the key it is near. */
    public List<String> warnings() {
        return warnings;
    }

    /** Variables ignored without a warning: service links, unrelated IMWATCH_* variables. */
    public List<String> ignored() {
        return ignored;
    }
}
