package dev.jailspec.matrix;

import java.util.Objects;

/** What running one cell on one host came to. */
sealed interface CellOutcome {
    /** The cell's run ended on its host: every scenario passed, or not ({@code detail} says what failed). */
    record Ran(boolean passed, String detail) implements CellOutcome {
        public Ran {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The host dropped out (its logins again all failed, or it could not be reached at all):
     * {@code reason} is the transport's error; {@code cellStarted} whether a scenario of the cell had
     * begun there (the cell then failed with that error), else the cell can run on another host.
     */
    record HostLost(String reason, boolean cellStarted) implements CellOutcome {
        public HostLost {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The cell was never run: every host had dropped out before its turn ({@code reason} names them). */
    record NotRun(String reason) implements CellOutcome {
        public NotRun {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean passed() {
        return this instanceof Ran r && r.passed();
    }
}
