package dev.jailspec.freebsd;

import java.util.List;
import java.util.Objects;

/** A {@code member:} line of a bridge: {@code member: em0 flags=1c7<LEARNING,DISCOVER,...>}. */
public record BridgeMember(String name, List<String> flags) {
    public BridgeMember {
        Objects.requireNonNull(name, "name");
        flags = List.copyOf(flags);
    }
}
