package io.imwatch.app.cli;

import java.io.InputStream;
import java.util.Arrays;

/** {@code length} bytes of 'x', a newline, then {@code tail}: generated as read, never stored. */
final class RepeatedLineInput extends InputStream {

    private final long length;
    private final byte[] tail;
    private long position;

    RepeatedLineInput(long length, byte[] tail) {
        this.length = length;
        this.tail = tail.clone();
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        long total = length + 1 + tail.length;
        if (position >= total) {
            return -1;
        }
        int n = (int) Math.min(len, total - position);
        int xs = (int) Math.max(0, Math.min(n, length - position));
        Arrays.fill(b, off, off + xs, (byte) 'x');
        for (int i = xs; i < n; i++) {
            long at = position + i;
            b[off + i] = at == length ? (byte) '\n' : tail[(int) (at - length - 1)];
        }
        position += n;
        return n;
    }
}
