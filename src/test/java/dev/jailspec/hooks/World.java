package dev.jailspec.hooks;

import dev.jailspec.provision.JailspecRun;
import dev.jailspec.provision.Provisioner;

/**
 * Per-scenario state, made by PicoContainer for each scenario and shared by its step classes:
 * the run, and a provisioner that records what this scenario creates.
 */
public final class World {
    private final JailspecRun run;
    private final Provisioner provisioner;

    public World() {
        this.run = RunHooks.run();
        this.provisioner = new Provisioner(run);
    }

    public JailspecRun run() {
        return run;
    }

    public Provisioner provisioner() {
        return provisioner;
    }
}
