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

    public Outcome ensure(ProvisionStep step) {
        if (step.isDone()) {
            bus.publish(new Note(bus.now(), "already done, reused: " + step.description()));
            step.verify();
            return Outcome.ALREADY_DONE;
        }
        step.apply();
        step.verify();
        return Outcome.APPLIED;
    }
}
