package io.imwatch.classify.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Strict UTF-8 validation without decoding: an ASCII fast path, then the RFC 3629 rules. */
final class Utf8 {

    // eight bytes read as one long: an ASCII run is skipped a word at a time
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {}

    /** The index of the first byte that breaks UTF-8, or -1 when {@code bytes[from, to)} is valid. */
    static int firstInvalid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            while (i + Long.BYTES <= to && ((long) WORDS.get(bytes, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
            }
            if (i >= to) {
                break;
            }
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int start = i;
            int lead = b & 0xFF;
            int extra;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                return start;
            }
            int cp = lead & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                if (start + k >= to) {
                    return start;
                }
                int c = bytes[start + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return start;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            // overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8
            if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
                return start;
            }
            i = start + extra + 1;
        }
        return -1;
    }
}
