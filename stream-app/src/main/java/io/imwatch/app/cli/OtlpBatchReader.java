package io.imwatch.app.cli;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Splits an input into OTLP batches for {@code imwatch classify}: length-delimited protobuf (each
 * batch behind its varint length, as protobuf's {@code writeDelimitedTo} writes them), the whole
 * input as one protobuf batch, or one OTLP/JSON batch per line. A batch over the limit is skipped,
 * never held.
 */
final class OtlpBatchReader {

    /**
     * One batch, or why there is none.
     *
     * @param bytes the batch; {@code null} when it could not be read
     * @param problem why it could not be read (too large, truncated), or {@code null}
     */
    record Batch(byte[] bytes, String problem) {}

    /** The largest batch read (the stream's batches are bounded by Kafka's record size). */
    static final int MAX_BATCH_BYTES = 64 << 20;

    private final InputStream in;
    private final ClassifyFormat format;
    private final LineReader lines;
    private boolean wholeInputRead;

    OtlpBatchReader(InputStream in, ClassifyFormat format) {
        this.in = in;
        this.format = format;
        this.lines = format == ClassifyFormat.OTLP_JSON ? new LineReader(in, MAX_BATCH_BYTES, 0) : null;
    }

    /** The next batch, or {@code null} at the end of the input. */
    Batch next() throws IOException {
        return switch (format) {
            case OTLP_JSON -> nextLine();
            case OTLP_PROTO -> nextDelimited();
            case OTLP_PROTO_BATCH -> wholeInput();
            case LINES -> throw new IllegalStateException("lines are read by LineReader");
        };
    }

    private Batch nextLine() throws IOException {
        LineReader.Line line = lines.next();
        if (line == null) {
            return null;
        }
        return line.isTooLong() ? tooLarge(line.length()) : new Batch(line.bytes(), null);
    }

    private Batch nextDelimited() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        long length;
        try {
            length = CodedInputStream.readRawVarint32(first, in) & 0xFFFFFFFFL;
        } catch (IOException e) {
            return truncated("its length prefix is cut short");
        }
        if (length > MAX_BATCH_BYTES) {
            skip(length);
            return tooLarge(length);
        }
        byte[] batch = in.readNBytes((int) length);
        if (batch.length < length) {
            return truncated("the input ends " + (length - batch.length) + " bytes before its end");
        }
        return new Batch(batch, null);
    }

    private Batch wholeInput() throws IOException {
        if (wholeInputRead) {
            return null;
        }
        wholeInputRead = true;
        byte[] batch = in.readNBytes(MAX_BATCH_BYTES + 1);
        if (batch.length > MAX_BATCH_BYTES) {
            return tooLarge(MAX_BATCH_BYTES + 1L + in.transferTo(OutputStream.nullOutputStream()));
        }
        return new Batch(batch, null);
    }

    private static Batch tooLarge(long length) {
        return new Batch(null, "too-large: a batch of " + length + " bytes is over the limit of " + MAX_BATCH_BYTES);
    }

    private static Batch truncated(String why) {
        return new Batch(null, "malformed-otlp: a length-delimited batch is truncated: " + why);
    }

    private void skip(long length) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            long skipped = in.skip(remaining);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    return;
                }
                skipped = 1;
            }
            remaining -= skipped;
        }
    }
}
