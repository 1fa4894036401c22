package dev.jailspec.provision;

import dev.jailspec.event.DatasetChanged;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import java.util.Objects;

/**
 * Runs steps as check, apply if needed, verify; says in the report which ones were already done.
 * Before a step applies, what it declared it will change ({@link ProvisionStep#undo()}) is recorded
 * in the scenario's {@link Teardown}: the one place undos are recorded, so a step that fails or
 * hangs half-way is still undone.
 */
public final class StepRunner {
    public enum Outcome {
        APPLIED, ALREADY_DONE;

        /** Puts a dataset step's outcome on the bus: {@code change} when applied, REUSED when already done. */
        void publish(EventBus bus, String dataset, DatasetChanged.Change change, String detail) {
            bus.publish(new DatasetChanged(bus.now(), dataset, this == APPLIED ? change : DatasetChanged.Change.REUSED,
                    detail));
        }
    }

    private final EventBus bus;
    private final Teardown teardown;

    StepRunner(EventBus bus, Teardown teardown) {
        this.bus = bus;
        this.teardown = Objects.requireNonNull(teardown, "teardown");
    }

    /**
     * Checks, records the step's undos and applies if needed, verifies (a step already done with
     * {@link ProvisionStep#verifyAlreadyDone()}). Any failure, a command that
     * failed or hung included, becomes a {@link ProvisionException} "&lt;step&gt; failed: &lt;cause&gt;"
     * that keeps the cause, so the report names the step and the command.
     */
    public Outcome ensure(ProvisionStep step) {
        try {
            if (step.isDone()) {
                bus.publish(new Note(bus.now(), "already done, reused: " + step.description()));
                step.verifyAlreadyDone();
                return Outcome.ALREADY_DONE;
            }
            step.undo().forEach(teardown::record);
            step.apply();
            step.verify();
            return Outcome.APPLIED;
        } catch (RuntimeException e) {
            throw failed(step.description(), e);
        }
    }

    static ProvisionException failed(String what, RuntimeException cause) {
        return new ProvisionException(what + " failed: " + cause.getMessage(), cause);
    }
}
