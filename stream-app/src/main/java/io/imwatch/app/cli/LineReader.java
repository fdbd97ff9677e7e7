package io.imwatch.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines of raw bytes (without the '\n'), so that invalid UTF-8 in one line is
 * reported for that line instead of being silently replaced by a decoder.
 */
final class LineReader {

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or {@code null} at the end of the stream. */
    byte[] next() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? Arrays.copyOf(line, length) : null;
                }
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                return Arrays.copyOf(line, length);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = b;
        }
    }
}
