package io.imwatch.benchmarks.process;

import io.imwatch.app.demo.DemoEvent;
import io.imwatch.app.demo.DemoTraffic;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes N lines of the demo's mixed traffic (every vendor and format, no malformed records; the
 * seed of the JMH corpus) to a file, one event per line: the input of the whole-process comparison
 * of {@code imwatch classify FILE} with {@link JacksonLines}.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.imwatch.benchmarks.process.MixedLines 1000000 /tmp/mixed.log}
 */
public final class MixedLines {

    private MixedLines() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: MixedLines COUNT FILE");
            System.exit(2);
        }
        long count = Long.parseLong(args[0]);
        DemoTraffic traffic = new DemoTraffic(20_261_120L, false);
        long now = 1_795_687_200_000L; // 2026-11-20T10:00:00Z
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[1])), 1 << 16)) {
            for (long n = 0; n < count; ) {
                DemoEvent event = traffic.next(now);
                now += 25;
                byte[] value = event.value();
                if (indexOfNewline(value) >= 0) {
                    continue; // one event per line
                }
                out.write(value);
                out.write('\n');
                bytes += value.length + 1;
                n++;
            }
        }
        System.err.printf("%d lines, %d bytes%n", count, bytes);
    }

    private static int indexOfNewline(byte[] value) {
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '\n' || value[i] == '\r') {
                return i;
            }
        }
        return -1;
    }
}
