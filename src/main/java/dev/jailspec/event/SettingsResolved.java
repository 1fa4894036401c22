package dev.jailspec.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The settings in effect, with where each came from ("default", "jailspec.properties", ...). */
public record SettingsResolved(Instant at, Map<String, String> values, Map<String, String> sources)
        implements JailspecEvent {
    public SettingsResolved {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(sources, "sources");
        values = Map.copyOf(values);
        sources = Map.copyOf(sources);
    }
}
