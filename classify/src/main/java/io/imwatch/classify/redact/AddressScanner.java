package io.imwatch.classify.redact;

import static io.imwatch.classify.redact.Bytes.isAlnum;
import static io.imwatch.classify.redact.Bytes.isDigit;
import static io.imwatch.classify.redact.Bytes.isHex;

/**
 * Finds IPv4 and IPv6 addresses in one text. A candidate is read to the end of its run of address
 * characters and the scan goes on after it, so a text is read a bounded number of times.
 */
final class AddressScanner {

    private AddressScanner() {}

    /**
     * Four dotted octets of at most 255, no leading zeros, not part of a longer dotted number: so
     * {@code 1.2.3.4.5}, {@code v1.2.3.4} and {@code 1.2.3} are not addresses; a bare four-part
     * version {@code 1.2.3.4} is indistinguishable from one and is redacted.
     */
    static void ipv4s(byte[] s, int from, int to, Spans out) {
        int i = from;
        while (i < to) {
            if (!isDigit(s[i]) || (i > from && (isAlnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '_'))) {
                i++;
                continue;
            }
            int end = ipv4At(s, i, to);
            if (end > 0 && (end == to || !(isAlnum(s[end]) || s[end] == '_' || dotDigit(s, end, to)))) {
                out.add(i, end, Detector.IPV4.ordinal());
                i = end;
            } else {
                while (i < to && (isDigit(s[i]) || s[i] == '.')) {
                    i++;
                }
            }
        }
    }

    /** The end of four octets starting at {@code i}, or -1. */
    private static int ipv4At(byte[] s, int i, int to) {
        int p = i;
        for (int octet = 0; octet < 4; octet++) {
            int d = p;
            int value = 0;
            while (d < to && d - p < 4 && isDigit(s[d])) {
                value = value * 10 + (s[d] - '0');
                d++;
            }
            int length = d - p;
            if (length == 0 || length > 3 || value > 255 || (length > 1 && s[p] == '0')) {
                return -1;
            }
            if (octet < 3) {
                if (d >= to || s[d] != '.') {
                    return -1;
                }
                p = d + 1;
            } else {
                p = d;
            }
        }
        return p;
    }

    private static boolean dotDigit(byte[] s, int at, int to) {
        return s[at] == '.' && at + 1 < to && isDigit(s[at + 1]);
    }

    /**
     * Eight groups of 1–4 hex digits, or fewer with one {@code ::}, optionally ending in an IPv4
     * address and a {@code %zone}; with at least one decimal digit, so that {@code Class::method}
     * or {@code add::} are not addresses, and times ({@code 10:00:53}) and MAC addresses, which
     * have neither eight groups nor {@code ::}, are not either.
     */
    static void ipv6s(byte[] s, int from, int to, Spans out) {
        int i = from;
        while (i < to) {
            byte c = s[i];
            boolean start = (isHex(c) && (i == from || !blocksHexStart(s[i - 1])))
                    || (c == ':' && i + 1 < to && s[i + 1] == ':' && (i == from || !blocksColonStart(s[i - 1])));
            if (!start) {
                i++;
                continue;
            }
            int run = i;
            while (run < to && (isHex(s[run]) || s[run] == ':' || s[run] == '.')) {
                run++;
            }
            int end = run;
            while (end > i && s[end - 1] == '.') {
                end--;
            }
            if (end - i >= 2 && s[end - 1] == ':' && s[end - 2] != ':') {
                end--;
            }
            boolean boundary = run == to || !(isAlnum(s[run]) || s[run] == '_' || s[run] == '%');
            if (run < to && s[run] == '%' && end == run) { // zone id: fe80::1%eth0
                int zone = run + 1;
                while (zone < to && (isAlnum(s[zone]) || s[zone] == '_' || s[zone] == '-' || s[zone] == '.')) {
                    zone++;
                }
                if (zone > run + 1 && validIpv6(s, i, end)) {
                    out.add(i, zone, Detector.IPV6.ordinal());
                    i = zone;
                    continue;
                }
            }
            if (boundary && validIpv6(s, i, end)) {
                out.add(i, end, Detector.IPV6.ordinal());
            }
            i = Math.max(run, i + 1);
        }
    }

    private static boolean blocksHexStart(byte b) {
        return isAlnum(b) || b == '.' || b == '_';
    }

    private static boolean blocksColonStart(byte b) {
        return isAlnum(b) || b == ':' || b == '.' || b == '_';
    }

    static boolean validIpv6(byte[] s, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        int p = from;
        int groups = 0;
        boolean compressed = false;
        boolean decimal = false;
        if (s[p] == ':') {
            if (s[p + 1] != ':') {
                return false;
            }
            compressed = true;
            p += 2;
        }
        while (p < to) {
            int q = p;
            while (q < to && isHex(s[q])) {
                decimal |= isDigit(s[q]);
                q++;
            }
            if (q < to && s[q] == '.') {
                if (ipv4At(s, p, to) != to) {
                    return false;
                }
                groups += 2;
                decimal = true;
                break;
            }
            if (q == p || q - p > 4) {
                return false;
            }
            groups++;
            p = q;
            if (p == to) {
                break;
            }
            if (p + 1 < to && s[p + 1] == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                p += 2;
            } else {
                p++;
                if (p == to) {
                    return false;
                }
            }
        }
        return decimal && groups >= 1 && (compressed ? groups <= 7 : groups == 8);
    }
}
