package com.google.re2j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backtracker finds what RE2/J's matcher finds: for each regex, text and start position, the
 * same match or none, the same bounds and the same groups as {@code find(from)} then
 * {@code start(g)}/{@code end(g)} — including where RE2/J's group pass sees an end of text one
 * char after the match.
 */
class BoundedBacktrackerTest {

    private static final List<String> REGEXES = List.of(
            "a",
            "ab*",
            "a*",
            "(?<x>a*?)b",
            "(a|ab)(c|bcd)(d*)",
            "(?:a|b)*c",
            "x*",
            "(a+)(b+)?",
            "(a*)+$",
            "(?:(a)|b)+",
            "^a",
            "^$",
            "(?m)^b$",
            "a$",
            "\\bab\\b",
            "\\Bb",
            "a(?:b$)?",
            "x(?<code>\\d)(?:y$)?",
            "x(?<code>\\d)(?:y\\b)?",
            "(?i)AB(c)",
            "(?s)a.b",
            "a.b",
            "[^a]+",
            "\\d{1,3}(?:,\\d{3})*",
            "(?<code>\\d{1,6}) (?<name>[A-Za-z][A-Za-z0-9]*)",
            "\"e\"\\s*:\\s*\"(?:[^\"\\\\]*?(?:: |= ))?(?<code>\\d{1,6}) (?<name>[A-Za-z][A-Za-z0-9]*)",
            "r=(?<code>-?\\d+)(?:\\s+m=(?<name>.*?))?\\s*$",
            "(?:code|errorCode|error_code)\\s*[=:]\\s*(?<code>-?\\d{1,9})\\b",
            "\\x{1F600}+a",
            "[\\x{1F600}b]a",
            "(|a)+",
            "(a|)+b",
            "");

    /** Letters of the regexes above, digits, spaces, quotes, a newline, a non-ASCII letter and both halves of a pair. */
    private static final String[] ALPHABET = {
        "a",
        "b",
        "c",
        "d",
        "x",
        "y",
        "A",
        "B",
        "1",
        "23",
        " ",
        "  ",
        "\n",
        ",",
        ":",
        "=",
        ": ",
        "= ",
        "\"",
        "\"e\"",
        "\\",
        "r=",
        "m=",
        "code",
        "errorCode",
        "é",
        "\uD83D\uDE00",
        "\uD83D",
        "\uDE00",
        "_"
    };

    @Test
    void shouldFindWhatRe2jFindsForEveryStartOfRandomTexts() {
        Random random = new Random(20_261_128L);
        List<String> texts = new ArrayList<>(List.of("", "a", "ab", "x1y", "x1yz", "\uD83D\uDE00a", "a\uD83D"));
        for (int n = 0; n < 1_500; n++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(16);
            for (int i = 0; i < pieces; i++) {
                text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            texts.add(text.toString());
        }
        int matches = 0;
        for (String regex : REGEXES) {
            Pattern pattern = Pattern.compile(regex);
            BoundedBacktracker backtracker = BoundedBacktracker.of(pattern);
            assertThat(backtracker).as(regex).isNotNull();
            for (String text : texts) {
                for (int from = 0; from <= text.length(); from++) {
                    String expected = re2j(pattern, text, from);
                    assertThat(backtracked(backtracker, text, from))
                            .as("%s in \"%s\" from %d", regex, text, from)
                            .isEqualTo(expected);
                    matches += expected.equals("none") ? 0 : 1;
                }
            }
        }
        assertThat(matches).isGreaterThan(50_000);
    }

    @Test
    void shouldRefuseTextsTooLongForItsBitmap() {
        BoundedBacktracker backtracker = BoundedBacktracker.of(Pattern.compile("a(b)"));
        assertThat(backtracker.fits(400)).isTrue();
        assertThat(backtracker.fits(401)).isFalse();
        assertThatThrownBy(() -> backtracker.find("a".repeat(1_000_000), 0, new int[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldStayLinearOnTextsThatMakeABacktrackerExplode() {
        Pattern pattern = Pattern.compile("(a*)*(b*)*c");
        BoundedBacktracker backtracker = BoundedBacktracker.of(pattern);
        String text = "a".repeat(400);
        assertThat(backtracker.find(text, 0, new int[backtracker.captureLength()]))
                .isFalse();
    }

    private static String re2j(Pattern pattern, String text, int from) {
        Matcher m = pattern.matcher(text);
        if (!m.find(from)) {
            return "none";
        }
        StringBuilder found = new StringBuilder().append(m.start()).append('-').append(m.end());
        for (int g = 1; g <= m.groupCount(); g++) {
            found.append('|').append(m.start(g)).append('-').append(m.end(g));
        }
        return found.toString();
    }

    private static String backtracked(BoundedBacktracker backtracker, String text, int from) {
        int[] caps = new int[backtracker.captureLength()];
        if (!backtracker.find(text, from, caps)) {
            return "none";
        }
        StringBuilder found = new StringBuilder().append(caps[0]).append('-').append(caps[1]);
        for (int g = 1; g < caps.length / 2; g++) {
            found.append('|').append(caps[2 * g]).append('-').append(caps[2 * g + 1]);
        }
        return found.toString();
    }
}
