package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/** A sentence for the reader of the report, e.g. "template 14.3-RELEASE@base reused". */
public record Note(Instant at, String text) implements JailspecEvent {
    public Note {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }
}
