package io.imwatch.classify.rules;

import java.util.regex.Matcher;

/**
 * Reads the named groups {@code code}, {@code minor}, {@code name} and {@code version} of one
 * rule regex's matches; a group the regex does not declare reads as {@code null}.
 *
 * <p>Asking a {@link Matcher} for a group its pattern lacks throws, and an exception per match
 * costs more than the match. Java 17 cannot list a pattern's groups before it matches, so which
 * groups it declares is learnt from its first match and remembered: a pattern's groups never
 * change. Thread-safe.
 */
final class CodeGroups {

    static final int CODE = 0;
    static final int MINOR = 1;
    static final int NAME = 2;
    static final int VERSION = 3;

    private static final String[] NAMES = {"code", "minor", "name", "version"};
    private static final int NOT_LEARNT = -1;

    /** Bit {@code i} is set when the pattern declares {@code NAMES[i]}; {@link #NOT_LEARNT} before the first match. */
    private volatile int declared = NOT_LEARNT;

    /** The text of {@code group} in {@code m}'s current match, or {@code null} when the pattern has no such group. */
    String get(Matcher m, int group) {
        int bits = declared;
        if (bits == NOT_LEARNT) {
            bits = learn(m);
            declared = bits;
        }
        return (bits & (1 << group)) == 0 ? null : m.group(NAMES[group]);
    }

    private static int learn(Matcher m) {
        int bits = 0;
        for (int i = 0; i < NAMES.length; i++) {
            try {
                m.group(NAMES[i]);
                bits |= 1 << i;
            } catch (IllegalArgumentException noSuchGroup) {
                // the pattern does not declare this group: it reads as null
            }
        }
        return bits;
    }
}
