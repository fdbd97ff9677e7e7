package io.imwatch.classify.redact;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to redact in the enriched, unknown and no-code outputs, validated. Built by the stream
 * configuration ({@code redact.*} keys) and by {@code imwatch classify}'s flags through
 * {@link #parse}, so both read the same syntax and apply the same redaction ({@link Redactor}).
 *
 * @param detectors built-in detectors to run on every string value and text line
 * @param fields dotted paths ({@code userID}, {@code data.token}, {@code *.phone}) whose values are
 *     always redacted: strings and numbers, anywhere below the path; arrays on the way are
 *     looked through
 * @param patterns RE2 regular expressions (linear-time, no backtracking); a match is redacted, or
 *     only its first group when the pattern has one
 * @param mode mask or keyed hash
 * @param hashKey the secret of {@link RedactMode#HASH} (at least {@value #MIN_KEY_LENGTH}
 *     characters); unused when masking
 */
public record RedactionPolicy(
        Set<Detector> detectors, List<String> fields, List<String> patterns, RedactMode mode, String hashKey) {

    /** The shortest hash key accepted. */
    public static final int MIN_KEY_LENGTH = 16;

    /** The most field paths (they are matched as a bit set). */
    public static final int MAX_FIELDS = 64;

    /** Credentials masked; e-mail, phone, IP, fields and patterns opt-in (README "Sensitive data"). */
    public static final RedactionPolicy DEFAULT =
            new RedactionPolicy(EnumSet.of(Detector.TOKEN), List.of(), List.of(), RedactMode.MASK, "");

    /** Nothing redacted. */
    public static final RedactionPolicy OFF =
            new RedactionPolicy(EnumSet.noneOf(Detector.class), List.of(), List.of(), RedactMode.MASK, "");

    /** The setting a problem is about, so that callers can name their key or flag. */
    public enum Setting {
        DETECTORS,
        FIELDS,
        PATTERNS,
        MODE,
        HASH_KEY
    }

    /** A setting that cannot be used; the message says why and how to fix it, without the key's name. */
    public static final class InvalidSettingException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final Setting setting;

        InvalidSettingException(Setting setting, String message) {
            super(message);
            this.setting = setting;
        }

        public Setting setting() {
            return setting;
        }
    }

    /**
     * @throws InvalidSettingException for a bad path, pattern or missing hash key
     */
    public RedactionPolicy {
        detectors = detectors.isEmpty() ? EnumSet.noneOf(Detector.class) : EnumSet.copyOf(detectors);
        fields = List.copyOf(fields);
        patterns = List.copyOf(patterns);
        Objects.requireNonNull(mode, "mode");
        hashKey = hashKey == null ? "" : hashKey;
        if (fields.size() > MAX_FIELDS) {
            throw new InvalidSettingException(
                    Setting.FIELDS, fields.size() + " field paths; at most " + MAX_FIELDS + " are supported");
        }
        for (String field : fields) {
            if (field.isEmpty() || field.startsWith(".") || field.endsWith(".") || field.contains("..")) {
                throw new InvalidSettingException(
                        Setting.FIELDS,
                        "'" + field + "' is not a field path; write keys joined by dots, e.g. data.token");
            }
        }
        for (String pattern : patterns) {
            compile(pattern);
        }
        if (mode == RedactMode.HASH && hashKey.length() < MIN_KEY_LENGTH) {
            throw new InvalidSettingException(
                    Setting.HASH_KEY,
                    (hashKey.isEmpty() ? "empty" : "shorter than " + MIN_KEY_LENGTH + " characters")
                            + ", but hash mode needs a secret key (an unkeyed hash of a phone number or user id"
                            + " can be reversed by trying them all): set one of at least " + MIN_KEY_LENGTH
                            + " characters, e.g. from `openssl rand -base64 32`, or use mask mode");
        }
    }

    /**
     * Reads settings as the configuration and the CLI write them.
     *
     * @param detectors comma-separated detector names, {@code all} or {@code none}
     * @param fields field paths
     * @param patterns RE2 patterns
     * @param mode {@code mask} or {@code hash}
     * @param hashKey the secret for hash mode, may be empty
     * @throws InvalidSettingException naming the setting at fault
     */
    public static RedactionPolicy parse(
            String detectors, List<String> fields, List<String> patterns, String mode, String hashKey) {
        Set<Detector> parsedDetectors;
        try {
            parsedDetectors = Detector.parseList(detectors);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(Setting.DETECTORS, e.getMessage());
        }
        RedactMode parsedMode;
        try {
            parsedMode = RedactMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(Setting.MODE, e.getMessage());
        }
        List<String> cleanFields =
                fields.stream().map(String::strip).filter(f -> !f.isEmpty()).toList();
        List<String> cleanPatterns = patterns.stream().filter(p -> !p.isBlank()).toList();
        return new RedactionPolicy(parsedDetectors, cleanFields, cleanPatterns, parsedMode, hashKey);
    }

    /** Whether nothing at all is redacted. */
    public boolean isOff() {
        return detectors.isEmpty() && fields.isEmpty() && patterns.isEmpty();
    }

    /**
     * Splits a comma-separated list of patterns: a comma inside {@code [...]}, {@code {...}} or
     * {@code (...)}, or escaped as {@code \,}, belongs to its pattern ({@code \d{3,5}},
     * {@code [,;]}).
     */
    public static List<String> splitPatterns(String list) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\\' && i + 1 < list.length()) {
                current.append(c).append(list.charAt(++i));
                continue;
            }
            if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '{' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ')') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        out.add(current.toString().strip());
        return out.stream().filter(p -> !p.isEmpty()).toList();
    }

    static Pattern compile(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidSettingException(
                    Setting.PATTERNS,
                    "'" + pattern + "' is not an RE2 pattern: " + e.getDescription()
                            + " (RE2 has no backreferences or lookaround; a comma outside [], {} or () is written \\,)");
        }
    }
}
