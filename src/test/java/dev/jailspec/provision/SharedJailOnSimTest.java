package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.JailShared;
import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.JailPresence;
import dev.jailspec.freebsd.Jls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** @read-only scenarios of one feature share one jail (ScenarioScope); anything else gets the host as it was. */
class SharedJailOnSimTest {
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

    private JailspecRun open() {
        return SimRuns.open(SimRuns.settings(root, SimRuns.cache(), "5s"), "shared-" + RUNS.incrementAndGet());
    }

    private static ScenarioScope readOnly(String feature, String name) {
        return new ScenarioScope(feature, name, true);
    }

    private static JailInfo running(Provisioner p) {
        JailPresence presence = new Jls(p.host()).presence(p.layout().jailName());
        assertThat(presence).isInstanceOf(JailPresence.Running.class);
        return ((JailPresence.Running) presence).info();
    }

    private static boolean datasetExists(Provisioner p, String dataset) {
        return p.host().run(dev.jailspec.host.Command.of("zfs", "list", "-H", "-o", "name", dataset)).exitCode() == 0;
    }

    @Test
    void theNextReadOnlyScenarioOfTheFeatureRunsInTheSameJailAndChangesNothingToGetIt() {
        try (JailspecRun run = open()) {
            List<JailShared> shared = new ArrayList<>();
            run.bus().subscribe(JailShared.class, shared::add);
            Provisioner first = new Provisioner(run);
            first.begin(readOnly(FEATURE, "The jail runs at its path"));
            first.ensureLinuxJailRunning();
            int jid = running(first).jid();
            List<String> firstTeardown = first.pendingTeardown();
            first.handOver();

            List<CommandFinished> changes = new ArrayList<>();
            run.bus().subscribe(CommandFinished.class, e -> { if (!e.command().intent().readOnly()) changes.add(e); });
            Provisioner second = new Provisioner(run);
            second.begin(readOnly(FEATURE, "The jail has its own network stack"));
            second.ensureLinuxJailRunning();

            assertThat(changes).as("commands that changed the host while the second scenario got its jail")
                    .extracting(e -> String.join(" ", e.command().argv())).isEmpty();
            assertThat(running(second).jid()).as("the jail's id: the same jail, not a new one").isEqualTo(jid);
            assertThat(second.pendingTeardown()).isEqualTo(firstTeardown);
            assertThat(first.pendingTeardown()).isEmpty();
            assertThat(shared).extracting(JailShared::change, JailShared::scenario, JailShared::heldFor).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(JailShared.Change.HELD, "The jail runs at its path", "The jail runs at its path"),
                    org.assertj.core.groups.Tuple.tuple(JailShared.Change.TAKEN_OVER, "The jail has its own network stack",
                            "The jail runs at its path"));

            second.teardown();
            assertThat(new Jls(second.host()).presence(second.layout().jailName())).isInstanceOf(JailPresence.Absent.class);
            assertThat(datasetExists(second, second.layout().jailDataset())).isFalse();
        }
    }

    @Test
    void aScenarioThatIsNotReadOnlyStartsWithTheHeldJailTornDown() {
        try (JailspecRun run = open()) {
            List<JailShared> shared = new ArrayList<>();
            run.bus().subscribe(JailShared.class, shared::add);
            Provisioner first = new Provisioner(run);
            first.begin(readOnly(FEATURE, "The Rocky userland answers inside the jail"));
            first.ensureLinuxJailRunning();
            first.handOver();

            Provisioner next = new Provisioner(run);
            next.begin(new ScenarioScope(FEATURE, "dnf updates the userland", false));

            assertThat(new Jls(next.host()).presence(next.layout().jailName())).isInstanceOf(JailPresence.Absent.class);
            assertThat(datasetExists(next, next.layout().jailDataset())).isFalse();
            assertThat(next.pendingTeardown()).isEmpty();
            assertThat(shared).last().satisfies(e -> {
                assertThat(e.change()).isEqualTo(JailShared.Change.RELEASED);
                assertThat(e.describe()).isEqualTo("the jail lrdev that \"The Rocky userland answers inside the jail\" left"
                        + " running is torn down: \"dnf updates the userland\" is not a @read-only scenario of the same feature");
            });
            next.teardown();
        }
    }

    @Test
    void aReadOnlyScenarioOfAnotherFeatureDoesNotTakeTheJail() {
        try (JailspecRun run = open()) {
            Provisioner first = new Provisioner(run);
            first.begin(readOnly(FEATURE, "The jail runs at its path"));
            first.ensureJailRunning(false);
            first.handOver();

            Provisioner other = new Provisioner(run);
            other.begin(readOnly("file:features/07_teardown.feature", "The jail runs at its path"));
            assertThat(new Jls(other.host()).presence(other.layout().jailName())).isInstanceOf(JailPresence.Absent.class);
            other.teardown();
        }
    }

    @Test
    void theRunsEndTearsDownAJailNobodyTook() {
        String jailDataset;
        List<JailShared> shared = new ArrayList<>();
        try (JailspecRun run = open()) {
            run.bus().subscribe(JailShared.class, shared::add);
            Provisioner last = new Provisioner(run);
            last.begin(readOnly(FEATURE, "The Linux userland reaches no host device and no host directory it was not given"));
            last.ensureLinuxJailRunning();
            jailDataset = last.layout().jailDataset();
            last.handOver();
        }
        assertThat(shared).extracting(JailShared::change).containsExactly(JailShared.Change.HELD, JailShared.Change.RELEASED);
        try (JailspecRun after = open()) {
            Provisioner p = new Provisioner(after);
            assertThat(after.reaped()).as("what the next run's reaper had to remove").isEmpty();
            assertThat(datasetExists(p, jailDataset)).isFalse();
            assertThat(new Jls(p.host()).presence(p.layout().jailName())).isInstanceOf(JailPresence.Absent.class);
            p.teardown();
        }
    }

    @Test
    void aScenarioNotTaggedReadOnlyCannotLeaveItsJail() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.begin(new ScenarioScope(FEATURE, "dnf updates the userland", false));
            assertThat(p.mayShareItsJail()).isFalse();
            assertThatThrownBy(p::handOver).isInstanceOf(IllegalStateException.class)
                    .hasMessage("\"dnf updates the userland\" is not tagged @read-only: its jail cannot be left to another scenario");
            p.teardown();
        }
    }

    @Test
    void onlyReadOnlyScenariosOfOneFeatureShare() {
        ScenarioScope a = ScenarioScope.of(FEATURE, "a", List.of("@runbook", "@read-only"));
        assertThat(a.readOnly()).isTrue();
        assertThat(a.sharesWith(ScenarioScope.of(FEATURE, "b", List.of("@read-only")))).isTrue();
        assertThat(a.sharesWith(ScenarioScope.of(FEATURE, "b", List.of("@runbook")))).isFalse();
        assertThat(a.sharesWith(ScenarioScope.of("file:features/06.feature", "b", List.of("@read-only")))).isFalse();
        assertThat(ScenarioScope.of(FEATURE, "c", List.of()).sharesWith(a)).isFalse();
        assertThat(ScenarioScope.UNNAMED.sharesWith(ScenarioScope.UNNAMED)).isFalse();
    }
}
