package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.JailKept;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.JailPresence;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.host.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jailspec.teardown=on-success after a failure: the failed scenario's jail is kept, and a later scenario
 * is told not to run (ScenarioHooks skips it) instead of running in the kept jail or colliding with it,
 * which once made later scenarios of the run fail (or pass in the kept jail, changing it).
 */
class KeptAfterFailureOnSimTest {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final String FEATURE = "file:features/05_start_and_verify.feature";

    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void hostWithTemplate() {
        root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
    }

    @Test
    void theFirstFailedScenariosJailIsKeptAndLaterScenariosStayOutOfIt() {
        var settings = SimRuns.settings(root, SimRuns.cache(), "5s", "jailspec.teardown", "on-success",
                "jailspec.sim.faults", "rpm -qa=exit:1");
        try (JailspecRun run = SimRuns.open(settings, "kept-" + RUNS.incrementAndGet())) {
            List<JailKept> kept = new ArrayList<>();
            List<Note> notes = new ArrayList<>();
            run.bus().subscribe(JailKept.class, kept::add);
            run.bus().subscribe(Note.class, notes::add);
            Provisioner failed = new Provisioner(run);
            failed.begin(new ScenarioScope(FEATURE, "The Rocky userland answers inside the jail", true));
            failed.ensureLinuxJailRunning();
            assertThat(failed.inLinuxUserland(List.of("rpm", "-qa")).exitCode()).as("the injected fault").isEqualTo(1);
            assertThat(failed.inTheWayOfAKeptJail()).isEmpty();
            failed.keepForDebugging("The Rocky userland answers inside the jail", "on-success", true);
            int jid = ((JailPresence.Running) new Jls(failed.host()).presence(failed.layout().jailName())).info().jid();

            List<String> started = new ArrayList<>();
            run.bus().subscribe(CommandStarted.class, e -> started.add(String.join(" ", e.command().argv())));
            Provisioner later = new Provisioner(run);
            later.begin(new ScenarioScope(FEATURE, "dnf updates the userland and installs the config-manager plugin", false));

            assertThat(later.inTheWayOfAKeptJail()).hasValueSatisfying(why -> assertThat(why)
                    .startsWith("not run: \"dnf updates the userland and installs the config-manager plugin\" would build"
                            + " or use the jail lrdev")
                    .contains("kept for debugging the failed scenario \"The Rocky userland answers inside the jail\""
                            + " (jailspec.teardown=on-success)")
                    .contains("jexec lrdev /bin/sh")
                    .contains("jailspec.teardown=always"));
            assertThat(notes).extracting(Note::text).anyMatch(t -> t.startsWith("not run: \"dnf updates"));
            later.teardown(); // as ScenarioHooks does for the skipped scenario: nothing was recorded
            assertThat(started).as("commands of the later scenario: the kept jail is left as it was").isEmpty();
            assertThat(kept).singleElement().extracting(JailKept::scenario).isEqualTo("The Rocky userland answers inside the jail");
            assertThat(((JailPresence.Running) new Jls(later.host()).presence(later.layout().jailName())).info().jid())
                    .as("the kept jail still runs, the same one").isEqualTo(jid);
            assertThat(later.host().run(Command.of("zfs", "list", "-H", "-o", "name", later.layout().jailDataset()))
                    .exitCode()).as("its clone is still there").isZero();
        }
    }

    @Test
    void aJailKeptByAPassedScenarioUnderNeverIsNotInTheWay() {
        var settings = SimRuns.settings(root, SimRuns.cache(), "5s", "jailspec.teardown", "never");
        try (JailspecRun run = SimRuns.open(settings, "kept-" + RUNS.incrementAndGet())) {
            Provisioner passed = new Provisioner(run);
            passed.begin(new ScenarioScope(FEATURE, "The jail runs at its path", false));
            passed.ensureJailRunning(false);
            passed.keepForDebugging("The jail runs at its path", "never", false);

            Provisioner next = new Provisioner(run);
            next.begin(new ScenarioScope(FEATURE, "The jail has its own network stack", false));
            assertThat(next.inTheWayOfAKeptJail()).isEmpty();
        }
    }
}
