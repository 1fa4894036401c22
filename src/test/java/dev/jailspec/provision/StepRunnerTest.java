package dev.jailspec.provision;

import static dev.jailspec.provision.SimRuns.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Command;
import dev.jailspec.sim.SimHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one lifecycle: a step declares its undos, {@link StepRunner} records them in the scenario's
 * {@link Teardown} before the step applies (also when it then fails half-way), and teardown runs
 * exactly what was recorded, through the {@link UndoExecutor}.
 */
class StepRunnerTest {
    private static final String RUN = "run-steps";

    @TempDir
    Path dir;
    SimHost host;
    Layout layout;
    EventBus bus;
    Teardown teardown;
    StepRunner runner;
    final List<String> notes = new ArrayList<>();

    @BeforeEach
    void simulatedHostWithTheDatasetTree() {
        host = SimRuns.plain(dir.resolve("host"));
        layout = Layout.of(SimRuns.settings(dir.resolve("host"), dir.resolve("cache"), "1s"));
        bus = new EventBus();
        bus.subscribe(Note.class, n -> notes.add(n.text()));
        teardown = new Teardown(new UndoExecutor(host, layout, new Marks(RUN), false, Duration.ofSeconds(1), bus,
                "teardown"), bus);
        runner = new StepRunner(bus, teardown);
        ok(host, "zfs", "create", "-p", layout.containersDataset());
    }

    /** A step creating the jail's dataset with this run's mark; {@code apply} does what it is given. */
    private final class CreateClone implements ProvisionStep {
        final Undo undo = new Undo.DestroyDataset(layout.jailDataset(), RUN);
        final Runnable apply;
        List<Undo> recordedWhenApplied;
        int undoAsked;

        CreateClone(Runnable apply) {
            this.apply = apply;
        }

        @Override
        public String description() {
            return "create " + layout.jailDataset();
        }

        @Override
        public boolean isDone() {
            return new Zfs(host).exists(layout.jailDataset());
        }

        @Override
        public List<Undo> undo() {
            undoAsked++;
            return List.of(undo);
        }

        @Override
        public void apply() {
            recordedWhenApplied = teardown.recorded();
            apply.run();
        }

        @Override
        public void verify() {
        }
    }

    private void createMarked() {
        new Zfs(host).create(layout.jailDataset(), false, new Marks(RUN).zfsProperties());
    }

    @Test
    void theDeclaredUndoIsRecordedBeforeTheStepApplies() {
        var step = new CreateClone(this::createMarked);

        assertThat(runner.ensure(step)).isEqualTo(StepRunner.Outcome.APPLIED);

        assertThat(step.recordedWhenApplied).as("recorded when apply() began").containsExactly(step.undo);
        assertThat(teardown.pending()).containsExactly("destroy the dataset " + layout.jailDataset());
    }

    @Test
    void aStepThatFailsHalfWayIsStillUndone() {
        var step = new CreateClone(() -> {
            createMarked();
            throw new ProvisionException("the mirror went away");
        });

        assertThatThrownBy(() -> runner.ensure(step)).isInstanceOf(ProvisionException.class)
                .hasMessage("create " + layout.jailDataset() + " failed: the mirror went away");
        assertThat(teardown.recorded()).containsExactly(step.undo);

        teardown.run();

        assertThat(host.run(Command.of("zfs", "list", layout.jailDataset())).exitCode())
                .as("the half-made dataset after teardown").isEqualTo(1);
        assertThat(notes).contains("teardown: destroy the dataset " + layout.jailDataset());
    }

    @Test
    void aStepAlreadyDoneDeclaresNothingAndTeardownLeavesWhatItReused() {
        createMarked();
        var step = new CreateClone(() -> {
            throw new AssertionError("apply of a step already done");
        });

        assertThat(runner.ensure(step)).isEqualTo(StepRunner.Outcome.ALREADY_DONE);
        teardown.run();

        assertThat(step.undoAsked).as("undo() asked of a step already done").isZero();
        assertThat(teardown.recorded()).isEmpty();
        assertThat(new Zfs(host).exists(layout.jailDataset())).isTrue();
    }

    @Test
    void aStepWhoseCheckRefusesRecordsNothing() {
        ok(host, "zfs", "create", layout.jailDataset());
        var plant = new PlantForeignDataset(host, layout, layout.jailDataset());

        assertThatThrownBy(() -> runner.ensure(plant))
                .hasMessageContaining(layout.jailDataset() + " already exists, so it cannot be planted");
        teardown.runWithPlanted();

        assertThat(teardown.recorded()).isEmpty();
        assertThat(new Zfs(host).exists(layout.jailDataset()))
                .as("a dataset that was there before is not taken for the stand-in").isTrue();
    }

