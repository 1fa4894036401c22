package dev.jailspec.provision;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;

/** Runs steps as check, apply if needed, verify; says in the report which ones were already done. */
public final class StepRunner {
    public enum Outcome { APPLIED, ALREADY_DONE }

    private final EventBus bus;

    public StepRunner(EventBus bus) {
        this.bus = bus;
    }

    /**
     * Checks, applies if needed, verifies. Any failure, a command that failed or hung included,
     * becomes a {@link ProvisionException} "&lt;step&gt; failed: &lt;cause&gt;" that keeps the cause,
     * so the report names the step and the command.
     */
    public Outcome ensure(ProvisionStep step) {
        try {
            if (step.isDone()) {
                bus.publish(new Note(bus.now(), "already done, reused: " + step.description()));
                step.verify();
                return Outcome.ALREADY_DONE;
            }
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
