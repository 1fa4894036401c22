package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.Note;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks beyond the how-to (issue 14) on the simulated host: each passes there, and fails, with its message, where the host is made wrong. */
class LinuxJailChecksOnSimTest {
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void hostWithTemplate() {
        root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
    }

    private JailspecRun open(String... extra) {
        return SimRuns.open(SimRuns.settings(root, SimRuns.cache(), "5s", extra), "checks-" + RUNS.incrementAndGet());
    }

    private static CommandResult on(Provisioner p, String... argv) {
        return p.host().run(Command.of(List.of(argv))).orThrow();
    }

    @Test
    void theClonesDefaultsLetTheUserlandRun() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureTemplate();
            p.cloneJail();
            assertThat(p.checks().cloneProperties().properties())
                    .extracting(pr -> pr.property() + "=" + pr.value())
                    .containsExactly("exec=on", "setuid=on", "readonly=off");
            assertThat(p.checks().cloneProperties().problems()).isEmpty();
            p.teardown();
        }
    }

    @Test
    void anExecOffInheritedFromTheContainersDatasetIsNamedWithWhereItComesFrom() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureTemplate();
            String containers = p.layout().containersDataset();
            on(p, "zfs", "set", "exec=off", containers);
            try {
                p.cloneJail();
                assertThat(p.checks().cloneProperties().problems()).singleElement().asString()
                        .startsWith("exec=off on " + p.layout().jailDataset() + " (inherited from " + containers + "): ")
                        .contains("no program on it can be run")
                        .endsWith("set exec=on on " + containers + " or on the clone");
            } finally {
                on(p, "zfs", "inherit", "exec", containers);
                p.teardown();
            }
        }
    }

    @Test
    void theUserlandSeesTheJailsCopyOfTheHostsLinuxRelease() {
        try (JailspecRun run = open()) {
            var notes = new java.util.ArrayList<Note>();
            run.bus().subscribe(Note.class, notes::add);
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            LinuxAbiReleases r = p.checks().linuxAbiReleases();
            assertThat(r.hostOsrelease()).contains("5.15.0");
            assertThat(r.jailLinux()).isEqualTo("new");
            assertThat(r.jailOsrelease()).isEqualTo("5.15.0");
            assertThat(r.userlandRelease()).isEqualTo("5.15.0");
            assertThat(r.problem()).isEmpty();
            assertThat(notes).extracting(Note::text).contains(r.summary());
            p.teardown();
        }
    }

    @Test
    void aLinuxReleaseBelowGlibcsMinimumIsReportedWithTheFix() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            // Provisioning itself refuses a compat.linux.osrelease below the minimum (LinuxUserlandChecks), so the
            // host's value is lowered afterwards, and the jail restarted, which copies it (linux_mib.c).
            p.ensureLinuxJailRunning();
            try {
                p.stopJail();
                p.awaitJailGone(java.time.Duration.ofSeconds(5));
                assertThat(on(p, "sysctl", "compat.linux.osrelease=3.1.0").stdout())
                        .isEqualTo("compat.linux.osrelease: 5.15.0 -> 3.1.0\n");
                p.startJail();
                LinuxAbiReleases r = p.checks().linuxAbiReleases();
                assertThat(r.userlandRelease()).isEqualTo("3.1.0");
                assertThat(r.problem()).hasValueSatisfying(m -> assertThat(m)
                        .startsWith("the userland sees Linux 3.1.0, older than the 3.2.0 its glibc requires")
                        .contains("FATAL: kernel too old"));
            } finally {
                on(p, "sysctl", "compat.linux.osrelease=5.15.0");
                p.teardown();
            }
        }
    }

    @Test
    void theRpmDatabaseIsSoundAndADamagedOneIsNamedWithTheWayOut() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            assertThat(p.checks().rpmDatabase().problem(p.layout().linuxRootInJail())).isEmpty();

            p.host().writeText(p.layout().linuxRootOnHost() + "/var/lib/rpm/rpmdb.sqlite", "garbage".repeat(100));
            RpmDatabaseState damaged = p.checks().rpmDatabase();
            assertThat(damaged.exitCode()).isEqualTo(2);
            assertThat(damaged.problem(p.layout().linuxRootInJail())).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("the rpm database in /compat/rocky/var/lib/rpm is not sound: rpm --verifydb exited 2:")
                    .contains("file is not a database", "rpm --rebuilddb"));
            p.teardown();
        }
    }

    @Test
    void mountinfoListsTheLinuxMountsUnderLinuxNamesAndAPtyOpens() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            assertThat(p.checks().mountinfo()).extracting(m -> m.fsType() + " " + m.mountPoint() + " " + m.source())
                    .contains("proc /compat/rocky/proc proc", "sysfs /compat/rocky/sys /sys", "devfs /compat/rocky/dev devfs",
                            "tmpfs /compat/rocky/dev/shm tmpfs", "fdescfs /compat/rocky/dev/fd fdescfs")
                    .anySatisfy(line -> assertThat(line).startsWith("zfs / "));
            assertThat(p.checks().ptyProblem()).isEmpty();
            p.teardown();
        }
    }

    @Test
    void aJailWithoutLinsysfsLacksSysfsInMountinfo() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            p.stopJail();
            String conf = p.host().readText(p.layout().jailConfPath());
            String without = conf.lines().filter(l -> !l.contains("linsysfs")).collect(java.util.stream.Collectors.joining("\n"));
            assertThat(without).isNotEqualTo(conf);
            p.host().writeText(p.layout().jailConfPath(), without + "\n");
            p.startJail();
            assertThat(p.checks().mountinfo()).extracting(m -> m.fsType()).contains("proc").doesNotContain("sysfs");
            p.teardown();
        }
    }

    @Test
    void aLinuxDevWithoutPtmxCannotOpenAPty() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            on(p, "devfs", "rule", "-s", "253", "add", "path", "ptmx", "hide");
            assertThat(p.checks().ptyProblem()).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("no pseudo-terminal can be opened in the Linux userland (python3 os.openpty() exited 1:")
                    .contains("FileNotFoundError: [Errno 2] No such file or directory", "must show ptmx and pts"));
            p.teardown();
        }
    }

    @Test
    void theJailsLinuxKernelMessagesAreCollectedAndTheUnexpectedOnesReported() {
        try (JailspecRun run = open("jailspec.sim.faults", "dnf=linux-msg:unsupported prctl option 1398164801")) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            assertThat(p.checks().linuxKernelMessages(List.of()).messages()).as("before dnf ran").isEmpty();

            p.runInLinuxUserland(List.of("dnf", "-y", "makecache"));
            int jid = p.facts().findJail().orElseThrow().jid();
            LinuxKernelMessages none = p.checks().linuxKernelMessages(List.of());
            assertThat(none.unexpected()).extracting(dev.jailspec.freebsd.LinuxKernelMessage::line)
                    .containsExactly("linux: jid " + jid + " pid 1000 (dnf): unsupported prctl option 1398164801");
            assertThat(none.summary("lrdev")).contains("UNEXPECTED linux: jid " + jid);

            LinuxKernelMessages listed = p.checks().linuxKernelMessages(
                    List.of(java.util.regex.Pattern.compile("unsupported prctl option \\d+")));
            assertThat(listed.messages()).hasSize(1);
            assertThat(listed.unexpected()).isEmpty();
            p.teardown();
        }
    }

    @Test
    void aPackageDnfInstalledSurvivesARestartAndOneTheRestartLostIsNamedWithWhereToLook() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            // the sim keeps the rpm database's package list in this stand-in file (sim.LinuxUserland)
            String packageList = p.layout().linuxRootOnHost() + "/var/lib/rpm/jailspec-sim-packages";
            String beforeInstall = p.host().readText(packageList);
            p.runInLinuxUserland(List.of("dnf", "-y", "makecache"));
            p.runInLinuxUserland(List.of("dnf", "-y", "install", "dnf-command(config-manager)"));
            restart(p);
            assertThat(p.checks().packageMissing("dnf-plugins-core")).as("after a restart").isEmpty();

            // a restart that brings back the database as it was before the transaction (a database on a
            // mount the restart replaced, or restored from a copy) loses what dnf installed
            p.stopJail();
            p.awaitJailGone(java.time.Duration.ofSeconds(5));
            p.host().writeText(packageList, beforeInstall);
            p.startJail();
            assertThat(p.checks().packageMissing("dnf-plugins-core")).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("package dnf-plugins-core that dnf installed is not in the rpm database after the jail"
                            + " was stopped and started (rpm -q exited 1: package dnf-plugins-core is not installed)")
                    .contains("/compat/rocky/var/lib/rpm must be on the jail's own dataset (zdata/jails/containers/lrdev/rocky)"));
            p.teardown();
        }
    }

    private static void restart(Provisioner p) {
        p.stopJail();
        p.awaitJailGone(java.time.Duration.ofSeconds(5));
        p.startJail();
    }
}
