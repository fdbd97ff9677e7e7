package io.imwatch.classify.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final long REF = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void shouldReadVendorLayoutsAsUtc() {
        assertThat(Timestamps.parseLeading("2026-11-20 10:15:02.331  INFO G gw", REF))
                .isEqualTo(at("2026-11-20T10:15:02.331Z"));
        assertThat(Timestamps.parseLeading("2026-11-20 10:15:03.118\tERROR", REF))
                .isEqualTo(at("2026-11-20T10:15:03.118Z"));
        assertThat(Timestamps.parseLeading("2026-11-20 10:15:03", REF)).isEqualTo(at("2026-11-20T10:15:03Z"));
    }

    @Test
    void shouldReadIsoWithFractionsAndOffsets() {
        assertThat(Timestamps.parseLeading("2026-11-20T10:15:09.002Z", REF)).isEqualTo(at("2026-11-20T10:15:09.002Z"));
        assertThat(Timestamps.parseLeading("2026-11-20T18:15:09.002123+08:00", REF))
                .isEqualTo(at("2026-11-20T10:15:09.002Z"));
        assertThat(Timestamps.parseLeading("2026-11-20T05:15:09-0500", REF)).isEqualTo(at("2026-11-20T10:15:09Z"));
        assertThat(Timestamps.parseLeading("2026-11-20 10:15:09,5", REF)).isEqualTo(at("2026-11-20T10:15:09.500Z"));
    }

    @Test
    void shouldGiveLogcatTimesTheReferenceYearOrTheOneBefore() {
        assertThat(Timestamps.parseLeading("11-20 10:15:04.552 I/JMessage: x", REF))
                .isEqualTo(at("2026-11-20T10:15:04.552Z"));
        long january = at("2027-01-01T00:10:00Z");
        assertThat(Timestamps.parseLeading("12-31 23:59:59.000 E/iGap: x", january))
                .isEqualTo(at("2026-12-31T23:59:59Z"));
    }

    @Test
    void shouldReadNineteenDigitStringsAsEpochNanosAndNothingShorter() {
        assertThat(Timestamps.fromEpochNanoDigits("1795169706250999999")).isEqualTo(at("2026-11-20T10:15:06.250Z"));
        assertThat(Timestamps.fromEpochNanoDigits("0")).isEqualTo(Timestamps.NONE);
        assertThat(Timestamps.fromEpochNanoDigits("20261120101500123")).isEqualTo(Timestamps.NONE);
        assertThat(Timestamps.fromEpochNanoDigits("9999999999999999999")).isEqualTo(Timestamps.NONE);
        assertThat(Timestamps.fromEpochNanoDigits("179516970625000000x")).isEqualTo(Timestamps.NONE);
    }

    @Test
    void shouldNotMistakeOtherLeadingNumbersForTimes() {
        assertThat(Timestamps.parseLeading("88213|1893023|ANDROID", REF)).isEqualTo(Timestamps.NONE);
        assertThat(Timestamps.parseLeading("2026-13-20 10:15:02", REF)).isEqualTo(Timestamps.NONE);
        assertThat(Timestamps.parseLeading("[WebIM] onError", REF)).isEqualTo(Timestamps.NONE);
        assertThat(Timestamps.parseLeading("", REF)).isEqualTo(Timestamps.NONE);
    }

    @Test
    void shouldTellEpochUnitsApartByMagnitude() {
        assertThat(Timestamps.fromEpochNumber(1732280000.123)).isEqualTo(1732280000123L);
        assertThat(Timestamps.fromEpochNumber(1732280000123d)).isEqualTo(1732280000123L);
        assertThat(Timestamps.fromEpochNumber(1732280000123456d)).isEqualTo(1732280000123L);
        assertThat(Timestamps.fromEpochNumber(1732280000123456789d)).isEqualTo(1732280000123L);
    }

    @Test
    void shouldAgreeWithJavaTimeOnDays() {
        for (LocalDate d = LocalDate.of(1999, 12, 25); d.isBefore(LocalDate.of(2030, 3, 5)); d = d.plusDays(37)) {
            assertThat(Timestamps.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .isEqualTo(d.toEpochDay());
        }
    }
}
