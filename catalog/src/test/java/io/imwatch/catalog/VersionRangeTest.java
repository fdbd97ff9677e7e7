package io.imwatch.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRangeTest {

    @Test
    void shouldCompareDottedVersionsNumerically() {
        VersionRange legacy = VersionRange.parse("<4.0");
        assertThat(legacy.contains("1.8.2")).isTrue();
        assertThat(legacy.contains("3.10.1")).isTrue();
        assertThat(legacy.contains("4.0")).isFalse();
        assertThat(legacy.contains("4.2.0-beta")).isFalse();
        assertThat(legacy.contains("v10.0")).isFalse();
    }

    @Test
    void shouldRequireAllComparators() {
        VersionRange range = VersionRange.parse(">=1.1 <4");
        assertThat(range.contains("1.0.9")).isFalse();
        assertThat(range.contains("1.1")).isTrue();
        assertThat(range.contains("3.99.99")).isTrue();
        assertThat(range.contains("4.0.0")).isFalse();
        assertThat(VersionRange.parse("=3.2").contains("3.2.0")).isTrue();
    }

    @Test
    void shouldTreatMissingOrNonNumericVersionAsInside() {
        VersionRange legacy = VersionRange.parse("<4.0");
        assertThat(legacy.contains(null)).isTrue();
        assertThat(legacy.contains("latest")).isTrue();
        assertThat(legacy.contains("99999999999999.1")).isFalse();
        assertThat(VersionRange.ANY.contains("12.0")).isTrue();
    }

    @Test
    void shouldRejectTextThatIsNotAComparator() {
        assertThatThrownBy(() -> VersionRange.parse("<4.0 or so"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'or' is not a version comparator");
    }
}
