package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/** The harness wrote a whole file on the host (for runbooks and reports). */
public record FileWritten(Instant at, String path, int mode, FileContent content) implements JailspecEvent {
    public FileWritten {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }
}
