package dev.jailspec.jailconf;

import java.util.Objects;

/**
 * {@code .include "target";}. The target is literal text (jail(8) refuses variables in it) and
 * may be a glob pattern; a relative target is relative to the including file's directory.
 * {@code .include "a", "b";} is read as two Include statements.
 */
public record Include(String target) implements Statement {

    static final String DIRECTIVE = ".include";

    public Include {
        Objects.requireNonNull(target, "target");
    }
}
