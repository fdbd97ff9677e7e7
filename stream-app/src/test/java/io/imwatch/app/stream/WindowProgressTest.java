package io.imwatch.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowProgressTest {

    @Test
    void shouldFollowTheRecordsWhileTheyArriveButNeverRunAheadOfTheWallClock() {
        long now = 1_000_000;
        assertThat(WindowProgress.at(now, now - 5_000, 70_000, now - 30_000))
                .as("backlog: the records' time")
                .isEqualTo(now - 30_000);
        assertThat(WindowProgress.at(now, now - 5_000, 70_000, now + 600_000))
                .as("future-dated events: the wall clock")
                .isEqualTo(now);
    }

    @Test
    void shouldFollowTheWallClockOnceTheInputIsQuiet() {
        long now = 1_000_000;
        assertThat(WindowProgress.at(now, now - 70_001, 70_000, now - 500_000)).isEqualTo(now);
        assertThat(WindowProgress.at(now, WindowProgress.NO_RECORD, 70_000, -1)).isEqualTo(now);
    }

    @Test
    void shouldPadWindowStartsSoThatKeysSortByTime() {
        assertThat(WindowProgress.padded(60_000)).isEqualTo("0000000000000060000");
        assertThat(WindowProgress.padded(9_000)).isLessThan(WindowProgress.padded(60_000));
    }
}
