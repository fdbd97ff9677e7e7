package io.imwatch.benchmarks.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imwatch.classify.event.LogEventParser;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The baseline of the whole-process comparison: reads a file of lines and writes each back through
 * Jackson, as {@code ClassifyBenchmark.jacksonBaseline} does per event — a JSON line is read into a
 * tree and written back, a text line is written as {@code {"message": line}} — one output line per
 * input line on stdout. Compare with {@code imwatch classify FILE} on the same file (BENCHMARKS.md).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.imwatch.benchmarks.process.JacksonLines /tmp/mixed.log > /dev/null}
 */
public final class JacksonLines {

    private static final ObjectMapper MAPPER = LogEventParser.mapper();

    private JacksonLines() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JacksonLines FILE");
            System.exit(2);
        }
        long lines = 0;
        // chunks split at newlines by hand: a byte-at-a-time read would slow the baseline down
        try (InputStream in = Files.newInputStream(Path.of(args[0]));
                OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            ByteArrayOutputStream partial = new ByteArrayOutputStream(512);
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    if (partial.size() > 0) {
                        partial.write(buffer, start, i - start);
                        write(partial.toByteArray(), out);
                        partial.reset();
                    } else {
                        write(Arrays.copyOfRange(buffer, start, i), out);
                    }
                    lines++;
                    start = i + 1;
                }
                partial.write(buffer, start, n - start);
            }
            if (partial.size() > 0) {
                write(partial.toByteArray(), out);
                lines++;
            }
        }
        System.err.printf("%d lines%n", lines);
    }

    private static void write(byte[] value, OutputStream out) throws IOException {
        if (value.length > 0 && value[0] == '{') {
            out.write(MAPPER.writeValueAsBytes(MAPPER.readTree(value)));
        } else {
            ObjectNode wrapped = MAPPER.createObjectNode();
            wrapped.put("message", new String(value, StandardCharsets.UTF_8));
            out.write(MAPPER.writeValueAsBytes(wrapped));
        }
        out.write('\n');
    }
}
