package dev.jailspec.event;

import java.time.Instant;
import java.util.List;

public record ScenarioStarted(Instant at, String name, String uri, List<String> tags) implements JailspecEvent {
    public ScenarioStarted {
        tags = List.copyOf(tags);
    }
}
