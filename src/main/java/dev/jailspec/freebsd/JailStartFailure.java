package dev.jailspec.freebsd;

import java.util.Objects;

/**
 * A jail rc.d/jail could not start, with what jail(8) printed (rc.d/jail captures it and prints
 * it after {@code cannot start jail  "NAME": }). The name {@code *} stands for a failed
 * {@code jail -c} of every configured jail, which rc.d/jail prints without a per-jail marker.
 */
public record JailStartFailure(String name, String jailOutput) {
    public JailStartFailure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jailOutput, "jailOutput");
    }
}
