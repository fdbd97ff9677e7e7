package io.imwatch.classify.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles the regexes of rule files with RE2/J, whose matching time is linear in the length of the
 * text whatever the pattern: no record can make a rule backtrack. The syntax is RE2's, Java's
 * without the constructs that only a backtracking engine can run; a regex that uses one is refused
 * with what to write instead.
 */
final class RulePatterns {

    /** A regex RE2 cannot compile; the message names the construct and the fix. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final String UNSUPPORTED = ", which imwatch cannot run in linear time (rules use RE2 syntax); ";

    private RulePatterns() {}

    /**
     * @throws Refused naming the construct RE2 lacks (lookaround, backreference, possessive
     *     quantifier, atomic group) and its replacement, or the syntax error
     */
    static Pattern compile(String regex) throws Refused {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new Refused(explain(e.getDescription(), e.getPattern()));
        }
    }

    /** What is wrong, to follow "'regex' " in a problem line. */
    private static String explain(String error, String at) {
        if (at.startsWith("(?<=") || at.startsWith("(?<!")) {
            return "uses a lookbehind " + at.substring(0, 4) + "..." + UNSUPPORTED
                    + "match the character before instead, e.g. (?:^|[^A-Za-z_])code in place of (?<![A-Za-z_])code";
        }
        if (at.startsWith("(?=") || at.startsWith("(?!")) {
            return "uses a lookahead " + at.substring(0, 3) + "..." + UNSUPPORTED
                    + "match what follows instead, e.g. (?:$|[^0-9]) or \\b in place of (?![0-9])";
        }
        if (at.startsWith("(?>")) {
            return "uses an atomic group (?>...)" + UNSUPPORTED + "write a plain group (?:...): nothing backtracks";
        }
        if (at.matches("\\\\[1-9][0-9]*|\\\\k")) {
            return "uses a backreference " + at + UNSUPPORTED + "match the repeated text with a pattern of its own";
        }
        if (error.equals("invalid nested repetition operator") && at.endsWith("+")) {
            return "uses a possessive quantifier " + at + UNSUPPORTED
                    + "drop the last '+': a plain quantifier cannot backtrack here either";
        }
        return "is not a valid regex (RE2 syntax, see classify/README.md): " + error + " at " + at;
    }
}
