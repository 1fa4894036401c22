package dev.jailspec.hooks;

import dev.jailspec.event.Note;
import dev.jailspec.provision.TeardownPolicy;
import dev.jailspec.report.RunContext;
import dev.jailspec.report.WaiverVerdict;
import dev.jailspec.provision.ScenarioScope;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.Status;
import org.opentest4j.TestAbortedException;

/**
 * A failed scenario first gets a read-only diagnosis in its report. Then this takes back what
 * each scenario created, also when it failed or a command timed out, unless
 * jailspec.teardown says to keep it (then the next run's reaper removes it), or a passed @read-only
 * scenario leaves its jail to the next one of its feature (provision.ScenarioScope). A JVM stopped
 * mid-scenario (Ctrl-C) is covered by the run's shutdown hook.
 */
public final class ScenarioHooks {
    private final World world;

    public ScenarioHooks(World world) {
        this.world = world;
    }

    /**
     * Before the Background: names the scenario, which settles a jail an earlier @read-only one left running.
     * After a failed scenario kept its jail (jailspec.teardown=on-success or never), the scenario is skipped
     * saying why: it would run in that jail or collide with it.
     */
    @Before(order = 0)
    public void begin(Scenario scenario) {
        world.provisioner().begin(ScenarioScope.of(scenario.getUri().toString(), scenario.getName(),
                scenario.getSourceTagNames()));
        world.provisioner().inTheWayOfAKeptJail().ifPresent(why -> {
            // Cucumber reports a scenario whose hook aborts as SKIPPED, not FAILED (cucumber-core TestAbortedExceptions)
            throw new TestAbortedException(why);
        });
    }

    @After
    public void tearDown(Scenario scenario) {
        WaiverVerdict.waiverFor(RunHooks.waivers(), scenario.getName()).ifPresent(w -> RunContext.bus().publish(
                new Note(RunContext.bus().now(), (scenario.isFailed() ? "known failure: " : "waiver can be removed (the scenario passed): ")
                        + w.describe())));
        if (scenario.isFailed()) {
            // Before anything is taken down: the state the scenario failed in.
            world.provisioner().diagnose(scenario.getName());
        }
        TeardownPolicy policy = world.run().teardownPolicy();
        if (scenario.getStatus() == Status.SKIPPED) {
            // nothing ran, nothing to hand over or keep; teardown undoes whatever was recorded (nothing)
            world.provisioner().teardown();
        } else if (!scenario.isFailed() && policy.tearsDown(false) && world.provisioner().mayShareItsJail()) {
            // a passed @read-only scenario: its jail serves the next one of its feature (ScenarioScope)
            world.provisioner().handOver();
        } else if (policy.tearsDown(scenario.isFailed())) {
            world.provisioner().teardown();
        } else {
            // the console and the report print how to enter the kept jail and remove it (JailKept)
            world.provisioner().keepForDebugging(scenario.getName(), policy.value(), scenario.isFailed());
        }
    }
}
