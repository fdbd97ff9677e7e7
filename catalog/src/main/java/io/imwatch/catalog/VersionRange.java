package io.imwatch.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product versions a catalogue entry describes: a conjunction of comparators on dotted numeric
 * versions, written like {@code "<4.0"} or {@code ">=1.1 <4.0"}. Version text in events such as
 * {@code 4.2.0-beta} is compared by its leading numeric segments.
 */
public final class VersionRange {

    /** Matches every version, including an event that states none. */
    public static final VersionRange ANY = new VersionRange(List.of(), "");

    private static final Pattern COMPARATOR = Pattern.compile("(<=|>=|<|>|=)?(\\d+(?:\\.\\d+)*)");
    private static final Pattern LEADING_NUMBERS = Pattern.compile("^\\D*(\\d+(?:\\.\\d+)*)");

    private final List<Comparator> comparators;
    private final String text;

    private VersionRange(List<Comparator> comparators, String text) {
        this.comparators = comparators;
        this.text = text;
    }

    /**
     * Parses a range.
     *
     * @throws IllegalArgumentException naming the part that is not a comparator
     */
    public static VersionRange parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return ANY;
        }
        List<Comparator> comparators = new ArrayList<>();
        for (String part : trimmed.split("\\s+")) {
            Matcher m = COMPARATOR.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part + "' is not a version comparator such as <4.0 or >=1.1");
            }
            String op = m.group(1) == null ? "=" : m.group(1);
            comparators.add(new Comparator(op, segments(m.group(2))));
        }
        return new VersionRange(List.copyOf(comparators), trimmed);
    }

    /**
     * Whether {@code version} lies in the range. A version with no numeric part cannot be judged
     * and is treated as inside, so that odd version strings never hide a code.
     */
    public boolean contains(String version) {
        if (comparators.isEmpty() || version == null) {
            return true;
        }
        Matcher m = LEADING_NUMBERS.matcher(version);
        if (!m.find()) {
            return true;
        }
        int[] v = segments(m.group(1));
        for (Comparator c : comparators) {
            if (!c.accepts(v)) {
                return false;
            }
        }
        return true;
    }

    public boolean isAny() {
        return comparators.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionRange other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static int[] segments(String dotted) {
        String[] parts = dotted.split("\\.");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            // event text is untrusted: a segment too long for an int just means "very large"
            out[i] = parts[i].length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(parts[i]);
        }
        return out;
    }

    private record Comparator(String op, int[] bound) {
        boolean accepts(int[] version) {
            int cmp = compare(version, bound);
            return switch (op) {
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                default -> cmp == 0;
            };
        }

        /** Missing trailing segments count as zero, so 4 == 4.0 == 4.0.0. */
        private static int compare(int[] a, int[] b) {
            for (int i = 0; i < Math.max(a.length, b.length); i++) {
                int x = i < a.length ? a[i] : 0;
                int y = i < b.length ? b[i] : 0;
                if (x != y) {
                    return Integer.compare(x, y);
                }
            }
            return 0;
        }
    }
}
