package dev.jailspec.event;

import java.util.Objects;

/** What a command read on its standard input, as the report shows it. */
public sealed interface Stdin {
    /** The command got no input. */
    record None() implements Stdin {
    }

    /** Text small enough to show. */
    record Text(String text) implements Stdin {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Input too large to show: only its size. */
    record Omitted(long bytes) implements Stdin {
    }

    Stdin NONE = new None();
}
