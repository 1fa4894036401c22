package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

public record JailStateChanged(Instant at, String jail, State state, String path) implements JailspecEvent {
    public JailStateChanged {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(jail, "jail");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(path, "path");
    }

    public enum State { STARTED, STOPPED }
}
