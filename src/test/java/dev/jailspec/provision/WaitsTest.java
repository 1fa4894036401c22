package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.WaitFinished;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {
    private final EventBus bus = new EventBus();
    private final List<WaitFinished> waits = new ArrayList<>();

    WaitsTest() {
        bus.subscribe(WaitFinished.class, waits::add);
    }

    @Test
    void returnsTheFirstAcceptedValueAndReportsThePolls() {
        var calls = new AtomicInteger();
        String value = new Waits(bus).until("jail lrdev running", Duration.ofSeconds(5),
                () -> calls.incrementAndGet() < 3 ? "not yet" : "running", "running"::equals, v -> v);

        assertThat(value).isEqualTo("running");
        assertThat(waits).singleElement().satisfies(w -> {
            assertThat(w.alias()).isEqualTo("jail lrdev running");
            assertThat(w.satisfied()).isTrue();
            assertThat(w.polls()).isEqualTo(3);
            assertThat(w.timeoutMs()).isEqualTo(5000);
        });
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndWhatWasLastSeen() {
        assertThatThrownBy(() -> new Waits(bus).until("jail lrdev running at /zdata/jails/containers/lrdev",
                Duration.ofMillis(1000), () -> "jls: jail \"lrdev\" not found", v -> false, v -> "last jls said " + v))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waited 1000 ms for jail lrdev running at /zdata/jails/containers/lrdev")
                .hasMessageContaining("last jls said jls: jail \"lrdev\" not found");
        assertThat(waits).singleElement().satisfies(w -> {
            assertThat(w.satisfied()).isFalse();
            assertThat(w.polls()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void aProbeThatKeepsThrowingSaysSo() {
        assertThatThrownBy(() -> new Waits(bus).until("never answers", Duration.ofMillis(300),
                () -> {
                    throw new IllegalStateException("host unreachable");
                }, v -> true, Object::toString))
                .hasMessageContaining("nothing (the probe never answered)");
    }

    @Test
    void aWaitThatBacksOffAsksTheHostLessAndStillSaysWhatItSaw() {
        // Polls at 0, 0.25, 0.75, 1.75 s and then every 2 s: at most 5 in 3 s, where a fixed 250 ms makes 12.
        assertThatThrownBy(() -> new Waits(bus).untilBackingOff("jail lrdev freed", Duration.ofSeconds(3),
                () -> "dying", v -> false, v -> "jls -d said " + v))
                .hasMessageContaining("waited 3000 ms for jail lrdev freed")
                .hasMessageContaining("jls -d said dying");
        assertThat(waits).singleElement().satisfies(w -> assertThat(w.polls()).isBetween(2, 5));
    }
}
