package dev.jailspec.host;

import java.util.function.Consumer;

/**
 * Gives every command the timeout of its kind from a {@link TimeoutPolicy} before the transport
 * runs it, so callers name a kind ({@code withKind(CommandKind.EXTRACT)}) and never pick numbers. A command
 * that outlives it is killed by the transport, which throws {@link CommandTimeoutException}
 * naming the command and how long it ran.
 */
public final class TimedHost extends ForwardingHost {
    private final TimeoutPolicy policy;

    public TimedHost(Host inner, TimeoutPolicy policy) {
        super(inner);
        this.policy = policy;
    }

    public TimeoutPolicy policy() {
        return policy;
    }

    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        return inner().run(command.withTimeout(policy.timeoutFor(command.kind())), lines);
    }
}
