package io.imwatch.classify.rules;

import com.google.re2j.BoundedBacktracker;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A rule regex compiled so that RE2/J can skip ahead. RE2/J jumps to the next occurrence of a
 * regex's literal prefix with {@link String#indexOf}, but steps its automaton through every
 * character before a regex that starts with a context, such as {@code (?:^|[^A-Za-z_])code...} or
 * {@code \btype...} — on lines that hold {@code code} without a match, ten times slower. A regex
 * that starts with {@code (?:^|[class])} or with {@code \b} and a word character, without a
 * top-level alternation, is therefore searched without its context, which is then checked on the
 * character before each match: the same matches, with the same groups. Any other regex is searched
 * as written.
 *
 * <p>Before RE2/J runs, a {@link RequiredLiteral} of the searched regex is looked for with
 * {@link String#indexOf}: a line without it has no match, and no match starts before its first
 * occurrence minus the most the regex can hold before it, so the search starts there. RE2/J's own
 * skip only works for a literal the regex starts with; this one also serves regexes such as
 * {@code (?:code|errorCode)\s*=...} that start with a group.
 *
 * <p>RE2/J then runs as a {@link BoundedBacktracker} over its own compiled program when the line is
 * short enough for one (up to 400 chars): the same match and groups as RE2/J's NFA, found in
 * one pass instead of two, in linear time. Longer texts go to RE2/J's {@link Matcher}. Immutable.
 */
final class SearchPattern {

    private final Pattern regex;
    private final Pattern search;
    private final CodeGroups groups;
    /** The context's character class, or {@code null} for a word boundary or no context. */
    private final Pattern before;

    private final boolean wordBoundary;
    /** A literal every match of {@code search} holds, or {@code null} when none is known or RE2/J skips to it itself. */
    private final String literal;
    /** The most chars a match of {@code search} holds before {@link #literal}, or -1 when unbounded. */
    private final int maxBefore;
    /** {@code search} run as a backtracker, or {@code null} for RE2/J's matcher always. */
    private final BoundedBacktracker backtracker;

    private SearchPattern(
            Pattern regex, Pattern search, Pattern before, boolean wordBoundary, boolean prefilter, boolean backtrack) {
        this.regex = regex;
        this.search = search;
        this.groups = new CodeGroups(search);
        this.before = before;
        this.wordBoundary = wordBoundary;
        RequiredLiteral required =
                prefilter && search.flags() == 0 ? RequiredLiteral.of(search.pattern()) : RequiredLiteral.NONE;
        boolean re2Skips = required.maxBefore() == 0 && search.pattern().startsWith(String.valueOf(required.literal()));
        this.literal = required.exists() && !re2Skips ? required.literal() : null;
        this.maxBefore = required.maxBefore();
        this.backtracker = backtrack ? BoundedBacktracker.of(search) : null;
    }

    /** {@code regex}, compiled as written, searched as described above when it can be. */
    static SearchPattern of(Pattern regex) {
        return of(regex, true, true);
    }

    /**
     * As {@link #of(Pattern)}; {@code prefilter} false searches without the required literal, and
     * {@code backtrack} false with RE2/J's matcher only (the same matches, to compare against).
     */
    static SearchPattern of(Pattern regex, boolean prefilter, boolean backtrack) {
        String text = regex.pattern();
        if (text.contains("\\Q") || regex.flags() != 0) {
            return new SearchPattern(regex, regex, null, false, prefilter, backtrack); // quoted text: not read here
        }
        if (text.startsWith("(?:^|[")) {
            int close = classEnd(text, "(?:^|".length());
            if (close > 0 && close + 1 < text.length() && text.charAt(close + 1) == ')') {
                String rest = text.substring(close + 2);
                if (!rest.isEmpty() && !hasTopLevelAlternation(rest)) {
                    Pattern before = Pattern.compile(text.substring("(?:^|".length(), close + 1));
                    return new SearchPattern(regex, Pattern.compile(rest), before, false, prefilter, backtrack);
                }
            }
        } else if (text.startsWith("\\b") && text.length() > 3) {
            String rest = text.substring(2);
            char first = rest.charAt(0);
            boolean literalWordChar = isWordChar(first) && "?*{".indexOf(rest.charAt(1)) < 0;
            if (literalWordChar && !hasTopLevelAlternation(rest)) {
                return new SearchPattern(regex, Pattern.compile(rest), null, true, prefilter, backtrack);
            }
        }
        return new SearchPattern(regex, regex, null, false, prefilter, backtrack);
    }

    /** The literal checked before RE2/J runs, or {@code null}. */
    String literal() {
        return literal;
    }

    /** Whether the regex is searched as written (it has no context to check apart). */
    boolean searchesAsWritten() {
        return search == regex;
    }

    /** The named groups of the searched regex's matches (the same as the regex's as written). */
    CodeGroups groups() {
        return groups;
    }

    /** Whether matches are found by a {@link BoundedBacktracker} in texts short enough for one. */
    boolean backtracks() {
        return backtracker != null;
    }

    /** The matches of the regex as written in {@code text}, in order. */
    Matches matches(String text) {
        return new Matches(text);
    }

    /**
     * The matches of the regex as written in one text, found one at a time, like
     * {@link Matcher#find()}, with their bounds and groups, like {@link Matcher#start(int)},
     * {@link Matcher#end(int)} and {@link Matcher#group(int)}.
     */
    final class Matches {
        private final String text;
        private final boolean backtracked;
        /** Start and end of the current match, then of each group once {@link #groupsLoaded}. */
        private final int[] caps;

        private Matcher matcher;
        private boolean groupsLoaded;
        private int from;
        private int previousEnd;

        private Matches(String text) {
            this.text = text;
            this.backtracked = backtracker != null && backtracker.fits(text.length());
            this.caps = new int[2 * (1 + search.groupCount())];
        }

        /** Finds the next match; {@link #start()}, {@link #end()} and {@link #group(int)} then describe it. */
        boolean find() {
            while (from <= text.length()) {
                if (literal != null) {
                    int at = text.indexOf(literal, from);
                    if (at < 0) {
                        break;
                    }
                    if (maxBefore >= 0) {
                        from = Math.max(from, at - maxBefore);
                    }
                }
                if (!search(from)) {
                    break;
                }
                int start = caps[0];
                if (!contextHolds(start)) {
                    from = start + 1;
                    continue;
                }
                previousEnd = caps[1];
                from = previousEnd > start ? previousEnd : previousEnd + 1;
                return true;
            }
            from = text.length() + 1;
            return false;
        }

        /** The first match at or after {@code at} into {@link #caps} (its groups read later by RE2/J's matcher). */
        private boolean search(int at) {
            if (backtracked) {
                groupsLoaded = true;
                return backtracker.find(text, at, caps);
            }
            if (matcher == null) {
                matcher = search.matcher(text);
            }
            if (!matcher.find(at)) {
                return false;
            }
            // The bounds now: RE2/J's second pass for the groups may report others past an assertion.
            caps[0] = matcher.start();
            caps[1] = matcher.end();
            groupsLoaded = false;
            return true;
        }

        /** Start of the current match. */
        int start() {
            return caps[0];
        }

        /** End of the current match. */
        int end() {
            return caps[1];
        }

        /** The number of groups of the regex as written. */
        int groupCount() {
            return caps.length / 2 - 1;
        }

        /** Start of group {@code g} (1 up) in the current match, or -1 when it took no part. */
        int start(int g) {
            loadGroups();
            return caps[2 * g];
        }

        /** End of group {@code g} (1 up) in the current match, or -1 when it took no part. */
        int end(int g) {
            loadGroups();
            return caps[2 * g + 1];
        }

        /** The text of group {@code g} (1 up) in the current match, or {@code null} when it took no part. */
        String group(int g) {
            int start = start(g);
            return start < 0 ? null : text.substring(start, caps[2 * g + 1]);
        }

        private void loadGroups() {
            if (groupsLoaded) {
                return;
            }
            for (int g = 1; g < caps.length / 2; g++) {
                caps[2 * g] = matcher.start(g);
                caps[2 * g + 1] = matcher.end(g);
            }
            groupsLoaded = true;
        }

        /**
         * Whether the searched regex's match at {@code start} is a match of the regex as written:
         * the context before it holds and (for {@code [class]}) its character was not part of the
         * previous match.
         */
        private boolean contextHolds(int start) {
            if (search == regex || start == 0) {
                return true;
            }
            if (wordBoundary) {
                return !isWordChar(text.charAt(start - 1));
            }
            int codePoint = Character.codePointBefore(text, start);
            int contextStart = start - Character.charCount(codePoint);
            return contextStart >= previousEnd && before.matches(new String(Character.toChars(codePoint)));
        }
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    /** The index of the {@code ]} closing the class opening at {@code open}, or -1. */
    private static int classEnd(String text, int open) {
        int i = open + 1;
        if (i < text.length() && text.charAt(i) == '^') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == ']') {
            i++; // a leading ] is a member
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                return -1; // [:alpha:] and the like: not worth reading
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasTopLevelAlternation(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int end = classEnd(text, i);
                if (end < 0) {
                    return true; // cannot tell: search as written
                }
                i = end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
