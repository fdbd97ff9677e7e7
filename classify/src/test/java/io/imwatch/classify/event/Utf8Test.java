package io.imwatch.classify.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static int check(byte... bytes) {
        return Utf8.firstInvalid(bytes, 0, bytes.length);
    }

    @Test
    void shouldAcceptAsciiAndMultiByteText() {
        byte[] text = "errMsg 群组已解散 ✓ 😀".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.firstInvalid(text, 0, text.length)).isEqualTo(-1);
    }

    @Test
    void shouldRejectTruncatedOverlongSurrogateAndOutOfRangeSequences() {
        assertThat(check((byte) 'a', (byte) 0xE4, (byte) 0xB8)).isEqualTo(1); // truncated 3-byte sequence
        assertThat(check((byte) 0xC0, (byte) 0xAF)).isEqualTo(0); // overlong '/'
        assertThat(check((byte) 0xE0, (byte) 0x80, (byte) 0xAF)).isEqualTo(0); // overlong in 3 bytes
        assertThat(check((byte) 0xED, (byte) 0xA0, (byte) 0x80)).isEqualTo(0); // UTF-16 surrogate
        assertThat(check((byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80)).isEqualTo(0); // past U+10FFFF
        assertThat(check((byte) 'x', (byte) 0x80)).isEqualTo(1); // stray continuation byte
        assertThat(check((byte) 0xC3, (byte) 'x')).isEqualTo(0); // lead without continuation
    }

    @Test
    void shouldFindABadByteAtAnyOffsetAroundTheWordSizedAsciiSkips() {
        for (int length = 1; length <= 40; length++) {
            for (int bad = 0; bad < length; bad++) {
                byte[] bytes = "a".repeat(length).getBytes(StandardCharsets.US_ASCII);
                bytes[bad] = (byte) 0xFF;
                assertThat(check(bytes)).as("0xFF at %d of %d", bad, length).isEqualTo(bad);
            }
        }
    }

    @Test
    void shouldValidateWithinASliceOnly() {
        byte[] bytes = "\u00ff-ascii-ascii-ascii-é".getBytes(StandardCharsets.UTF_8);
        bytes[0] = (byte) 0xFF; // outside the slice
        assertThat(Utf8.firstInvalid(bytes, 2, bytes.length)).isEqualTo(-1);
        assertThat(Utf8.firstInvalid(bytes, 2, bytes.length - 1)).isEqualTo(bytes.length - 2); // cut 'é' in two
    }
}
