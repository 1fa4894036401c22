package dev.jailspec.host;

import dev.jailspec.event.CommandKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The timeout of each kind of command ({@link Command#kind()}): {@code DEFAULT} for most tools,
 * longer ones for jail, download, extract, update and dnf. A kind without an entry gets the
 * default one. The one place where a command's timeout is decided: see {@link TimedHost}.
 */
public record TimeoutPolicy(Map<CommandKind, Duration> byKind) {

    /** From the settings' keys ("default", "jail", ...: {@link CommandKind#key()}). */
    public static TimeoutPolicy ofKeys(Map<String, Duration> byKey) {
        var map = new EnumMap<CommandKind, Duration>(CommandKind.class);
        byKey.forEach((key, d) -> map.put(CommandKind.ofKey(key), d));
        return new TimeoutPolicy(map);
    }

    public TimeoutPolicy {
        byKind = Map.copyOf(byKind);
        if (!byKind.containsKey(CommandKind.DEFAULT)) {
            throw new IllegalArgumentException("a timeout policy needs a \"default\" entry, got " + byKind.keySet());
        }
        for (Duration d : byKind.values()) {
            Objects.requireNonNull(d, "timeout");
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("timeouts must be positive, got " + byKind);
            }
        }
    }

    public Duration timeoutFor(CommandKind kind) {
        return byKind.getOrDefault(kind, byKind.get(CommandKind.DEFAULT));
    }
}
