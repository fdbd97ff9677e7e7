package io.imwatch.classify.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a rule regex for {@link Matcher#find()} so that the search skips ahead where it can.
 *
 * <p>{@code java.util.regex} finds a leading literal with Boyer-Moore, skipping most of a line, but
 * tries a leading lookbehind at every position. A regex that starts with a one-character negative
 * lookbehind and then a word, such as {@code (?<![A-Za-z_])code\s*[=:]...}, is therefore compiled
 * as {@code code(?<![A-Za-z_]code)\s*[=:]...}: both match exactly when the word is at the
 * position and the character before it (if any) is not in the class, so they find the same
 * matches with the same groups. Any other regex is compiled as written.
 */
final class SearchPatterns {

    /**
     * {@code (?<![...])} with a plain class (no nesting, escapes or intersections) and then a word
     * of four or more characters (Boyer-Moore's minimum) that no quantifier applies to.
     */
    private static final Pattern LOOKBEHIND_THEN_WORD =
            Pattern.compile("\\(\\?<!(\\[(?!\\^?\\])[^\\[\\]\\\\&]+\\])\\)([A-Za-z0-9_]{4,})(?![?*+{])");

    private SearchPatterns() {}

    /**
     * @throws java.util.regex.PatternSyntaxException if {@code regex} is not a valid regex
     */
    static Pattern compile(String regex) {
        Pattern asWritten = Pattern.compile(regex);
        Matcher m = LOOKBEHIND_THEN_WORD.matcher(regex);
        if (!m.lookingAt()) {
            return asWritten;
        }
        String characterClass = m.group(1);
        String word = m.group(2);
        return Pattern.compile(word + "(?<!" + characterClass + word + ")" + regex.substring(m.end()));
    }
}
