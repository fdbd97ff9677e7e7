package io.imwatch.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<LineReader.Line> all(LineReader reader) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }

    private static String text(LineReader.Line line) {
        return new String(line.bytes(), UTF_8);
    }

    @Test
    void shouldSplitLinesKeepingEmptyOnesAndALastLineWithoutNewline() throws IOException {
        List<LineReader.Line> lines =
                all(new LineReader(new ByteArrayInputStream("a\n\nbc\r\nlast".getBytes(UTF_8)), 100, 10));

        assertThat(lines).extracting(LineReaderTest::text).containsExactly("a", "", "bc\r", "last");
        assertThat(lines).noneMatch(LineReader.Line::isTooLong);
    }

    @Test
    void shouldReturnALineAtTheLimitWholeAndOnlyThePrefixOfALongerOne() throws IOException {
        String atLimit = "x".repeat(16);
        String over = "0123456789".repeat(2) + "y";
        List<LineReader.Line> lines = all(
                new LineReader(new ByteArrayInputStream((atLimit + "\n" + over + "\nnext").getBytes(UTF_8)), 16, 4));

        assertThat(text(lines.get(0))).isEqualTo(atLimit);
        assertThat(lines.get(0).isTooLong()).isFalse();
        assertThat(lines.get(1).isTooLong()).isTrue();
        assertThat(text(lines.get(1))).isEqualTo("0123");
        assertThat(lines.get(1).length()).isEqualTo(21);
        assertThat(text(lines.get(2))).isEqualTo("next");
    }

    @Test
    void shouldCountALineLongerThanAnArrayCanHoldWithoutHoldingIt() throws IOException {
        long length = 3L << 30; // 3 GiB: no byte[] could hold it
        LineReader reader = new LineReader(new RepeatedLineInput(length, "after\n".getBytes(UTF_8)), 1 << 20, 8);

        LineReader.Line huge = reader.next();
        assertThat(huge.length()).isEqualTo(length);
        assertThat(huge.bytes()).hasSize(8);
        assertThat(text(reader.next())).isEqualTo("after");
        assertThat(reader.next()).isNull();
    }
}
