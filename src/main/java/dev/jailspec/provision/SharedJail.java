package dev.jailspec.provision;

import java.util.Optional;

/**
 * The run's one slot for a jail a passed {@code @read-only} scenario left running ({@link ScenarioScope}).
 * The provisioner in it stays registered with the run, so the JVM's shutdown hook still tears it down.
 */
final class SharedJail {
    record Held(Provisioner provisioner, ScenarioScope scope) {
    }

    private Held held;

    synchronized void hold(Provisioner provisioner, ScenarioScope scope) {
        if (held != null) {
            throw new IllegalStateException("a jail is already held for \"" + held.scope().scenario()
                    + "\"; the next scenario takes it or tears it down first");
        }
        held = new Held(provisioner, scope);
    }

    /** The held jail, which the caller now takes over or tears down; empty when none is held. */
    synchronized Optional<Held> take() {
        Optional<Held> taken = Optional.ofNullable(held);
        held = null;
        return taken;
    }
}
