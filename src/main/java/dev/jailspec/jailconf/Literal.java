package dev.jailspec.jailconf;

import java.util.Objects;

/** Literal text of a value, with quotes removed and backslash escapes already applied. */
public record Literal(String text) implements ValuePart {

    public Literal {
        Objects.requireNonNull(text, "text");
    }
}
