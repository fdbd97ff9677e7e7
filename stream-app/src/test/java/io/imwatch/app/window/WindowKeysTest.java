package io.imwatch.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowKeysTest {

    @Test
    void shouldSortByWindowFirstAndSplitBackIntoItsParts() {
        String early = WindowKeys.of(9_000, "z|key");
        String late = WindowKeys.of(60_000, "a|key");

        assertThat(early).isLessThan(late);
        assertThat(WindowKeys.windowStart(late)).isEqualTo(60_000);
        assertThat(WindowKeys.key(late)).isEqualTo("a|key");
    }

    @Test
    void shouldBoundARangeScanAtTheLastWindowIncluded() {
        assertThat(WindowKeys.of(60_000, "any|key")).isLessThan(WindowKeys.through(60_000));
        assertThat(WindowKeys.of(120_000, "")).isGreaterThan(WindowKeys.through(60_000));
    }
}
