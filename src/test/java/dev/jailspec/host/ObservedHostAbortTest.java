package dev.jailspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.CommandAborted;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.JailspecEvent;
import java.util.ArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every command that starts on the bus also ends there, even when the transport throws. */
class ObservedHostAbortTest {
    @Test
    void aTransportFailureEndsTheCommandWithCommandAbortedAndIsRethrown() {
        Host broken = new ForwardingHost(new LocalHost()) {
            @Override
            public CommandResult run(Command command, Consumer<OutputLine> lines) {
                throw new TransportException("connection to h lost while running " + command.display());
            }
        };
        var bus = new EventBus();
        var events = new ArrayList<JailspecEvent>();
        bus.subscribe(events::add);

        assertThatThrownBy(() -> new ObservedHost(broken, bus).run(Command.probe("jls")))
                .isInstanceOf(TransportException.class);

        assertThat(events).extracting(JailspecEvent::type).containsExactly("CommandStarted", "CommandAborted");
        assertThat(((CommandAborted) events.get(1)).error()).isEqualTo("connection to h lost while running jls");
    }
}
