package io.imwatch.classify.rules;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Map;

/**
 * Reads the named groups {@code code}, {@code minor}, {@code name} and {@code version} of one
 * rule regex's matches; a group the regex does not declare, or that took no part in the match,
 * reads as {@code null}. Immutable.
 */
final class CodeGroups {

    static final int CODE = 0;
    static final int MINOR = 1;
    static final int NAME = 2;
    static final int VERSION = 3;

    /** The group names rules may declare, indexed by the constants above. */
    static final List<String> NAMES = List.of("code", "minor", "name", "version");

    /** The pattern's group number of each of {@link #NAMES}, or -1 when it lacks the group. */
    private final int[] numbers;

    CodeGroups(Pattern pattern) {
        Map<String, Integer> declared = pattern.namedGroups();
        numbers = NAMES.stream().mapToInt(n -> declared.getOrDefault(n, -1)).toArray();
    }

    /** The text of {@code group} in {@code m}'s current match, or {@code null}. */
    String get(SearchPattern.Matches m, int group) {
        int number = numbers[group];
        return number < 0 ? null : m.group(number);
    }
}
