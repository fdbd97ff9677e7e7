package io.imwatch.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The required-literal prefilter and the bounded backtracker change no match: every built-in rule
 * regex, searched with both and with neither (RE2/J's matcher alone), finds the same matches
 * (positions and every group) on the sample files, on lines built from the rules' own words, and on
 * long and adversarial lines.
 */
class PrefilterSamenessTest {

    /** The built-in rule files' regexes: {@code regex: '...'} and {@code pattern: '...'} (YAML single quotes). */
    private static List<String> builtinRegexes() throws IOException {
        java.util.regex.Pattern quoted = java.util.regex.Pattern.compile("(?:regex|pattern): '((?:[^']|'')*)'");
        List<String> regexes = new ArrayList<>();
        for (String name : RuleSet.BUILTIN_FILES) {
            try (InputStream in = RuleSet.class.getResourceAsStream("/io/imwatch/classify/rules/" + name + ".yaml")) {
                String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                java.util.regex.Matcher m = quoted.matcher(yaml);
                while (m.find()) {
                    regexes.add(m.group(1).replace("''", "'"));
                }
            }
        }
        return regexes;
    }

    private static final List<String> TRICKY = List.of(
            "(?:abc|xbc)+d=(?<code>\\d+)",
            "a(?:bc)?defg(?<code>\\d*)",
            "[a-z]{2}x\\.yz(?<code>\\d?)",
            "(?:code|type)=(?<code>\\d+)",
            "\\bMA\\s+(?<code>\\d+)",
            "(?:^|[^ ])codes?=(?<code>\\d+)",
            ".{0,3}ode(?<code>\\d)",
            "(?:é|ü)ode(?<code>.)",
            "[^\"]{1,2}\"e(?<code>\\d)");

    private static final String[] WORDS = {
        "code",
        "errorCode",
        "error_code",
        "Code",
        "ode",
        "type",
        "MA",
        "MI",
        "majorCode",
        "minorCode",
        "responseCode=",
        "responseMessage=",
        "\"code\"",
        "\"message\"",
        "\"error\"",
        "errCode",
        "\"errCode\"",
        "\\",
        "\"",
        ":",
        "=",
        ": ",
        "= ",
        " ",
        "  ",
        ",",
        "*",
        "-",
        "1",
        "42",
        "100001",
        "1234567890",
        "x",
        "_",
        "A",
        "é",
        "\uD83D\uDE00",
        "\t",
        "abc",
        "xbc",
        "d=",
        ".",
        "yz",
        "ü"
    };

    @Test
    void shouldFindTheSameMatchesOnTheSampleFiles() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String file : List.of("events.log", "ecs-otel.log")) {
            lines.addAll(Files.readAllLines(Path.of("..", "samples", file)));
        }
        assertThat(lines).hasSizeGreaterThan(20);
        assertSame(builtinRegexes(), lines, 1);
    }

    @Test
    void shouldFindTheSameMatchesOnRandomLinesOfTheRulesWords() throws IOException {
        Random random = new Random(20_261_128L);
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 30_000; n++) {
            StringBuilder line = new StringBuilder();
            int words = random.nextInt(30);
            for (int i = 0; i < words; i++) {
                line.append(WORDS[random.nextInt(WORDS.length)]);
            }
            lines.add(line.toString());
        }
        List<String> regexes = new ArrayList<>(builtinRegexes());
        regexes.addAll(TRICKY);
        assertSame(regexes, lines, 5_000);
    }

    @Test
    void shouldFindTheSameMatchesOnLongAndAdversarialLines() throws IOException {
        List<String> lines = List.of(
                "x".repeat(100_000) + "code=1",
                "code".repeat(20_000),
                "code=1 ".repeat(10_000),
                "errorCode".repeat(10_000) + "=5",
                " MA 1 MI".repeat(10_000) + " 2",
                "\"error\": \"".repeat(5_000) + "12 Abc",
                "responseCode=1 responseMessage=".repeat(5_000),
                "majorCode:1,".repeat(10_000) + "minorCode:2",
                "\uD83D\uDE00ode1".repeat(10_000),
                "",
                "c",
                "ode");
        List<String> regexes = new ArrayList<>(builtinRegexes());
        regexes.addAll(TRICKY);
        assertSame(regexes, lines, 10);
    }

    @Test
    void shouldUseALiteralForTheRegexesRe2jCannotSkipIn() throws IOException {
        assertThat(builtinRegexes()).hasSize(12);
        SearchPattern generic = SearchPattern.of(
                Pattern.compile("(?:^|[^A-Za-z_])(?:code|errorCode|error_code)\\s*[=:]\\s*(?<code>-?\\d{1,9})\\b"));
        assertThat(generic.literal()).isEqualTo("ode");
        SearchPattern off = SearchPattern.of(
                Pattern.compile("(?:^|[^A-Za-z_])(?:code|errorCode|error_code)\\s*[=:]\\s*(?<code>-?\\d{1,9})\\b"),
                false,
                true);
        assertThat(off.literal()).isNull();
        // RE2/J skips to a leading literal itself: no second search for it.
        assertThat(SearchPattern.of(Pattern.compile("majorCode\\s*[:=]\\s*(?<code>\\d+)"))
                        .literal())
                .isNull();
    }

    private static void assertSame(List<String> regexes, List<String> lines, int minimumMatches) {
        int found = 0;
        for (String regex : regexes) {
            Pattern pattern = Pattern.compile(regex);
            SearchPattern with = SearchPattern.of(pattern, true, true);
            SearchPattern without = SearchPattern.of(pattern, false, false);
            for (String line : lines) {
                List<String> expected = matches(without, line);
                assertThat(matches(with, line))
                        .as("%s on %s", regex, abbreviate(line))
                        .isEqualTo(expected);
                // The searched regex leaves out a leading context: its ends and groups are the regex's as written.
                assertThat(expected.stream()
                                .map(PrefilterSamenessTest::withoutStart)
                                .toList())
                        .as("%s as written on %s", regex, abbreviate(line))
                        .isEqualTo(asWritten(pattern, line).stream()
                                .map(PrefilterSamenessTest::withoutStart)
                                .toList());
                found += expected.size();
            }
        }
        assertThat(found).as("matches found at all").isGreaterThanOrEqualTo(minimumMatches);
    }

    private static String withoutStart(String described) {
        return described.substring(described.indexOf('-'));
    }

    private static String abbreviate(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static List<String> matches(SearchPattern pattern, String line) {
        List<String> out = new ArrayList<>();
        SearchPattern.Matches matches = pattern.matches(line);
        while (matches.find()) {
            out.add(describe(matches));
        }
        return out;
    }

    private static List<String> asWritten(Pattern pattern, String line) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(line);
        while (m.find()) {
            out.add(describe(m));
        }
        return out;
    }

    private static String describe(SearchPattern.Matches m) {
        return describe(m.groupCount(), m::start, m::end, m::group);
    }

    private static String describe(Matcher m) {
        return describe(m.groupCount(), m::start, m::end, m::group);
    }

    /** "start-end|start-end:text|..." of a match and each of its groups (group 0 is the match). */
    private static String describe(
            int groups, IntUnaryOperator start, IntUnaryOperator end, IntFunction<String> group) {
        StringBuilder found =
                new StringBuilder().append(start.applyAsInt(0)).append('-').append(end.applyAsInt(0));
        for (int g = 1; g <= groups; g++) {
            found.append('|')
                    .append(start.applyAsInt(g))
                    .append('-')
                    .append(end.applyAsInt(g))
                    .append(':')
                    .append(group.apply(g));
        }
        return found.toString();
    }
}
