package dev.jailspec.event;

import java.time.Instant;

public record JailStateChanged(Instant at, String jail, State state, String path) implements JailspecEvent {
    public enum State { STARTED, STOPPED }
}
