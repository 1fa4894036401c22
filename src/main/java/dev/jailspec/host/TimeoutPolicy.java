package dev.jailspec.host;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The timeout of each kind of command ({@link Command#kind()}): "default" for most tools, longer
 * ones for "jail", "download", "extract", "update" and "dnf". A kind without an entry gets the
 * "default" one. The one place where a command's timeout is decided: see {@link TimedHost}.
 */
public record TimeoutPolicy(Map<String, Duration> byKind) {

    public TimeoutPolicy {
        byKind = Map.copyOf(byKind);
        if (!byKind.containsKey("default")) {
            throw new IllegalArgumentException("a timeout policy needs a \"default\" entry, got " + byKind.keySet());
        }
        for (Duration d : byKind.values()) {
            Objects.requireNonNull(d, "timeout");
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("timeouts must be positive, got " + byKind);
            }
        }
    }

    public Duration timeoutFor(String kind) {
        return byKind.getOrDefault(kind, byKind.get("default"));
    }
}
