package io.imwatch.app.config;

import io.imwatch.classify.redact.RedactionPolicy;
import io.imwatch.classify.redact.Redactor;
import java.util.List;

/** The {@code redact.*} keys read into a {@link Redactor}; a problem names its key and where it was set. */
final class RedactionSettings {

    private RedactionSettings() {}

    static Redactor redactor(ImwatchConfig config, ConfigSources sources, List<String> problems) {
        try {
            return Redactor.of(RedactionPolicy.parse(
                    config.getString(ImwatchConfig.REDACT_DETECTORS_CONFIG),
                    config.nonBlankList(ImwatchConfig.REDACT_FIELDS_CONFIG),
                    RedactionPolicy.splitPatterns(config.getString(ImwatchConfig.REDACT_PATTERNS_CONFIG)),
                    config.getString(ImwatchConfig.REDACT_MODE_CONFIG),
                    config.getPassword(ImwatchConfig.REDACT_HASH_KEY_CONFIG).value()));
        } catch (RedactionPolicy.InvalidSettingException e) {
            String key = key(e.setting());
            problems.add(key + " (from " + sources.origin(key) + "): " + e.getMessage());
            return Redactor.OFF;
        }
    }

    private static String key(RedactionPolicy.Setting setting) {
        return switch (setting) {
            case DETECTORS -> ImwatchConfig.REDACT_DETECTORS_CONFIG;
            case FIELDS -> ImwatchConfig.REDACT_FIELDS_CONFIG;
            case PATTERNS -> ImwatchConfig.REDACT_PATTERNS_CONFIG;
            case MODE -> ImwatchConfig.REDACT_MODE_CONFIG;
            case HASH_KEY -> ImwatchConfig.REDACT_HASH_KEY_CONFIG;
        };
    }
}
