package io.imwatch.app.cli;

import io.imwatch.app.config.ConfigProblem;
import io.imwatch.classify.redact.RedactionPolicy;
import io.imwatch.classify.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code classify}'s redaction flags: the same settings as the {@code redact.*} keys, read by the
 * same {@link RedactionPolicy#parse}, so the CLI and the stream write the same records.
 */
public final class RedactOptions {

    /** The environment variable holding the hash key, as for {@code run} ({@code redact.hash.key}). */
    static final String HASH_KEY_VARIABLE = "IMWATCH_REDACT_HASH_KEY";

    @Option(
            names = "--redact",
            paramLabel = "DETECTORS",
            defaultValue = "token",
            description = "Detectors to redact, comma-separated: token, email, phone, ipv4, ipv6, ip, all, none"
                    + " (default: ${DEFAULT-VALUE}). Error records keep the line as read.")
    String detectors;

    @Option(
            names = "--redact-field",
            paramLabel = "PATH",
            split = ",",
            description = "Field path whose values are always redacted, e.g. userID or data.token (repeatable).")
    List<String> fields = new ArrayList<>();

    @Option(
            names = "--redact-pattern",
            paramLabel = "RE2",
            description = "RE2 pattern whose matches (or first group) are redacted (repeatable).")
    List<String> patterns = new ArrayList<>();

    @Option(
            names = "--redact-mode",
            paramLabel = "MODE",
            defaultValue = "mask",
            description = "mask ([email]) or hash ([email:<keyed hash>]) (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "--redact-hash-key-file",
            paramLabel = "FILE",
            description = "File holding the hash key (default: the " + HASH_KEY_VARIABLE + " variable).")
    Path hashKeyFile;

    /**
     * @throws ConfigProblem naming the flag and the fix
     */
    Redactor redactor(Map<String, String> environment) {
        String key = environment.getOrDefault(HASH_KEY_VARIABLE, "");
        if (hashKeyFile != null) {
            try {
                key = Files.readString(hashKeyFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigProblem(
                        "--redact-hash-key-file " + hashKeyFile + ": cannot read it (" + e.getMessage()
                                + "); give a readable file holding the key",
                        e);
            }
        }
        try {
            return Redactor.of(RedactionPolicy.parse(detectors, fields, patterns, mode, key));
        } catch (RedactionPolicy.InvalidSettingException e) {
            String flag = switch (e.setting()) {
                case DETECTORS -> "--redact";
                case FIELDS -> "--redact-field";
                case PATTERNS -> "--redact-pattern";
                case MODE -> "--redact-mode";
                case HASH_KEY -> "the hash key (--redact-hash-key-file or " + HASH_KEY_VARIABLE + ")";
            };
            throw new ConfigProblem(flag + ": " + e.getMessage(), e);
        }
    }
}
