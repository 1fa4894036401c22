package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.DiagnosisCollected;
import dev.jailspec.event.EventBus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed scenario's diagnosis: read only, every probe tried, a failing probe noted and not fatal. */
class DiagnosisTest {
    @TempDir
    Path dir;

    @Test
    void aRunningLinuxJailIsDescribedByProbesThatOnlyRead() throws Exception {
        Path root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
        var bus = new EventBus();
        var diagnoses = new ArrayList<DiagnosisCollected>();
        var commands = new ArrayList<CommandStarted>();
        bus.subscribe(DiagnosisCollected.class, diagnoses::add);
        try (JailspecRun run = JailspecRun.open(SimRuns.settings(root, SimRuns.cache(), "5s"), bus, "diag1")) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            try (AutoCloseable during = bus.subscribe(CommandStarted.class, commands::add)) {
                p.diagnose("a scenario that failed");
            }
            p.teardown();
        }

        assertThat(diagnoses).singleElement().satisfies(d -> {
            assertThat(d.scenario()).isEqualTo("a scenario that failed");
            List<String> names = d.probes().stream().map(DiagnosisCollected.Probe::name).toList();
            assertThat(names).containsExactly("the jail's jail.conf", "jls", "jail's Linux parameters", "host mounts", "jail mounts", "host interfaces",
                    "jail interfaces", "jail routes", "Linux ABI", "kernel modules", "the jail's console log",
                    "dnf's log in the userland", "rpm packages", "host disk space");
            java.util.Map<String, DiagnosisCollected.Probe> byName = new java.util.HashMap<>();
            d.probes().forEach(pr -> byName.put(pr.name(), pr));
            assertThat(byName.get("kernel modules").answered()).isTrue();
            assertThat(byName.get("kernel modules").text()).contains("linux64.ko");
            assertThat(byName.get("rpm packages").text()).contains("rocky-release");
            assertThat(byName.get("jail interfaces").text()).contains("epair253b");
            assertThat(byName.get("jls").text()).startsWith("jid=").contains(" name=lrdev ", " vnet=new ", " nopersist ",
                    " enforce_statfs=1 ", " devfs_ruleset=4 ");
            assertThat(byName.get("jail's Linux parameters").text())
                    .isEqualTo("linux=new linux.osname=Linux linux.osrelease=5.15.0\n");
            assertThat(byName.get("Linux ABI").text()).isEqualTo("compat.linux.osname: Linux\n"
                    + "compat.linux.osrelease: 5.15.0\ncompat.linux.oss_version: 198144\ncompat.linux.emul_path: /compat/linux\n");
            // mount -p: fstab(5) lines, as putfsent() pads them
            assertThat(byName.get("host mounts").text()).contains("linprocfs\t\t/compat/linux/proc\tlinprocfs\trw\t\t0 0\n",
                    "zdata/jails/containers/lrdev /zdata/jails/containers/lrdev zfs\trw,nfsv4acls \t0 0\n",
                    "linprocfs\t\t/zdata/jails/containers/lrdev/compat/rocky/proc linprocfs\trw\t\t0 0\n");
            assertThat(byName.get("jail mounts").text()).startsWith("zdata/jails/containers/lrdev /\t\t\tzfs\trw,nfsv4acls \t0 0\n")
                    .contains("linprocfs\t\t/compat/rocky/proc\tlinprocfs\trw\t\t0 0\n");
            assertThat(d.probes()).filteredOn(pr -> !pr.answered()).extracting(DiagnosisCollected.Probe::name)
                    .as("dnf has not run yet (no log); netstat and df are not simulated yet")
                    .containsExactlyInAnyOrder("dnf's log in the userland", "jail routes", "host disk space");
            assertThat(d.probes().get(0).text()).startsWith(JailConfTemplate.MARK);
            // Probes the simulator does not model are noted, and the ones after them still ran.
            assertThat(d.probes()).filteredOn(pr -> !pr.answered())
                    .allSatisfy(pr -> assertThat(pr.text()).isNotBlank());
            assertThat(d.probes().get(d.probes().size() - 2).name()).isEqualTo("rpm packages");
        });
        assertThat(commands).as("every command of the diagnosis only reads")
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.command().intent().readOnly()).as(String.join(" ", c.argv())).isTrue());
    }
}
