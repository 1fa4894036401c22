package dev.jailspec.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {
    @Test
    void millisecondsUpToTenSecondsThenSecondsOrWholeMinutes() {
        assertThat(HumanDuration.of(Duration.ofMillis(300))).isEqualTo("300 ms");
        assertThat(HumanDuration.of(Duration.ofMillis(9_999))).isEqualTo("9999 ms");
        assertThat(HumanDuration.of(Duration.ofSeconds(12))).isEqualTo("12 s");
        assertThat(HumanDuration.of(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(HumanDuration.of(Duration.ofMinutes(5))).isEqualTo("5 min");
    }
}
