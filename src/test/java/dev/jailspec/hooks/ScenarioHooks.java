package dev.jailspec.hooks;

import dev.jailspec.provision.TeardownPolicy;
import io.cucumber.java.After;
import io.cucumber.java.Scenario;

/** Takes back what each scenario created, also when it failed, unless jailspec.teardown says to keep it. */
public final class ScenarioHooks {
    private final World world;

    public ScenarioHooks(World world) {
        this.world = world;
    }

    @After
    public void tearDown(Scenario scenario) {
        TeardownPolicy policy = world.run().teardownPolicy();
        if (policy.tearsDown(scenario.isFailed())) {
            world.provisioner().teardown();
        } else {
            scenario.log("kept for debugging (jailspec.teardown=" + policy.value() + "); to remove it later:\n  "
                    + String.join("\n  ", world.provisioner().pendingTeardown()));
        }
    }
}
