package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.config.Settings;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.sim.SimHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reaper rebuilds from a crashed run's marks the same {@link Undo} records that run's teardown
 * had recorded, and runs them through the same {@link UndoExecutor}. Only rc.conf's values are
 * not marked (a file the admin owns); a crashed run leaves them as it set them.
 */
class ReaperTest {
    @TempDir
    Path dir;
    Path root;
    SimHost host;

    @BeforeEach
    void hostWithTemplate() {
        root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
        host = SimRuns.plain(root);
    }

    private Settings settings(String... extra) {
        return SimRuns.settings(root, SimRuns.cache(), "1s", extra);
    }

    /** Runs {@code run} on the host, then "crashes": nothing is torn down. Returns what its teardown had recorded. */
    private List<Undo> crashAfter(String runId, java.util.function.Consumer<Provisioner> run, String... extra) {
        try (JailspecRun crashing = SimRuns.open(settings(extra), runId)) {
            Provisioner p = new Provisioner(crashing);
            try {
                run.accept(p);
            } catch (ProvisionException e) {
                // a run that failed half-way, then died before its teardown
            }
            List<Undo> recorded = p.recordedUndos();
            p.release();
            return recorded;
        }
    }

    private Reaper reaperOf(String runId, EventBus bus) {
        Layout layout = Layout.of(settings());
        return new Reaper(host, layout, new Marks(runId),
                new UndoExecutor(host, layout, new Marks(runId), false, Duration.ofSeconds(5), bus, "reaper"), bus);
    }

    private static boolean marked(Undo u) {
        return !(u instanceof Undo.RestoreRcConf);
    }

    @Test
    void theLeftoversOfACrashedRunAreTheUndosItsTeardownHadRecorded() {
        List<Undo> recorded = crashAfter("run-a", p -> p.ensureJailRunning(false));

        List<Undo> rebuilt = reaperOf("run-b", new EventBus()).leftovers();

        Layout l = Layout.of(settings());
        assertThat(rebuilt).as("rebuilt by run-b from run-a's marks")
                .containsExactlyElementsOf(recorded.stream().filter(ReaperTest::marked).toList())
                .containsExactly(new Undo.StopJail(l.jailName(), l.jailPath()),
                        new Undo.DestroyEpair(l.hostInterface(), l.jailName()),
                        new Undo.RemoveJailConf(l.jailName(), l.jailConfPath(), "run-a"),
                        new Undo.DestroyDataset(l.jailDataset(), "run-a"));
        assertThat(recorded).filteredOn(u -> !marked(u)).as("what only the run itself knew")
                .allSatisfy(u -> assertThat(u).isInstanceOf(Undo.RestoreRcConf.class));
    }

    @Test
    void theReaperRunsThemAndSaysWhatItRemoved() {
        crashAfter("run-a", p -> p.ensureJailRunning(false));
        var bus = new EventBus();
        var notes = new ArrayList<String>();
        bus.subscribe(Note.class, n -> notes.add(n.text()));

        List<String> reaped = reaperOf("run-b", bus).reap();

        assertThat(reaped).satisfiesExactly(
                r -> assertThat(r).matches("stopped the jail lrdev \\(jid \\d+, at /zdata/jails/containers/lrdev\\)"),
                // exec.poststop destroyed the epair with the jail: nothing left to do for it
                r -> assertThat(r).isEqualTo("removed /etc/jail.conf.d/lrdev.conf"),
                r -> assertThat(r).isEqualTo("destroyed the dataset zdata/jails/containers/lrdev (jailspec:run=run-a)"));
        assertThat(notes).containsExactlyElementsOf(reaped.stream().map(r -> "reaper: " + r).toList());
        assertThat(SimRuns.jails(host)).isEmpty();
        assertThat(SimRuns.markedNotKept(host)).isEmpty();
        assertThat(reaperOf("run-c", new EventBus()).leftovers()).as("left after the reaper").isEmpty();
    }

    @Test
    void aStartThatFailedHalfWayLeavesAnEpairTheReaperDestroys() {
        // exec.start's route fails after exec.prestart made and described the epair: jail(8) gives up.
        List<Undo> recorded = crashAfter("run-a", p -> p.ensureJailRunning(false),
                "jailspec.sim.faults", "route add default=fail");
        Layout l = Layout.of(settings());
        assertThat(SimRuns.jails(host)).as("jails after the failed start").isEmpty();
        assertThat(SimRuns.interfaces(host)).as("interfaces after the failed start").contains(l.hostInterface());

        Reaper reaper = reaperOf("run-b", new EventBus());
        List<Undo> rebuilt = reaper.leftovers();
        List<String> reaped = reaper.reap();

        // No jail runs, so no StopJail; the rest is what run-a had recorded.
        assertThat(rebuilt).containsExactlyElementsOf(recorded.stream().filter(ReaperTest::marked)
                .filter(u -> !(u instanceof Undo.StopJail)).toList());
        assertThat(reaped).containsExactly("destroyed the interface " + l.hostInterface() + " (jail:lrdev)",
                "removed /etc/jail.conf.d/lrdev.conf",
                "destroyed the dataset zdata/jails/containers/lrdev (jailspec:run=run-a)");
        assertThat(SimRuns.interfaces(host)).noneMatch(i -> i.startsWith("epair"));
    }
}
