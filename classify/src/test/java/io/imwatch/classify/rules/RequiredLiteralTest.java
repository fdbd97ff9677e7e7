package io.imwatch.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequiredLiteralTest {

    private static RequiredLiteral of(String regex) {
        return RequiredLiteral.of(regex);
    }

    @Test
    void shouldTakeTheLongestTopLevelRunOfPlainCharacters() {
        assertThat(of("majorCode\\s*[:=]\\s*(?<code>\\d+)")).isEqualTo(new RequiredLiteral("majorCode", 0));
        assertThat(of("MA\\s+(?<code>\\d+)\\s+MIN\\s+(?<minor>\\d+)"))
                .isEqualTo(new RequiredLiteral("MIN", -1)); // after \s+: no bound
        assertThat(of("[a-z]{2}x\\.yz")).isEqualTo(new RequiredLiteral("x.yz", 4)); // a class: up to 2 chars
        assertThat(of("\\btype=(?<code>\\d+)")).isEqualTo(new RequiredLiteral("type=", 0));
    }

    @Test
    void shouldTakeTheSuffixThatPlainAlternativesShare() {
        assertThat(of("(?:code|errorCode|error_code)\\s*[=:]\\s*(?<code>-?\\d{1,9})\\b"))
                .isEqualTo(new RequiredLiteral("ode", 7));
        assertThat(of("(?:ab|cb)c=")).isEqualTo(new RequiredLiteral("bc=", 1));
        assertThat(of("(?:abx|aby)\\d")).isEqualTo(new RequiredLiteral("ab", 0)); // the shared prefix
        assertThat(of("(?<name>abc)d")).isEqualTo(new RequiredLiteral("abcd", 0));
    }

    @Test
    void shouldLeaveOutWhatIsOptionalOrRepeated() {
        assertThat(of("abc?d")).isEqualTo(new RequiredLiteral("ab", 0));
        assertThat(of("ab*cd")).isEqualTo(new RequiredLiteral("cd", -1));
        assertThat(of("ab{0,3}cde")).isEqualTo(new RequiredLiteral("cde", 4));
        assertThat(of("ab+cd")).isEqualTo(new RequiredLiteral("ab", 0)); // b required once, run ends
        assertThat(of("a(?:bc)?defg")).isEqualTo(new RequiredLiteral("defg", 3));
        assertThat(of("(?:code)+x")).isEqualTo(new RequiredLiteral("code", 0));
        assertThat(of("x(?:code|coda)*yz")).isEqualTo(new RequiredLiteral("yz", -1));
        assertThat(of("abc??d")).isEqualTo(new RequiredLiteral("ab", 0)); // lazy
    }

    @Test
    void shouldReadEscapesAsTheCharactersTheyStandFor() {
        assertThat(of("\\\"error\\\"\\s*:")).isEqualTo(new RequiredLiteral("\"error\"", 0));
        assertThat(of("errCode\\\\?\"?\\s*[:=]")).isEqualTo(new RequiredLiteral("errCode", 0));
        assertThat(of("a\\.b\\[c\\]")).isEqualTo(new RequiredLiteral("a.b[c]", 0));
        assertThat(of("x[\\]a]yz")).isEqualTo(new RequiredLiteral("yz", 3)); // ] inside the class
    }

    @Test
    void shouldDeriveNothingWhenUnsure() {
        for (String regex : new String[] {
            "(?i)code=\\d+", // case-insensitive
            "a(?i:code)=", // flags in a group
            "\\Qcode\\E=\\d+", // quoted text
            "code=\\d+|type=\\d+", // top-level alternation
            "\\x41BC\\pL", // hex and property escapes
            "x{,3}", // RE2 reads it as text
            "[[:alpha:]]abc", // a named class
            "(?:a|b\\d)", // an alternative that is not plain, and nothing else
            "",
        }) {
            assertThat(of(regex)).as(regex).isEqualTo(RequiredLiteral.NONE);
        }
        assertThat(of("(?:code|type)=")).isEqualTo(new RequiredLiteral("e=", 3)); // the shared 'e'
        assertThat(of("(?:code|type|x)=")).isEqualTo(new RequiredLiteral("=", 4));
    }
}
