package io.imwatch.classify.rules;

/**
 * A literal that every match of a regex contains, and how far before it a match can start, read
 * conservatively from the regex's text: the longest run of plain characters at the top level of the
 * regex (a group of plain alternatives, such as {@code (?:code|errorCode)}, contributes the suffix
 * its alternatives share), none of them optional or repeated. With it, a search can skip a line
 * that lacks the literal and start at its first occurrence minus {@link #maxBefore()}: no match
 * starts earlier. Any regex this reader is not sure of — flags such as {@code (?i)}, {@code \Q},
 * a top-level alternation, escapes it does not know — has no literal ({@link #NONE}).
 *
 * @param literal the literal, or {@code null} for none
 * @param maxBefore the most UTF-16 chars a match can hold before the literal, or -1 when unbounded
 */
record RequiredLiteral(String literal, int maxBefore) {

    static final RequiredLiteral NONE = new RequiredLiteral(null, -1);

    private static final int UNBOUNDED = -1;
    private static final String META = "\\.[](){}*+?^$|";

    /** Whether a match is known to contain a literal. */
    boolean exists() {
        return literal != null;
    }

    /** The required literal of {@code regex} (RE2 syntax, no flags), or {@link #NONE}. */
    static RequiredLiteral of(String regex) {
        try {
            return new Reader(regex).topLevel();
        } catch (Unsure e) {
            return NONE;
        }
    }

    /** Thrown when the regex holds something this reader does not derive from. */
    private static final class Unsure extends Exception {
        private static final long serialVersionUID = 1L;

        Unsure() {
            super(null, null, false, false);
        }
    }

    /** One element of a sequence with its quantifier: its length bounds and the literal text it is, if any. */
    private record Item(int min, int max, String exact, String prefix, String suffix) {
        static Item of(int min, int max) {
            return new Item(min, max, null, "", "");
        }
    }

    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        RequiredLiteral topLevel() throws Unsure {
            if (text.contains("\\Q") || text.contains("\\E")) {
                throw new Unsure();
            }
            java.util.List<Item> items = sequence();
            if (pos != text.length()) {
                throw new Unsure(); // a top-level alternation, or an unbalanced ')'
            }
            String best = null;
            int bestBefore = UNBOUNDED;
            StringBuilder run = new StringBuilder();
            int runBefore = 0; // chars a match can hold before the run; UNBOUNDED once unknown
            int before = 0; // chars before the current item
            for (Item item : items) {
                if (item.exact() != null) {
                    if (run.length() == 0) {
                        runBefore = before;
                    }
                    run.append(item.exact());
                } else {
                    if (item.min() >= 1 && !item.prefix().isEmpty()) {
                        if (run.length() == 0) {
                            runBefore = before;
                        }
                        run.append(item.prefix());
                    }
                    if (best == null || run.length() > best.length()) {
                        if (run.length() > 0) {
                            best = run.toString();
                            bestBefore = runBefore;
                        }
                    }
                    run.setLength(0);
                    if (!item.suffix().isEmpty()) { // only an unquantified group keeps a suffix
                        run.append(item.suffix());
                        runBefore = add(before, item.max() - item.suffix().length());
                    }
                }
                before = add(before, item.max());
            }
            if (run.length() > 0 && (best == null || run.length() > best.length())) {
                best = run.toString();
                bestBefore = runBefore;
            }
            return best == null ? NONE : new RequiredLiteral(best, bestBefore);
        }

        /** A sequence up to the end, a {@code |} or a {@code )} (not consumed). */
        private java.util.List<Item> sequence() throws Unsure {
            java.util.List<Item> items = new java.util.ArrayList<>();
            while (pos < text.length() && text.charAt(pos) != '|' && text.charAt(pos) != ')') {
                items.add(quantified(atom()));
            }
            return items;
        }

        private Item atom() throws Unsure {
            char c = text.charAt(pos);
            switch (c) {
                case '\\' -> {
                    if (pos + 1 >= text.length()) {
                        throw new Unsure();
                    }
                    char e = text.charAt(pos + 1);
                    pos += 2;
                    if ("dswDSW".indexOf(e) >= 0) {
                        return Item.of(1, 2); // one code point: up to two chars
                    }
                    if ("bBAz".indexOf(e) >= 0) {
                        return Item.of(0, 0);
                    }
                    if (e < 128 && !Character.isLetterOrDigit(e)) {
                        return literal(String.valueOf(e));
                    }
                    throw new Unsure(); // \p, \x, octal, \n and the like: not read here
                }
                case '[' -> {
                    int end = classEnd(pos);
                    if (end < 0) {
                        throw new Unsure();
                    }
                    pos = end + 1;
                    return Item.of(1, 2);
                }
                case '.' -> {
                    pos++;
                    return Item.of(1, 2);
                }
                case '^', '$' -> {
                    pos++;
                    return Item.of(0, 0);
                }
                case '(' -> {
                    return group();
                }
                case '*', '+', '?', '{', ']', '}' -> throw new Unsure();
                default -> {
                    if (Character.isSurrogate(c)) {
                        throw new Unsure();
                    }
                    pos++;
                    return literal(String.valueOf(c));
                }
            }
        }

