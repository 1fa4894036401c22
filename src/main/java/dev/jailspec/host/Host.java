package dev.jailspec.host;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A machine that runs commands and holds files: the simulated host ({@code sim.SimHost}) or this
 * machine ({@link LocalHost}); a host over SSH is planned, not written. Decorators add to any of
 * them through {@link ForwardingHost} ({@link ObservedHost}, {@link TimedHost}, {@link RecordingHost}).
 * Paths are absolute paths on the target. Knows nothing of jails.
 */
public interface Host extends AutoCloseable {

    /**
     * Runs {@code command}, handing each output line to {@code lines} while it runs.
     *
     * @throws CommandTimeoutException when it outlives its timeout (it is killed first)
     * @throws TransportException when it cannot be run at all
     */
    CommandResult run(Command command, Consumer<OutputLine> lines);

    default CommandResult run(Command command) {
        return run(command, line -> { });
    }

    Optional<FileStat> stat(String absolutePath);

    byte[] readFile(String absolutePath);

    default String readText(String absolutePath) {
        return new String(readFile(absolutePath), StandardCharsets.UTF_8);
    }

    /** The names in a directory, sorted; empty when it is not a directory. */
    java.util.List<String> list(String absoluteDir);

    /** Writes the whole file, replacing it; {@code mode} as in chmod(1), e.g. 0644. */
    void writeFile(String absolutePath, byte[] content, int mode);

    default void writeText(String absolutePath, String content) {
        writeFile(absolutePath, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    /** Copies a local file to the target; transports override this to stream large files. */
    default void upload(java.nio.file.Path localFile, String absolutePath, int mode) {
        try {
            writeFile(absolutePath, java.nio.file.Files.readAllBytes(localFile), mode);
        } catch (java.io.IOException e) {
            throw new TransportException("cannot read " + localFile + " to upload it to " + absolutePath, e);
        }
    }

    /** A short name for messages and reports, e.g. "sim:/tmp/jailspec-sim-123" or "local". */
    String describe();

    @Override
    default void close() {
    }
}