    @Test
    void whatAScenarioPlantedGoesOnlyWhenTheScenarioEnds() {
        var clone = new CreateClone(this::createMarked);
        String planted = layout.containersDataset() + "/foreign";
        runner.ensure(new PlantForeignDataset(host, layout, planted));
        runner.ensure(clone);

        teardown.run();
        assertThat(new Zfs(host).exists(planted)).as("planted, after the changes' undo").isTrue();
        assertThat(new Zfs(host).exists(layout.jailDataset())).isFalse();

        teardown.runWithPlanted();
        assertThat(new Zfs(host).exists(planted)).as("planted, at the scenario's end").isFalse();
        assertThat(notes).containsSubsequence("teardown: destroy the dataset " + layout.jailDataset(),
                "teardown: destroy the planted dataset " + planted);
    }

    @Test
    void aMarkOfAnotherRunIsNotUndone() {
        new Zfs(host).create(layout.jailDataset(), false, new Marks("another-run").zfsProperties());
        teardown.record(new Undo.DestroyDataset(layout.jailDataset(), RUN));

        assertThatThrownBy(teardown::run).isInstanceOf(ProvisionException.class)
                .hasMessageContaining(layout.jailDataset() + " was not created by this run (jailspec:run=another-run)");
        assertThat(new Zfs(host).exists(layout.jailDataset())).isTrue();
    }

    /** Records which of its methods the runner called, in order. */
    private static final class Traced implements ProvisionStep {
        final List<String> calls = new ArrayList<>();
        final boolean done;

        Traced(boolean done) {
            this.done = done;
        }

        @Override
        public String description() {
            return "traced step";
        }

        @Override
        public boolean isDone() {
            calls.add("isDone");
            return done;
        }

        @Override
        public void apply() {
            calls.add("apply");
        }

        @Override
        public void verify() {
            calls.add("verify");
        }

        @Override
        public void verifyAlreadyDone() {
            calls.add("verifyAlreadyDone");
        }
    }

    @Test
    void aStepAlreadyDoneIsVerifiedOnlyForWhatItsCheckDidNotRead() {
        var done = new Traced(true);
        var notDone = new Traced(false);

        runner.ensure(done);
        runner.ensure(notDone);

        assertThat(done.calls).containsExactly("isDone", "verifyAlreadyDone");
        assertThat(notDone.calls).containsExactly("isDone", "apply", "verify");
    }

    @Test
    void aChildDatasetIsTakenWithItsParentsRecursiveDestroy() {
        createMarked();
        String child = layout.jailDataset() + "/rocky";
        new Zfs(host).create(child, false, new Marks(RUN).zfsProperties());
        teardown.record(new Undo.DestroyDataset(layout.jailDataset(), RUN));
        teardown.record(new Undo.DestroyDataset(child, RUN));

        teardown.run();

        assertThat(new Zfs(host).exists(layout.jailDataset())).isFalse();
        assertThat(new Zfs(host).exists(child)).isFalse();
        assertThat(notes).containsExactly(
                "teardown: destroy the dataset " + child + ": taken with " + layout.jailDataset()
                        + " by its zfs destroy -r, which checks every dataset below it for jailspec's mark first",
                "teardown: destroy the dataset " + layout.jailDataset());
    }

    @Test
    void aParentHoldingAForeignDatasetIsNotDestroyedAndNeitherIsTheChild() {
        createMarked();
        String child = layout.jailDataset() + "/rocky";
        new Zfs(host).create(child, false, new Marks(RUN).zfsProperties());
        ok(host, "zfs", "create", layout.jailDataset() + "/foreign");
        teardown.record(new Undo.DestroyDataset(layout.jailDataset(), RUN));
        teardown.record(new Undo.DestroyDataset(child, RUN));

        assertThatThrownBy(teardown::run).isInstanceOf(ProvisionException.class)
                .hasMessageContaining(layout.jailDataset() + "/foreign, which jailspec did not create; nothing was destroyed");
        assertThat(new Zfs(host).exists(child)).as("this run's child under a parent that was refused").isTrue();
        assertThat(new Zfs(host).exists(layout.jailDataset() + "/foreign")).isTrue();
    }
}
