package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One jail serving several scenarios of a feature that only look at it ({@code @read-only}): a passed
 * scenario leaves its jail running for the next one ({@link Change#HELD}), the next one takes it over
 * with everything its teardown will undo ({@link Change#TAKEN_OVER}), or, when the next scenario is of
 * another kind or the run ends, the jail is torn down then ({@link Change#RELEASED}). {@code scenario}
 * is the scenario that leaves, takes or gave up the jail; {@code heldFor} the one that built or held it.
 */
public record JailShared(Instant at, String jail, Change change, String scenario, String heldFor)
        implements JailspecEvent {
    public enum Change { HELD, TAKEN_OVER, RELEASED }

    public JailShared {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(jail, "jail");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(heldFor, "heldFor");
    }

    /** One line for the console and the report. */
    public String describe() {
        return switch (change) {
            case HELD -> "the jail " + jail + " stays running for the next @read-only scenario of this feature";
            case TAKEN_OVER -> "runs in the jail " + jail + " that \"" + heldFor + "\" left running (both @read-only);"
                    + " its teardown is this scenario's now";
            case RELEASED -> "the jail " + jail + " that \"" + heldFor + "\" left running is torn down: \"" + scenario
                    + "\" is not a @read-only scenario of the same feature";
        };
    }
}
