package io.imwatch.classify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imwatch.catalog.Catalog;
import io.imwatch.classify.event.MalformedEventException;
import io.imwatch.classify.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every built-in and example rule against inputs made to make a regex backtrack: long runs of each
 * character class and punctuation a pattern touches, near-misses of its literals, after prefixes
 * that match the start of the pattern ({@code majorCode=1} + spaces + {@code x}), growing up to
 * {@code max.event.bytes}. The time the classifier takes is compared with a linear scan of the same
 * bytes, never with a fixed time: it must stay under a generous multiple of the scan, and that
 * multiple must not grow with the input. The rules are read from their YAML as a user would write
 * them, so the test holds whatever the engine.
 */
class AdversarialInputTest {

    private static final Path EXAMPLES = Path.of("../deploy/examples/inhouse");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int SMALL = 1024;
    private static final int MEDIUM = 16 * 1024;
    /** Just under the limit, leaving room for the JSON around a payload's text. */
    private static final int LARGEST = Classifier.DEFAULT_MAX_EVENT_BYTES - 1024;

    /**
     * Classifier time over scan time that no input may reach. RE2's worst here is in the hundreds
     * (an NFA step per character for each regex a line reaches, against one add per character);
     * java.util.regex exceeds it by orders of magnitude on the first backtracking input.
     */
    private static final double MAX_RATIO = 20_000;

    /**
     * How much the ratio may grow from one size to the next, 16 or 64 times larger: about 1 for
     * linear time (up to 2 measured, as the text outgrows the CPU caches), 16 or more for quadratic.
     */
    private static final double MAX_GROWTH = 6;

    private static Classifier classifier;
    private static final Set<Family> families = new LinkedHashSet<>();
    private static long sink;

    /** A rule pattern, where it comes from, and how an event reaches it. */
    private record Target(
            String file,
            String rule,
            String vendor,
            String regex,
            List<String> contains,
            ObjectNode json,
            String path) {

        String name() {
            return file + " " + rule;
        }
    }

    /** One shape of adversarial input: a prefix, then a unit repeated to the size wanted, then "x". */
    private record Family(Target target, String prefix, String unit) {

        /** An event of about {@code size} bytes: a text line, or a JSON payload with the text at the rule's path. */
        byte[] input(int size) {
            String head = target.json == null ? String.join(" ", target.contains) + " " : "";
            int length = size;
            byte[] event = event(text(head, length));
            while (event.length > size) {
                // JSON escapes ('"', '\\', tab) made it longer: shorten the text in proportion
                length = (int) ((long) length * size / event.length) - 16;
                event = event(text(head, length));
            }
            return event;
        }

        private String text(String head, int length) {
            StringBuilder text = new StringBuilder(length + 64).append(head).append(prefix);
            while (text.length() < length - 1) {
                text.append(unit);
            }
            text.setLength(length - 1);
            return text.append('x').toString();
        }

        private byte[] event(String text) {
            if (target.json == null) {
                return text.getBytes(UTF_8);
            }
            ObjectNode payload = target.json.deepCopy();
            put(payload, target.path, text);
            try {
                return JSON.writeValueAsBytes(payload);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return target.name() + " with '" + prefix + "' + '" + unit + "'...";
        }
    }

    /** The classifier's time on an input of one size, over a linear scan's. */
    private record Ratio(int size, long classifierNanos, long scanNanos) {
        double value() {
            return (double) classifierNanos / Math.max(1, scanNanos);
        }

        @Override
        public String toString() {
            return "%d bytes: %.1f ms, %.0fx the scan".formatted(size, classifierNanos / 1e6, value());
        }
    }

