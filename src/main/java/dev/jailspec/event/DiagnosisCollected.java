package dev.jailspec.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What jailspec looked at, read only, when a scenario failed, so the reader of the report sees why
 * without a second run: each probe's name, what it ran or read, and what it answered (or why it
 * could not: a probe that fails is noted, never a reason to stop).
 */
public record DiagnosisCollected(Instant at, String scenario, List<Probe> probes) implements JailspecEvent {
    public DiagnosisCollected {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(scenario, "scenario");
        probes = List.copyOf(probes);
    }

    /** One probe: {@code source} is the command line or the file read; {@code answered} false when it failed. */
    public record Probe(String name, String source, String text, boolean answered) {
        public Probe {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(text, "text");
        }
    }
}
