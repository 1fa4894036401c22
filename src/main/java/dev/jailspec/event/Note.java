package dev.jailspec.event;

import java.time.Instant;

/** A sentence for the reader of the report, e.g. "template 14.3-RELEASE@base reused". */
public record Note(Instant at, String text) implements JailspecEvent {
}
