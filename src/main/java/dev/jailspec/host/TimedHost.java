package dev.jailspec.host;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Gives every command the timeout of its kind from a {@link TimeoutPolicy} before the transport
 * runs it, so callers name a kind ({@code withKind(CommandKind.EXTRACT)}) and never pick numbers. A command
 * that outlives it is killed by the transport, which throws {@link CommandTimeoutException}
 * naming the command and how long it ran.
 */
public final class TimedHost implements Host {
    private final Host inner;
    private final TimeoutPolicy policy;

    public TimedHost(Host inner, TimeoutPolicy policy) {
        this.inner = inner;
        this.policy = policy;
    }

    public TimeoutPolicy policy() {
        return policy;
    }

    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        return inner.run(command.withTimeout(policy.timeoutFor(command.kind())), lines);
    }

    @Override
    public Optional<FileStat> stat(String absolutePath) {
        return inner.stat(absolutePath);
    }

    @Override
    public byte[] readFile(String absolutePath) {
        return inner.readFile(absolutePath);
    }

    @Override
    public List<String> list(String absoluteDir) {
        return inner.list(absoluteDir);
    }

    @Override
    public void writeFile(String absolutePath, byte[] content, int mode) {
        inner.writeFile(absolutePath, content, mode);
    }

    @Override
    public void upload(java.nio.file.Path localFile, String absolutePath, int mode) {
        inner.upload(localFile, absolutePath, mode);
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
