package io.imwatch.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SearchPatternTest {

    private static final List<String> WITH_CONTEXT = List.of(
            "(?:^|[^A-Za-z_])code\\s*[=:]\\s*(?<code>\\d{6})\\b",
            "(?:^|[^A-Za-z_])(?:code|errorCode|error_code)\\s*[=:]\\s*(?<code>-?\\d{1,9})\\b",
            "(?:^|[^ ])codes?=(?<code>\\d+)",
            "(?:^|[cdo])codee+(?<code>\\d)?",
            "(?:^|[=:])(?<code>\\d{1,3})(?<name>c?)",
            "\\bcode\\s*[=:]\\s*(?<code>\\d{1,3})",
            "\\btype\\s*[=:]\\s*(?<code>\\d+)(?:\\s+(?<name>[A-Z][A-Z0-9_]+))?");

    @Test
    void shouldFindTheSameMatchesWithTheSameGroupsAsTheRegexAsWritten() {
        String alphabet = "code_Cs= :1234567890\"xé";
        Random random = new Random(7);
        int found = 0;
        for (String regex : WITH_CONTEXT) {
            Pattern asWritten = Pattern.compile(regex);
            SearchPattern search = SearchPattern.of(asWritten);
            for (int n = 0; n < 20_000; n++) {
                StringBuilder line = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    int pick = random.nextInt(6);
                    line.append(
                            pick == 0
                                    ? "code"
                                    : pick == 1
                                            ? "type"
                                            : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
                }
                List<String> expected = asWritten(asWritten, line.toString());
                assertThat(searched(search, line.toString()))
                        .as("%s on %s", regex, line)
                        .isEqualTo(expected);
                found += expected.size();
            }
        }
        assertThat(found).as("matches found at all").isGreaterThan(10_000);
    }

    @Test
    void shouldSearchOtherRegexesAsWritten() {
        for (String regex : List.of(
                "(?:^|[^A-Za-z_])code=(?<code>\\d+)|x(?<name>y)", // top-level alternation
                "\\b(?:code|type)=(?<code>\\d+)", // no word character after \b
                "\\bc?ode=(?<code>\\d+)", // an optional one
                "(?i)(?:^|[^a-z])code=(?<code>\\d+)", // flags first
                "(?:^|[[:alpha:]])code=(?<code>\\d+)")) { // a named class
            SearchPattern search = SearchPattern.of(Pattern.compile(regex));
            assertThat(search.searchesAsWritten()).as(regex).isTrue();
        }
        assertThat(SearchPattern.of(Pattern.compile(WITH_CONTEXT.get(0))).searchesAsWritten())
                .isFalse();
    }

    private static List<String> asWritten(Pattern pattern, String line) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(line);
        while (m.find()) {
            out.add(groups(m));
        }
        return out;
    }

    private static List<String> searched(SearchPattern pattern, String line) {
        List<String> out = new ArrayList<>();
        SearchPattern.Matches matches = pattern.matches(line);
        while (matches.find()) {
            StringBuilder found = new StringBuilder().append(matches.end());
            for (int g = 1; g <= matches.groupCount(); g++) {
                found.append('|').append(matches.group(g));
            }
            out.add(found.toString());
        }
        return out;
    }

    private static String groups(Matcher m) {
        StringBuilder found = new StringBuilder().append(m.end());
        for (int g = 1; g <= m.groupCount(); g++) {
            found.append('|').append(m.group(g));
        }
        return found.toString();
    }
}