        private Item group() throws Unsure {
            pos++;
            if (text.startsWith("?:", pos)) {
                pos += 2;
            } else if (text.startsWith("?<", pos) || text.startsWith("?P<", pos)) {
                int close = text.indexOf('>', pos);
                if (close < 0) {
                    throw new Unsure();
                }
                pos = close + 1;
            } else if (text.startsWith("?", pos)) {
                throw new Unsure(); // flags
            }
            java.util.List<java.util.List<Item>> alternatives = new java.util.ArrayList<>();
            alternatives.add(sequence());
            while (pos < text.length() && text.charAt(pos) == '|') {
                pos++;
                alternatives.add(sequence());
            }
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw new Unsure();
            }
            pos++;
            int min = Integer.MAX_VALUE;
            int max = 0;
            java.util.List<String> exacts = new java.util.ArrayList<>();
            for (java.util.List<Item> alternative : alternatives) {
                int altMin = 0;
                int altMax = 0;
                StringBuilder exact = new StringBuilder();
                boolean plain = true;
                for (Item item : alternative) {
                    altMin += item.min();
                    altMax = add(altMax, item.max());
                    if (item.exact() != null) {
                        exact.append(item.exact());
                    } else {
                        plain = false;
                    }
                }
                min = Math.min(min, altMin);
                max = altMax == UNBOUNDED || max == UNBOUNDED ? UNBOUNDED : Math.max(max, altMax);
                exacts.add(plain ? exact.toString() : null);
            }
            if (exacts.contains(null)) {
                return Item.of(min, max);
            }
            if (exacts.size() == 1) {
                return new Item(min, max, exacts.get(0), exacts.get(0), exacts.get(0));
            }
            return new Item(min, max, null, commonPrefix(exacts), commonSuffix(exacts));
        }

        private Item quantified(Item item) throws Unsure {
            if (pos >= text.length()) {
                return item;
            }
            char q = text.charAt(pos);
            int min;
            int max;
            if (q == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (q == '*') {
                min = 0;
                max = UNBOUNDED;
                pos++;
            } else if (q == '+') {
                min = 1;
                max = UNBOUNDED;
                pos++;
            } else if (q == '{') {
                int close = text.indexOf('}', pos);
                if (close < 0) {
                    throw new Unsure();
                }
                String[] bounds = text.substring(pos + 1, close).split(",", -1);
                if (bounds.length > 2
                        || !bounds[0].matches("[0-9]{1,4}")
                        || (bounds.length == 2 && !bounds[1].matches("[0-9]{0,4}"))) {
                    throw new Unsure(); // RE2 reads it as literal text
                }
                try {
                    min = Integer.parseInt(bounds[0]);
                    max = bounds.length == 1 ? min : bounds[1].isEmpty() ? UNBOUNDED : Integer.parseInt(bounds[1]);
                } catch (NumberFormatException e) {
                    throw new Unsure();
                }
                pos = close + 1;
            } else {
                return item;
            }
            if (pos < text.length() && (text.charAt(pos) == '?' || text.charAt(pos) == '+')) {
                if (text.charAt(pos) == '+') {
                    throw new Unsure();
                }
                pos++; // lazy: the same matches' contents
            }
            int itemMin = min == 0 ? 0 : times(item.min(), min);
            int itemMax = max == UNBOUNDED || item.max() == UNBOUNDED
                    ? (item.max() == 0 ? 0 : UNBOUNDED)
                    : times(item.max(), max);
            if (min == 1 && max == 1) {
                return item;
            }
            // Repeated or optional: what it requires at least once is its prefix (when min >= 1).
            String prefix = min >= 1 ? item.prefix() : "";
            return new Item(itemMin, itemMax, null, prefix, "");
        }

        private static int times(int a, int b) throws Unsure {
            try {
                return Math.multiplyExact(a, b);
            } catch (ArithmeticException e) {
                throw new Unsure();
            }
        }

        private Item literal(String s) {
            return new Item(1, 1, s, s, s);
        }

        private int classEnd(int open) {
            int i = open + 1;
            if (i < text.length() && text.charAt(i) == '^') {
                i++;
            }
            if (i < text.length() && text.charAt(i) == ']') {
                i++;
            }
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    return -1;
                } else if (c == ']') {
                    return i;
                }
            }
            return -1;
        }
    }

    private static int add(int a, int b) {
        return a == UNBOUNDED || b == UNBOUNDED ? UNBOUNDED : a + b;
    }

    private static String commonPrefix(java.util.List<String> strings) {
        String first = strings.get(0);
        int n = first.length();
        for (String s : strings) {
            int i = 0;
            while (i < n && i < s.length() && s.charAt(i) == first.charAt(i)) {
                i++;
            }
            n = i;
        }
        return first.substring(0, n);
    }

    private static String commonSuffix(java.util.List<String> strings) {
        String first = strings.get(0);
        int n = first.length();
        for (String s : strings) {
            int i = 0;
            while (i < n && i < s.length() && s.charAt(s.length() - 1 - i) == first.charAt(first.length() - 1 - i)) {
                i++;
            }
            n = i;
        }
        return first.substring(first.length() - n);
    }
}
