package io.imwatch.app.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Durations as people write them in config: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT1M}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** A ConfigDef validator that names the key and shows the accepted forms. */
    public static final ConfigDef.Validator VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                parse(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "use a duration such as 500ms, 30s, 5m, 1h or PT1M");
            }
        }

        @Override
        public String toString() {
            return "duration: 500ms, 30s, 5m, 1h, PT1M";
        }
    };

    private Durations() {}

    /** A ConfigDef validator of durations from {@code min} to {@code max}, naming the key and the range. */
    public static ConfigDef.Validator between(Duration min, Duration max) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                VALIDATOR.ensureValid(name, value);
                Duration duration = parse(String.valueOf(value));
                if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
                    throw new ConfigException(name, value, "use a duration from " + format(min) + " to " + format(max));
                }
            }

            @Override
            public String toString() {
                return "duration from " + format(min) + " to " + format(max);
            }
        };
    }

    /** In the short form: {@code 500ms}, {@code 30s}, {@code 5m}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 && millis > 0 ? millis / 1000 + "s" : millis + "ms";
    }

    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 5m or PT1M", e);
        }
    }
}
