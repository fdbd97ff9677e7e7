package io.imwatch.classify.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    @Test
    void shouldWriteWhatInstantToStringWrites() {
        assertThat(IsoInstant.format(Instant.parse("2026-11-20T10:15:02.331Z").toEpochMilli()))
                .isEqualTo("2026-11-20T10:15:02.331Z");
        assertThat(IsoInstant.format(Instant.parse("2026-11-20T10:15:00Z").toEpochMilli()))
                .isEqualTo("2026-11-20T10:15:00Z");
        long[] edges = {
            0,
            -1,
            1,
            999,
            1000,
            951_782_400_000L,
            4_107_456_000_000L, // 1970, 2000-02-29, 2100-03-01
            -62_167_219_200_001L,
            -62_167_219_200_000L,
            -62_167_219_199_999L, // around 0000-01-01
            253_402_300_799_999L,
            253_402_300_800_000L, // around 10000-01-01
            Long.MIN_VALUE / 1000,
            Long.MAX_VALUE / 1000
        };
        for (long millis : edges) {
            assertThat(IsoInstant.format(millis))
                    .as("%d", millis)
                    .isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long millis = i % 2 == 0
                    ? 1_600_000_000_000L + random.nextInt(Integer.MAX_VALUE) * 100L // around now
                    : random.nextLong() % 400_000_000_000_000L; // years -10700 to 14600
            assertThat(IsoInstant.format(millis))
                    .as("%d", millis)
                    .isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
    }
}
