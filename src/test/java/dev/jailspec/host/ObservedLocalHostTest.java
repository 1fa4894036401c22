package dev.jailspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandOutput;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.JailspecEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ObservedLocalHostTest {
    private final EventBus bus = new EventBus();
    private final List<JailspecEvent> events = new CopyOnWriteArrayList<>();
    private final Host host = new ObservedHost(new LocalHost(), bus);

    ObservedLocalHostTest() {
        bus.subscribe(events::add);
    }

    @Test
    void publishesStartOutputAndFinishInOrder() {
        host.run(Command.of("sh", "-c", "echo one; echo two; exit 3"));

        assertThat(events).extracting(JailspecEvent::type)
                .containsExactly("CommandStarted", "CommandOutput", "CommandOutput", "CommandFinished");
        var started = (CommandStarted) events.get(0);
        assertThat(started.argv()).containsExactly("sh", "-c", "echo one; echo two; exit 3");
        assertThat(started.host()).isEqualTo("local");
        assertThat(events.subList(1, 3)).map(CommandOutput.class::cast)
                .extracting(CommandOutput::stream, CommandOutput::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stdout", "one"),
                        org.assertj.core.groups.Tuple.tuple("stdout", "two"));
        var finished = (CommandFinished) events.get(3);
        assertThat(finished.id()).isEqualTo(started.id());
        assertThat(finished.exitCode()).isEqualTo(3);
        assertThat(finished.durationMs()).isNotNegative();
        assertThat(finished.stdout()).isEqualTo("one\ntwo\n");
    }

    @Test
    void publishesATimeoutForAHangingProgram() {
        assertThatThrownBy(() -> host.run(Command.of("sleep", "30").withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(CommandTimeoutException.class);

        assertThat(events).extracting(JailspecEvent::type).containsExactly("CommandStarted", "CommandTimedOut");
        var timedOut = (CommandTimedOut) events.get(1);
        assertThat(timedOut.argv()).containsExactly("sleep", "30");
        assertThat(timedOut.timeoutMs()).isEqualTo(300);
        assertThat(timedOut.durationMs()).isGreaterThanOrEqualTo(300);
    }
}
