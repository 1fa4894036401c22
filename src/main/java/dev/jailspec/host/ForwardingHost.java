package dev.jailspec.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one base of the host decorators ({@link ObservedHost}, {@link TimedHost},
 * {@link RecordingHost}): every operation goes to the wrapped host unless the decorator overrides
 * it, so a new {@link Host} method cannot be forgotten by one of them (upload and close included).
 */
public abstract class ForwardingHost implements Host {
    private final Host inner;

    protected ForwardingHost(Host inner) {
        this.inner = java.util.Objects.requireNonNull(inner, "inner");
    }

    /** The host this one wraps. */
    protected final Host inner() {
        return inner;
    }

    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        return inner.run(command, lines);
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
    public void upload(Path localFile, String absolutePath, int mode) {
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
