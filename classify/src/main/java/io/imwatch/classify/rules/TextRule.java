package io.imwatch.classify.rules;

import com.google.re2j.Pattern;
import io.imwatch.catalog.CatalogEntry;

/**
 * Finds codes in a text line: every {@code contains} literal must be present (a cheap pre-filter
 * that keeps regexes off lines that cannot match), then either a regex with named groups
 * {@code code}, {@code minor}, {@code name}, {@code version} finds them, or the code is read from
 * a fixed field of a delimited record (Turms' {@code |}-separated client API log). Regexes are
 * RE2's ({@link RulePatterns}): the time spent is linear in the line's length, and reported to the
 * event's {@link RecordBudget}.
 */
public final class TextRule {

    private final String id;
    private final String vendor;
    private final boolean needsVendor;
    private final String[] contains;
    private final SearchPattern regex;
    private final Delimited delimited;
    private final SpaceChoice spaces;
    private final Pattern accept;

    /**
     * A record whose fields are separated by {@code separator}, starting after the first
     * {@code after}; only records with exactly {@code fieldCount} fields match.
     */
    public record Delimited(String after, char separator, int fieldCount, int codeField) {}

    TextRule(
            String id,
            String vendor,
            boolean needsVendor,
            String[] contains,
            Pattern regex,
            Delimited delimited,
            SpaceChoice spaces,
            Pattern accept) {
        this.id = id;
        this.vendor = vendor;
        this.needsVendor = needsVendor;
        this.contains = contains.clone();
        this.regex = regex == null ? null : SearchPattern.of(regex);
        this.delimited = delimited;
        this.spaces = spaces;
        this.accept = accept;
    }

    public String id() {
        return id;
    }

    /** The vendor whose format this is, or {@code null} for a generic rule. */
    public String vendor() {
        return vendor;
    }

    /** Whether the rule only applies once the vendor is known from hints or configuration. */
    public boolean needsVendor() {
        return needsVendor;
    }

    /**
     * Adds the codes this rule finds in {@code line} to {@code out}.
     *
     * @param attributedVendor the vendor to give codes when the rule is generic (may be null)
     */
    public void extract(String line, String attributedVendor, Findings out) {
        for (String literal : contains) {
            out.spend(line.length());
            if (line.indexOf(literal) < 0) {
                return;
            }
        }
        String owner = vendor != null ? vendor : attributedVendor;
        if (delimited != null) {
            out.spend(line.length());
            extractDelimited(line, owner, out);
            return;
        }
        find(regex, line, owner, spaces, null, id, accept, out);
    }

    private void extractDelimited(String line, String owner, Findings out) {
        int at = line.indexOf(delimited.after());
        if (at < 0) {
            return;
        }
        int fieldStart = at + delimited.after().length();
        int field = 0;
        int codeStart = -1;
        int codeEnd = -1;
        char separator = delimited.separator();
        for (int i = fieldStart; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == separator) {
                if (field == delimited.codeField()) {
                    codeStart = fieldStart;
                    codeEnd = i;
                }
                field++;
                fieldStart = i + 1;
            }
        }
        if (field != delimited.fieldCount() || codeStart < 0) {
            return;
        }
        int code = Numbers.parse(line, codeStart, codeEnd);
        if (code != RawCode.NO_CODE) {
            out.add(new RawCode(owner, spaces.pick(code), code, CatalogEntry.ANY_MINOR, null, null, id));
        } else {
            out.noteCodeText(line, codeStart, codeEnd);
        }
    }

    /**
     * Adds the code of each of {@code pattern}'s matches in {@code text} to {@code out}, reporting
     * to the budget the text searched up to each match, the match (its groups are read in a second
     * pass over it), and the rest of the text, searched for no further match.
     */
    static void find(
            SearchPattern pattern,
            String text,
            String vendor,
            SpaceChoice spaces,
            String version,
            String rule,
            Pattern accept,
            Findings out) {
        SearchPattern.Matches m = pattern.matches(text);
        int searched = 0;
        while (m.find()) {
            out.spend(m.end() - searched + m.end() - m.start() + 1);
            searched = m.end();
            RawCode code = fromGroups(m, pattern.groups(), vendor, spaces, version, rule, accept);
            if (code != null) {
                out.add(code);
            } else {
                out.noteCodeText(pattern.groups().get(m, CodeGroups.CODE));
            }
        }
        out.spend(text.length() - searched);
    }

    /** A code from a regex match's named groups, or {@code null} when the match has no usable code. */
    private static RawCode fromGroups(
            SearchPattern.Matches m,
            CodeGroups groups,
            String vendor,
            SpaceChoice spaces,
            String version,
            String rule,
            Pattern accept) {
        String codeText = groups.get(m, CodeGroups.CODE);
        int code = Numbers.parse(codeText);
        if (code == RawCode.NO_CODE || (accept != null && !accept.matches(codeText))) {
            return null;
        }
        int minor = Numbers.parse(groups.get(m, CodeGroups.MINOR));
        String groupVersion = groups.get(m, CodeGroups.VERSION);
        return new RawCode(
                vendor,
                spaces.pick(code),
                code,
                minor == RawCode.NO_CODE || minor < 0 ? CatalogEntry.ANY_MINOR : minor,
                groups.get(m, CodeGroups.NAME),
                groupVersion != null ? groupVersion : version,
                rule);
    }
}
