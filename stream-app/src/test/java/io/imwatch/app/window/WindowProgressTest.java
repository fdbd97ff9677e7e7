package io.imwatch.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowProgressTest {

    private static final long NOW = 1_000_000;

    @Test
    void shouldFollowTheRecordsWhileTheyArriveButNeverRunAheadOfTheWallClock() {
        WindowProgress progress = new WindowProgress(70_000, NOW - 100_000);
        progress.recordArrived(NOW - 5_000);

        assertThat(progress.at(NOW, NOW - 30_000))
                .as("backlog: the records' time")
                .isEqualTo(NOW - 30_000);
        assertThat(progress.at(NOW, NOW + 600_000))
                .as("future-dated events: the wall clock")
                .isEqualTo(NOW);
    }

    @Test
    void shouldFollowTheWallClockOnceTheInputIsQuiet() {
        WindowProgress progress = new WindowProgress(70_000, NOW - 100_000);
        progress.recordArrived(NOW - 70_001);

        assertThat(progress.at(NOW, NOW - 500_000)).isEqualTo(NOW);
    }

    @Test
    void shouldNotCloseWindowsOnTheWallClockRightAfterAStart() {
        // restarted after a long stop: the backlog is about to be read and decides
        WindowProgress progress = new WindowProgress(70_000, NOW);

        assertThat(progress.at(NOW + 1_000, NOW - 600_000)).isEqualTo(NOW - 600_000);
        assertThat(progress.at(NOW + 70_001, NOW - 600_000))
                .as("still nothing read: quiet")
                .isEqualTo(NOW + 70_001);
    }
}
