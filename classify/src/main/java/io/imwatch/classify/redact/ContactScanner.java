package io.imwatch.classify.redact;

import static io.imwatch.classify.redact.Bytes.isAlnum;
import static io.imwatch.classify.redact.Bytes.isAlpha;
import static io.imwatch.classify.redact.Bytes.isDigit;

/**
 * Finds e-mail addresses and phone numbers in one text. Both scanners skip what they have read,
 * so a text is read a bounded number of times whatever it holds.
 */
final class ContactScanner {

    private static final int MIN_INTERNATIONAL_DIGITS = 7;
    private static final int MAX_DIGITS = 15;

    private ContactScanner() {}

    /** {@code local@domain.tld}, the top-level label alphabetic, at least two letters. */
    static void emails(byte[] s, int from, int to, Spans out) {
        int floor = from;
        for (int at = from; at < to; at++) {
            if (s[at] != '@') {
                continue;
            }
            int start = at;
            while (start > floor && isLocal(s[start - 1])) {
                start--;
            }
            while (start < at && s[start] == '.') {
                start++;
            }
            floor = at + 1;
            if (start == at) {
                continue;
            }
            int end = at + 1;
            while (end < to && (isAlnum(s[end]) || s[end] == '-' || s[end] == '.')) {
                end++;
            }
            while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) {
                end--;
            }
            if (isDomain(s, at + 1, end)) {
                out.add(start, end, Detector.EMAIL.ordinal());
                floor = end;
                at = end - 1;
            }
        }
    }

    private static boolean isDomain(byte[] s, int from, int to) {
        int lastDot = -1;
        int previous = from - 1;
        for (int p = from; p < to; p++) {
            if (s[p] == '.') {
                if (p == previous + 1) {
                    return false; // empty label
                }
                previous = p;
                lastDot = p;
            }
        }
        if (lastDot < 0 || to - lastDot - 1 < 2) {
            return false;
        }
        for (int p = lastDot + 1; p < to; p++) {
            if (!isAlpha(s[p])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLocal(byte b) {
        return isAlnum(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-';
    }

    /**
     * International numbers ({@code +} then 7 to 15 digits in groups separated by single spaces,
     * hyphens, dots or parentheses) and national forms: {@code (555) 123-4567},
     * {@code 555-123-4567} / {@code 555.123.4567} / {@code 555 123 4567}, {@code 138-0013-8000},
     * trunk-prefixed numbers of 9 to 11 digits in at least two groups ({@code 020 7946 0958},
     * {@code 030-12345678}, {@code (010) 12345678}) and Chinese mobiles ({@code 13800138000}). A
     * national number keeps one separator throughout, so dates ({@code 2026-11-28 10:00:53}),
     * ranges ({@code 10000-20000}), versions and codes never qualify.
     */
    static void phones(byte[] s, int from, int to, Spans out) {
        int i = from;
        while (i < to) {
            byte c = s[i];
            boolean candidate = (isDigit(c) || ((c == '+' || c == '(') && i + 1 < to && isDigit(s[i + 1])))
                    && (i == from || !joinsBefore(s[i - 1]));
            if (!candidate) {
                i++;
                continue;
            }
            int r = phoneAt(s, i, to);
            if (r > 0) {
                out.add(i, r, Detector.PHONE.ordinal());
                i = r;
            } else {
                i = -r;
            }
        }
    }

    /** The end of the phone number starting at {@code i}, or minus where reading stopped. */
    private static int phoneAt(byte[] s, int i, int to) {
        boolean international = s[i] == '+';
        int p = international ? i + 1 : i;
        int firstDigit = -1;
        int groups = 0;
        int digits = 0;
        int length0 = 0;
        int length1 = 0;
        int length2 = 0;
        boolean parenFirst = false;
        byte separator = 0;
        int last = p;
        while (p < to) {
            boolean paren = s[p] == '(';
            int q = paren ? p + 1 : p;
            int d = q;
            while (d < to && isDigit(s[d])) {
                d++;
            }
            if (d == q || (paren && (d >= to || s[d] != ')' || (!international && groups > 0)))) {
                break;
            }
            if (firstDigit < 0) {
                firstDigit = q;
            }
            if (groups == 0) {
                length0 = d - q;
            } else if (groups == 1) {
                length1 = d - q;
            } else if (groups == 2) {
                length2 = d - q;
            }
            parenFirst |= paren && groups == 0;
            groups++;
            digits += d - q;
            p = paren ? d + 1 : d;
            last = p;
            if (digits > MAX_DIGITS || p >= to) {
                break;
            }
            byte c = s[p];
            if (paren && (isDigit(c) || (c == ' ' && p + 1 < to && isDigit(s[p + 1])))) {
                p += c == ' ' ? 1 : 0; // "(555) 123-4567", "+44 (0)20 …": no separator after ')'
                continue;
            }
            boolean next = p + 1 < to && (isDigit(s[p + 1]) || (international && s[p + 1] == '('));
            if ((c == ' ' || c == '-' || c == '.') && next) {
                if (!international) {
                    if (separator == 0) {
                        separator = c;
                    } else if (separator != c) {
                        break;
                    }
                }
                p++;
                continue;
            }
            break;
        }
        int stop = Math.max(last, i + 1);
        if (firstDigit < 0 || digits > MAX_DIGITS || !boundaryAfter(s, last, to)) {
            return -stop;
        }
        boolean phone;
        if (international) {
            phone = digits >= MIN_INTERNATIONAL_DIGITS;
        } else {
            byte first = s[firstDigit];
            byte second = s[firstDigit + 1 < to ? firstDigit + 1 : firstDigit];
            boolean trunk = first == '0' && digits >= 9 && digits <= 11 && groups >= 2;
            boolean nanp = groups == 3 && length0 == 3 && length1 == 3 && length2 == 4 && first >= '2';
            boolean chineseMobile = first == '1'
                    && second >= '3'
                    && second <= '9'
                    && digits == 11
                    && (groups == 1 || (groups == 3 && length0 == 3 && length1 == 4));
            phone = parenFirst ? nanp || trunk : trunk || nanp || chineseMobile;
        }
        return phone ? last : -stop;
    }

    private static boolean joinsBefore(byte b) {
        return isAlnum(b) || b == '.' || b == '_' || b == '-' || b == '+';
    }

    private static boolean boundaryAfter(byte[] s, int end, int to) {
        if (end >= to) {
            return true;
        }
        byte b = s[end];
        if (isAlnum(b) || b == '_') {
            return false;
        }
        return !((b == '.' || b == '-' || b == ':' || b == '/') && end + 1 < to && isDigit(s[end + 1]));
    }
}
