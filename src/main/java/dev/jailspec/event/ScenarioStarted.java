package dev.jailspec.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

public record ScenarioStarted(Instant at, String name, String uri, List<String> tags) implements JailspecEvent {
    public ScenarioStarted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(tags, "tags");
        tags = List.copyOf(tags);
    }
}
