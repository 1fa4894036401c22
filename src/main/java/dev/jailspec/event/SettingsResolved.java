package dev.jailspec.event;

import java.time.Instant;
import java.util.Map;

/** The settings in effect, with where each came from ("default", "jailspec.properties", ...). */
public record SettingsResolved(Instant at, Map<String, String> values, Map<String, String> sources)
        implements JailspecEvent {
    public SettingsResolved {
        values = Map.copyOf(values);
        sources = Map.copyOf(sources);
    }
}
