package io.imwatch.app.counts;

import io.imwatch.catalog.CatalogEntry;
import io.imwatch.classify.ClassifiedCode;
import io.imwatch.classify.rules.RawCode;
import java.util.List;

/**
 * The dimensions a count is kept under, as the record key of the counts topic:
 * {@code code|vendor|space|class|code[.minor]} or {@code close|vendor|reason}; {@code -} stands for
 * a dimension the code has none of (an ambiguous code's vendor).
 */
public final class CountKey {

    public static final String CODE = "code";
    public static final String CLOSE = "close";
    private static final char SEP = '|';

    private CountKey() {}

    /** The key of a code's per-(vendor, space, class, code) count. */
    public static String code(ClassifiedCode code) {
        CatalogEntry entry = code.entry();
        String codeText = code.code() == RawCode.NO_CODE ? "-" : Integer.toString(code.code());
        if (code.minor() != CatalogEntry.ANY_MINOR) {
            codeText += "." + code.minor();
        }
        return CODE
                + SEP
                + dash(code.vendor())
                + SEP
                + dash(code.space())
                + SEP
                + (entry == null
                        ? "UNKNOWN"
                        : entry.classification().codeClass().name())
                + SEP
                + codeText;
    }

    /** The key of a session close's per-(vendor, reason) count, or {@code null} if the code is not a close. */
    public static String close(ClassifiedCode code) {
        CatalogEntry entry = code.entry();
        if (entry == null || !entry.classification().isSessionClose()) {
            return null;
        }
        return CLOSE
                + SEP
                + entry.vendor()
                + SEP
                + entry.classification().sessionClose().name();
    }

    /** The key's kind: {@link #CODE} or {@link #CLOSE}. */
    public static String kind(String key) {
        return key.substring(0, key.indexOf(SEP));
    }

    /** The key's parts: kind first. */
    public static List<String> parts(String key) {
        return List.of(key.split("\\|", -1));
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
