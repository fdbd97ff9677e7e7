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
}
