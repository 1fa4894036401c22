package dev.jailspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedOutputTest {

    private static void append(BoundedOutput out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.append(bytes, 0, bytes.length);
    }

    @Test
    void keepsEverythingUpToTheLimit() {
        var out = new BoundedOutput(16);
        append(out, "0123456789");
        append(out, "abcdef");

        assertThat(out.text()).isEqualTo("0123456789abcdef");
        assertThat(out.droppedBytes()).isZero();
    }

    @Test
    void dropsTheMiddleInSmallAndLargeChunks() {
        var out = new BoundedOutput(16);  // 2 bytes of head, 14 of tail
        append(out, "0123456789");
        append(out, "abcdef");
        append(out, "g");

        assertThat(out.text()).isEqualTo("01\n[... 1 bytes dropped]\n3456789abcdefg");

        append(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        assertThat(out.text()).isEqualTo("01\n[... 27 bytes dropped]\nMNOPQRSTUVWXYZ");
    }
}
