package io.imwatch.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines of raw bytes (without the '\n'), so that invalid UTF-8 in one line is
 * reported for that line instead of being silently replaced by a decoder.
 *
 * <p>At most {@code maxLineBytes} of a line are held: the rest of a longer line is counted and
 * skipped, never stored, so a line of any length (even over 2 GiB) costs bounded memory.
 */
final class LineReader {

    /**
     * One line.
     *
     * @param bytes the whole line, or for a line over the limit only its first {@code prefixBytes}
     * @param length the line's real length in bytes
     */
    record Line(byte[] bytes, long length) {

        /** Whether the line was longer than the limit, and {@link #bytes} holds only its start. */
        boolean isTooLong() {
            return length > bytes.length;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final int prefixBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];

    /**
     * @param maxLineBytes the longest line returned whole
     * @param prefixBytes how much of a longer line to return (at most {@code maxLineBytes})
     */
    LineReader(InputStream in, int maxLineBytes, int prefixBytes) {
        if (maxLineBytes < 1 || prefixBytes < 0) {
            throw new IllegalArgumentException("maxLineBytes must be positive and prefixBytes not negative");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.prefixBytes = Math.min(prefixBytes, maxLineBytes);
    }

    /** The next line, or {@code null} at the end of the stream. */
    Line next() throws IOException {
        long length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? finish(length) : null;
                }
            }
            any = true;
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int n = end - position;
            if (length < maxLineBytes) {
                keep(length, (int) Math.min(n, maxLineBytes - length));
            }
            length += n;
            if (end < limit) {
                position = end + 1;
                return finish(length);
            }
            position = end;
        }
    }

    /** Appends {@code n} bytes from the read buffer at {@code position} after the {@code kept} bytes already held. */
    private void keep(long kept, int n) {
        int needed = (int) kept + n;
        if (needed > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max(needed, 2L * line.length)));
        }
        System.arraycopy(buffer, position, line, (int) kept, n);
    }

    private Line finish(long length) {
        if (length > maxLineBytes) {
            return new Line(Arrays.copyOf(line, prefixBytes), length);
        }
        return new Line(Arrays.copyOf(line, (int) length), length);
    }
}
