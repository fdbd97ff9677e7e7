package io.imwatch.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SearchPatternsTest {

    @Test
    void shouldMoveALeadingLookbehindBehindTheWordThatFollowsIt() {
        assertThat(SearchPatterns.compile("(?<![A-Za-z_])code\\s*[=:]\\s*(?<code>\\d{6})\\b")
                        .pattern())
                .isEqualTo("code(?<![A-Za-z_]code)\\s*[=:]\\s*(?<code>\\d{6})\\b");
        assertThat(SearchPatterns.compile("(?<![^0-9])codes?x").pattern()).isEqualTo("code(?<![^0-9]code)s?x");
    }

    @Test
    void shouldCompileOtherRegexesAsWritten() {
        for (String regex : List.of(
                "(?<![A-Za-z_])(?:code|errorCode|error_code)\\s*[=:]\\s*(?<code>-?\\d{1,9})\\b", // no plain word
                "(?<![A-Za-z_])cod=(?<code>\\d+)", // word shorter than Boyer-Moore's minimum
                "(?<![\\w])code=(?<code>\\d+)", // escape in the class
                "(?<=[A-Za-z_])code=(?<code>\\d+)", // positive lookbehind
                "x(?<![A-Za-z_])code=(?<code>\\d+)", // not leading
                "(?i)(?<![a-z])code=(?<code>\\d+)")) { // flags first
            assertThat(SearchPatterns.compile(regex).pattern()).isEqualTo(regex);
        }
    }

    @Test
    void shouldFindTheSameMatchesAsTheRegexAsWritten() {
        List<String> regexes = List.of(
                "(?<![A-Za-z_])code\\s*[=:]\\s*(?<code>\\d{6})\\b",
                "(?<![A-Za-z_])code\\s*[=:]\\s*(?<code>\\d{1,3})|(?<name>_c)",
                "(?<![^ ])codes?=(?<code>\\d+)",
                "(?<![cdo])codee+(?<code>\\d)?");
        String alphabet = "code_Cs= :1234567890\"x";
        Random random = new Random(7);
        int found = 0;
        for (String regex : regexes) {
            Pattern asWritten = Pattern.compile(regex);
            Pattern compiled = SearchPatterns.compile(regex);
            assertThat(compiled.pattern()).isNotEqualTo(regex);
            for (int n = 0; n < 30_000; n++) {
                StringBuilder line = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    line.append(
                            random.nextInt(4) == 0
                                    ? "code"
                                    : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
                }
                List<String> expected = matches(asWritten, line);
                assertThat(matches(compiled, line)).as("%s on %s", regex, line).isEqualTo(expected);
                found += expected.size();
            }
        }
        assertThat(found).as("lines that match at all").isGreaterThan(10_000);
    }

    private static List<String> matches(Pattern pattern, CharSequence line) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(line);
        while (m.find()) {
            StringBuilder found =
                    new StringBuilder().append(m.start()).append('-').append(m.end());
            for (int g = 1; g <= m.groupCount(); g++) {
                found.append('|').append(m.group(g));
            }
            out.add(found.toString());
        }
        return out;
    }
}
