package io.imwatch.classify.redact;

import static io.imwatch.classify.redact.Bytes.isAlnum;
import static io.imwatch.classify.redact.Bytes.isAlpha;
import static io.imwatch.classify.redact.Bytes.startsWithIgnoreCase;

/**
 * Finds credentials ({@link Detector#TOKEN}) in one text: JWTs, {@code Bearer} tokens and the
 * values of credential keys ({@code token=…}, {@code Authorization: Basic …}, {@code "password":"…"}).
 * Every loop moves forward or skips what it has read, so a text is read a bounded number of times.
 */
final class CredentialScanner {

    /** Key names whose values are credentials, matched at the end of a key, ignoring case. */
    private static final String[] KEYWORDS = {
        "token", "authorization", "password", "passwd", "secret", "apikey", "api_key", "api-key"
    };

    private static final int AUTHORIZATION = 1;

    /** The bytes {@link #mayHold} stops at: separators, the J of eyJ, the b of bearer. */
    private static final boolean[] TRIGGERS = table(":=JbB");

    /** The last letters of the keywords, both cases. */
    private static final boolean[] KEYWORD_ENDS = table("ndtyNDTY");

    /** A credential shorter than this after "Bearer" is taken for prose ("bearer of"), not a token. */
    private static final int MIN_BEARER_TOKEN = 8;

    private CredentialScanner() {}

    static void scan(byte[] s, int from, int to, Spans out) {
        jwts(s, from, to, out);
        bearers(s, from, to, out);
        keyValues(s, from, to, out);
    }

    /**
     * Whether a whole record may hold a credential: a key of {@link #KEYWORDS} before a {@code :}
     * or {@code =}, {@code eyJ} or {@code bearer}. One pass that only stops at those characters.
     */
    static boolean mayHold(byte[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = s[i];
            if (!TRIGGERS[c & 0xFF]) {
                continue;
            }
            if (c == ':' || c == '=') {
                if (keywordBefore(s, from, i) >= 0) {
                    return true;
                }
            } else if (c == 'J') {
                if (i - 2 >= from && s[i - 1] == 'y' && s[i - 2] == 'e') {
                    return true;
                }
            } else if (startsWithIgnoreCase(s, i, to, "bearer")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the whole key {@code s[from..to)} names a credential (JSON keys). */
    static boolean isCredentialKey(byte[] s, int from, int to) {
        return keywordEndingAt(s, from, to) >= 0;
    }

    private static void jwts(byte[] s, int from, int to, Spans out) {
        int i = from;
        while (i + 3 <= to) {
            if (s[i] == 'e' && s[i + 1] == 'y' && s[i + 2] == 'J' && (i == from || !isB64Url(s[i - 1]))) {
                int header = b64UrlRun(s, i, to);
                if (header - i >= 10 && header < to && s[header] == '.') {
                    int payload = b64UrlRun(s, header + 1, to);
                    if (payload - header - 1 >= 2) {
                        int end = payload < to && s[payload] == '.' ? b64UrlRun(s, payload + 1, to) : payload;
                        out.add(i, end, Detector.TOKEN.ordinal());
                        i = end;
                        continue;
                    }
                }
                i = header;
                continue;
            }
            i++;
        }
    }

    private static void bearers(byte[] s, int from, int to, Spans out) {
        for (int i = from; i + 7 < to; i++) {
            if ((s[i] | 0x20) != 'b' || !startsWithIgnoreCase(s, i, to, "bearer") || (i > from && isAlnum(s[i - 1]))) {
                continue;
            }
            int j = i + 6;
            if (s[j] != ' ' && s[j] != '\t') {
                continue;
            }
            while (j < to && (s[j] == ' ' || s[j] == '\t')) {
                j++;
            }
            int end = j;
            while (end < to && isB64Token(s[end])) {
                end++;
            }
            if (end - j >= MIN_BEARER_TOKEN) {
                out.add(j, end, Detector.TOKEN.ordinal());
                i = end - 1;
            }
        }
    }

    private static void keyValues(byte[] s, int from, int to, Spans out) {
        for (int i = from; i < to; i++) {
            byte c = s[i];
            if (c != ':' && c != '=') {
                continue;
            }
            int keyword = keywordBefore(s, from, i);
            if (keyword < 0) {
                continue;
            }
            int v = i + 1;
            while (v < to && s[v] == ' ') {
                v++;
            }
            boolean quoted = v < to && (s[v] == '"' || s[v] == '\'');
            byte quote = quoted ? s[v++] : 0;
            if (keyword == AUTHORIZATION) { // a scheme (Basic, Bearer, Digest…) stays readable
                int w = v;
                while (w < to && isAlpha(s[w])) {
                    w++;
                }
                if (w > v && w + 1 < to && s[w] == ' ' && s[w + 1] != ' ' && s[w + 1] != quote) {
                    v = w + 1;
                }
            }
            int end = v;
            if (quoted) {
                while (end < to && s[end] != quote && s[end] != '\\') {
                    end++;
                }
            } else {
                while (end < to && !isValueEnd(s[end])) {
                    end++;
                }
            }
            if (end > v) {
                out.add(v, end, Detector.TOKEN.ordinal());
                i = end - 1;
            }
        }
    }

    /** The keyword ending just before the separator at {@code sep} (spaces and one quote allowed), or -1. */
    private static int keywordBefore(byte[] s, int from, int sep) {
        int j = sep;
        while (j > from && s[j - 1] == ' ') {
            j--;
        }
        if (j > from && (s[j - 1] == '"' || s[j - 1] == '\'')) {
            j--;
        }
        return keywordEndingAt(s, from, j);
    }

    private static int keywordEndingAt(byte[] s, int from, int end) {
        if (end <= from || !KEYWORD_ENDS[s[end - 1] & 0xFF]) {
            return -1; // most keys: no keyword ends with their last letter
        }
        for (int k = 0; k < KEYWORDS.length; k++) {
            if (startsWithIgnoreCase(s, end - KEYWORDS[k].length(), end, KEYWORDS[k])
                    && end - KEYWORDS[k].length() >= from) {
                return k;
            }
        }
        return -1;
    }

    private static boolean[] table(String bytes) {
        boolean[] out = new boolean[256];
        for (int i = 0; i < bytes.length(); i++) {
            out[bytes.charAt(i)] = true;
        }
        return out;
    }

    private static int b64UrlRun(byte[] s, int i, int to) {
        while (i < to && isB64Url(s[i])) {
            i++;
        }
        return i;
    }

    private static boolean isB64Url(byte b) {
        return isAlnum(b) || b == '-' || b == '_';
    }

    /** RFC 6750 b64token characters. */
    private static boolean isB64Token(byte b) {
        return isAlnum(b) || b == '-' || b == '.' || b == '_' || b == '~' || b == '+' || b == '/' || b == '=';
    }

    private static boolean isValueEnd(byte b) {
        return switch (b) {
            case ' ', '\t', '\r', '\n', '"', '\'', '&', ',', ';', '{', '}', '[', ']', '(', ')', '<', '>', '\\' -> true;
            default -> false;
        };
    }
}
