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
            // netstat -rn in the jail's own stack: its default route, the epair's prefix and address (cut at 8 columns)
            assertThat(byName.get("jail routes").text()).startsWith("Routing tables\n\nInternet:\n"
                    + "Destination        Gateway            Flags     Netif Expire\n"
                    + "default            192.168.7.221      UGS    epair253\n")
                    .containsPattern("\n192\\.168\\.7\\.0/24     link#\\d+ +U      epair253\n")
                    .containsPattern("\n192\\.168\\.7\\.253      link#\\d+ +UHS         lo0\n");
            assertThat(byName.get("host disk space").text()).startsWith("Filesystem ")
                    .containsPattern("\nzdata/jails/containers/lrdev +100G +\\S+ +100G +0% +/zdata/jails/containers/lrdev\n")
                    .containsPattern("\nlinprocfs +8\\.0K +0B +8\\.0K +0% +/zdata/jails/containers/lrdev/compat/rocky/proc\n")
                    .containsPattern("\ntmpfs +1\\.0G +4\\.0K +1\\.0G +0% +/zdata/jails/containers/lrdev/compat/rocky/dev/shm\n");
            assertThat(d.probes()).filteredOn(pr -> !pr.answered()).extracting(DiagnosisCollected.Probe::name)
                    .as("every probe is answered on the sim but dnf's log: the sim's dnf writes no /var/log/dnf.log")
                    .containsExactly("dnf's log in the userland");
            assertThat(d.probes().get(0).text()).startsWith(JailConfTemplate.MARK);
            // A probe that is not answered is noted, and the ones after it still ran.
            assertThat(d.probes()).filteredOn(pr -> !pr.answered())
                    .allSatisfy(pr -> assertThat(pr.text()).isNotBlank());
            assertThat(d.probes().get(d.probes().size() - 2).name()).isEqualTo("rpm packages");
        });
        assertThat(commands).as("every command of the diagnosis only reads")
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.command().intent().readOnly()).as(String.join(" ", c.argv())).isTrue());
    }
}