    @BeforeAll
    static void loadEveryRule() throws IOException {
        Catalog catalog = Catalog.builder()
                .addBuiltins()
                .addFile(EXAMPLES.resolve("inhouse-catalog.yaml"))
                .build();
        RuleSet rules = RuleSet.builder()
                .addBuiltins()
                .addFile(EXAMPLES.resolve("inhouse-rules.yaml"))
                .build();
        // the test measures the engine: a budget must not end an event early
        classifier = new Classifier(catalog, rules, Classifier.DEFAULT_MAX_EVENT_BYTES, Duration.ofMinutes(10));
        List<Target> targets = new ArrayList<>();
        for (String name : RuleSet.BUILTIN_FILES) {
            try (InputStream in =
                    Classifier.class.getResourceAsStream("/io/imwatch/classify/rules/" + name + ".yaml")) {
                targets.addAll(targets(name + ".yaml", YAML.readTree(in)));
            }
        }
        targets.addAll(targets(
                "inhouse-rules.yaml", YAML.readTree(Files.readAllBytes(EXAMPLES.resolve("inhouse-rules.yaml")))));
        assertThat(targets).as("rule patterns found").hasSizeGreaterThanOrEqualTo(13);
        for (Target target : targets) {
            Set<String> prefixes = prefixes(target.regex);
            Set<String> units = units(target);
            // runs of blanks, digits and letters after every prefix; every unit alone and after all literals
            for (String prefix : prefixes) {
                for (String unit : List.of(" ", "\t", "1", "a", "A")) {
                    families.add(new Family(target, prefix, unit));
                }
            }
            for (String unit : units) {
                families.add(new Family(target, "", unit));
                families.add(new Family(target, allLiterals(target.regex), unit));
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void shouldClassifyEveryAdversarialInputInTimeLinearInItsLength() {
        families.forEach(f -> classify(f.input(SMALL), f.target.vendor));

        // every input at two sizes, 16 times apart; on a shared machine a slow moment is measured again later
        Map<String, Family> worstOfEachRule = new LinkedHashMap<>();
        Map<Family, Double> atMedium = new HashMap<>();
        List<Family> suspects = new ArrayList<>();
        for (Family family : families) {
            String slow = grows(family, 1, SMALL, MEDIUM);
            if (slow != null) {
                suspects.add(family);
                continue;
            }
            atMedium.put(family, measure(family, MEDIUM, 1).value());
            worstOfEachRule.merge(family.target.name(), family, (a, b) -> atMedium.get(a) >= atMedium.get(b) ? a : b);
        }
        List<String> failures = new ArrayList<>();
        for (Family family : suspects) {
            String slow = grows(family, 3, SMALL, MEDIUM);
            if (slow != null) {
                failures.add(slow);
            }
        }

        // up to the largest event: the worst input of each rule and the cases that froze java.util.regex
        List<Family> largest = new ArrayList<>(worstOfEachRule.values());
        largest.add(known("igap-client-verbose", "majorCode=1", " "));
        largest.add(known("jmessage-sdk-callback", "responseCode=1 responseMessage=", " "));
        for (Family family : largest) {
            String slow = grows(family, 1, SMALL, MEDIUM, LARGEST);
            if (slow != null) {
                slow = grows(family, 3, SMALL, MEDIUM, LARGEST);
            }
            if (slow != null) {
                failures.add(slow);
            }
        }
        assertThat(failures)
                .as("inputs whose classification time grows faster than their length, of %d tried", families.size())
                .isEmpty();
        assertThat(sink).isNotZero();
    }

    /**
     * Measures {@code family} at growing sizes, each the best of {@code tries}; stops at the first
     * size whose ratio to the scan is over {@link #MAX_RATIO} or grew over {@link #MAX_GROWTH}
     * times (a larger input could then take hours).
     *
     * @return {@code null} when the time grew linearly; else what was measured
     */
    private static String grows(Family family, int tries, int... sizes) {
        List<Ratio> ratios = new ArrayList<>();
        for (int size : sizes) {
            Ratio ratio = measure(family, size, tries);
            Ratio previous = ratios.isEmpty() ? ratio : ratios.get(ratios.size() - 1);
            ratios.add(ratio);
            if (ratio.value() > MAX_RATIO || ratio.value() > MAX_GROWTH * Math.max(previous.value(), 1.0)) {
                return family + ": " + ratios;
            }
        }
        if (sizes.length > 2) {
            System.out.printf("adversarial: %s: %s%n", family, ratios);
        }
        return null;
    }

    private static Family known(String rule, String prefix, String unit) {
        return families.stream()
                .filter(f -> f.target.rule.equals(rule))
                .findFirst()
                .map(f -> new Family(f.target, prefix, unit))
                .orElseThrow(() -> new AssertionError("no rule " + rule));
    }

    /** Best of {@code tries}: the machine may be busy with other work, never faster than the code. */
    private static Ratio measure(Family family, int size, int tries) {
        byte[] input = family.input(size);
        long best = Long.MAX_VALUE;
        long scan = Long.MAX_VALUE;
        for (int i = 0; i < tries; i++) {
            long start = System.nanoTime();
            classify(input, family.target.vendor);
            best = Math.min(best, System.nanoTime() - start);
            for (int j = 0; j < 3; j++) {
                start = System.nanoTime();
                sink += scan(input);
                scan = Math.min(scan, System.nanoTime() - start);
            }
        }
        return new Ratio(size, best, scan);
    }

    private static void classify(byte[] input, String vendor) {
        try {
            sink += classifier.classify(input, vendor, 0L).codes().size() + 1;
        } catch (MalformedEventException e) {
            throw new AssertionError("adversarial input not classified: " + e.getMessage(), e);
        }
    }

    /** The linear scan the classifier is compared with: decode the bytes and read each character once. */
    private static long scan(byte[] input) {
        String text = new String(input, UTF_8);
        long hash = 0;
        for (int i = 0; i < text.length(); i++) {
            hash = 31 * hash + text.charAt(i);
        }
        return hash;
    }

    private static List<Target> targets(String file, JsonNode root) {
        String vendor = root.path("vendor").isTextual() ? root.get("vendor").asText() : null;
        List<Target> out = new ArrayList<>();
        for (JsonNode rule : root.path("rules")) {
            String id = rule.get("id").asText();
            JsonNode text = rule.path("text");
            if (text.hasNonNull("regex")) {
                List<String> contains = new ArrayList<>();
                text.path("contains").forEach(c -> contains.add(c.asText()));
                out.add(new Target(file, id, vendor, text.get("regex").asText(), contains, null, null));
            }
            JsonNode json = rule.path("json");
            for (JsonNode code : json.path("codes")) {
                if (code.hasNonNull("pattern")) {
                    ObjectNode payload = JSON.createObjectNode();
                    json.path("when")
                            .properties()
                            .forEach(e -> put(
                                    payload,
                                    e.getKey(),
                                    e.getValue().path(0).asText(e.getValue().asText())));
                    json.path("require").forEach(r -> put(payload, r.asText(), "1"));
                    String path = code.get("path").asText();
                    out.add(new Target(
                            file,
                            id,
                            vendor,
                            code.get("pattern").asText(),
                            List.of(),
                            payload,
                            "*".equals(path) ? "text" : path));
                }
            }
        }
        return out;
    }

    private static void put(ObjectNode payload, String dottedPath, String value) {
        ObjectNode node = payload;
        String[] segments = dottedPath.split("\\.");
        for (int i = 0; i < segments.length - 1; i++) {
            node = node.withObjectProperty(segments[i]);
        }
        node.put(segments[segments.length - 1], value);
    }

    /**
     * What comes before the repeated unit: nothing; each literal of the pattern, then a separator
     * the pattern uses and a digit, as in {@code majorCode=1}; and all literals so, one after the
     * other, as in {@code responseCode=1 responseMessage=1}.
     */
    private static Set<String> prefixes(String regex) {
        Set<String> out = new LinkedHashSet<>();
        out.add("");
        for (String separator : separators(regex)) {
            StringBuilder all = new StringBuilder();
            for (String literal : literals(regex)) {
                String one = literal + separator + "1 ";
                out.add(one);
                all.append(one);
            }
            out.add(all.toString());
        }
        return out;
    }

    private static String allLiterals(String regex) {
        return String.join(separators(regex).get(0) + "1 ", literals(regex));
    }

    private static List<String> separators(String regex) {
        return List.of("", "=", ":", " : ", " ").stream()
                .filter(s -> s.isBlank() || regex.contains(s.strip()))
                .toList();
    }

    /**
     * What is repeated: space, a digit, a letter, each punctuation character the pattern names,
     * each literal of the pattern and each literal without its last character (near-misses).
     */
    private static Set<String> units(Target target) {
        Set<String> out = new LinkedHashSet<>(List.of(" ", "1", "a", "A", "\t"));
        target.regex
                .chars()
                .filter(c -> c < 128 && !Character.isLetterOrDigit(c) && c != ' ')
                .forEach(c -> out.add(String.valueOf((char) c)));
        List<String> literals = new ArrayList<>(literals(target.regex));
        literals.addAll(target.contains);
        for (String literal : literals) {
            out.add(literal + " ");
            if (literal.length() > 1) {
                out.add(literal.substring(0, literal.length() - 1));
            }
        }
        return out;
    }

    /** The runs of literal characters in a regex, in order: "majorCode", "minorCode", ... */
    static List<String> literals(String regex) {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char escaped = regex.charAt(++i);
                if (Character.isLetterOrDigit(escaped)) {
                    flush(run, out);
                } else {
                    run.append(escaped);
                }
            } else if (c == '[') {
                flush(run, out);
                for (i++; i < regex.length() && regex.charAt(i) != ']'; i++) {
                    if (regex.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '(') {
                flush(run, out);
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '?') {
                    int close = regex.charAt(i + 2) == ':' ? i + 2 : regex.indexOf('>', i);
                    i = close < 0 ? i : close;
                }
            } else if ("?*+{".indexOf(c) >= 0) {
                // the quantifier applies to the last character: it is not always there
                if (c != '+' && run.length() > 0) {
                    run.setLength(run.length() - 1);
                }
                flush(run, out);
                if (c == '{') {
                    i = Math.max(i, regex.indexOf('}', i));
                }
            } else if (")|^$.".indexOf(c) >= 0) {
                flush(run, out);
            } else {
                run.append(c);
            }
        }
        flush(run, out);
        return out;
    }

    private static void flush(StringBuilder run, List<String> out) {
        if (run.length() >= 2 && !out.contains(run.toString())) {
            out.add(run.toString());
        }
        run.setLength(0);
    }

    @Test
    void shouldFindTheLiteralsOfAPattern() {
        assertThat(literals(
                        "majorCode\\s*[:=]\\s*(?<code>\\d+)(?:\\s*\\*?\\s*,?\\s*minorCode\\s*[:=]\\s*(?<minor>\\d+))?"))
                .containsExactly("majorCode", "minorCode");
        assertThat(literals("responseCode=(?<code>-?\\d+)(?:\\s+responseMessage=(?<name>.*?))?\\s*$"))
                .containsExactly("responseCode=", "responseMessage=");
        assertThat(literals("GW-CLOSE reason=(?<code>\\d+)/(?<name>\\w+)")).containsExactly("GW-CLOSE reason=");
    }
}
