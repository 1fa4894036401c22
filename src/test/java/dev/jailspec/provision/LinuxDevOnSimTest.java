package dev.jailspec.provision;

import static dev.jailspec.provision.SimRuns.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.Command;
import dev.jailspec.sim.SimHost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux userland's /dev and /tmp, /home on the simulated host: its own ruleset, no host directories unless asked. */
class LinuxDevOnSimTest {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final String ADMIN_RULES = "# the admin's rules\n[devfsrules_bpf=10]\nadd include $devfsrules_jail\n"
            + "add path 'bpf*' unhide\n";

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

    private JailspecRun open(String... extra) {
        return SimRuns.open(SimRuns.settings(root, SimRuns.cache(), "5s", extra), "run-" + RUNS.incrementAndGet());
    }

    private List<String> rules(int set) {
        return ok(host, "devfs", "rule", "-s", Integer.toString(set), "show").lines().toList();
    }

    @Test
    void theLinuxDevShowsNoHostDeviceAndTeardownGivesTheAdminsDevfsRulesBack() {
        host.writeText(DevfsRules.PATH, ADMIN_RULES);
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();

            List<String> nodes = p.linuxIsolation().devNodes();
            assertThat(LinuxUserlandIsolation.hostDevices(nodes)).isEmpty();
            assertThat(nodes).contains("null", "zero", "random", "fd", "shm", "pts").doesNotContain("bpf", "pf");
            assertThat(p.linuxIsolation().sharedHostDirs()).isEmpty();
            assertThat(host.readText(DevfsRules.PATH)).startsWith(ADMIN_RULES).contains("[jailspec_linux=253]");
            assertThat(rules(253)).startsWith("100 include 4");

            p.teardown();
        }
        assertThat(host.readText(DevfsRules.PATH)).isEqualTo(ADMIN_RULES);
        assertThat(rules(253)).isEmpty();
        assertThat(rules(10)).isNotEmpty();
    }

    @Test
    void theHowTosDevfsLineWithoutARulesetShowsTheHostsDisksAndMemoryInTheJail() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            p.stopJail();
            String conf = host.readText(p.layout().jailConfPath());
            assertThat(conf).containsOnlyOnce("rw,ruleset=253 0 0");
            host.writeText(p.layout().jailConfPath(), conf.replace("rw,ruleset=253 0 0", "rw 0 0"));
            p.startJail();

            assertThat(LinuxUserlandIsolation.hostDevices(p.linuxIsolation().devNodes()))
                    .contains("ada0", "nda0", "da0", "mem", "kmem", "io");
            p.teardown();
        }
    }

    @Test
    void aFileWithoutOurSectionGoesAwayAtTeardownAndKeepLeavesItLoaded() {
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            p.teardown();
        }
        assertThat(host.stat(DevfsRules.PATH)).isEmpty();

        try (JailspecRun run = open("jailspec.teardown.hostconfig", "keep")) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            p.teardown();
        }
        assertThat(host.readText(DevfsRules.PATH)).contains("[jailspec_linux=253]");
        assertThat(rules(253)).isNotEmpty();
    }

    @Test
    void aRulesetNumberTheAdminUsesStopsTheRunAndTheFileStays() {
        host.writeText(DevfsRules.PATH, ADMIN_RULES);
        try (JailspecRun run = open("jailspec.linux.devfsRuleset", "10")) {
            Provisioner p = new Provisioner(run);
            assertThatThrownBy(p::ensureLinuxJailRunning).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("already defines ruleset 10 as [devfsrules_bpf=10]")
                    .hasMessageContaining("jailspec.linux.devfsRuleset");
            p.teardown();
        }
        assertThat(host.readText(DevfsRules.PATH)).isEqualTo(ADMIN_RULES);
    }

    @Test
    void hostDirectoriesAreSharedWhenTheSettingNamesThem() {
        try (JailspecRun run = open("jailspec.linux.hostDirs", "/tmp")) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();

            assertThat(p.linuxIsolation().sharedHostDirs()).containsExactly("/tmp");
            p.teardown();
        }
    }

    /** rc.d/jail greps /etc/jail.conf for the .include; it does not parse it, so a file jail(8) rejects does not stop the run. */
    @Test
    void aHostJailConfTheParserRejectsDoesNotDecideWhichFileIsRead() {
        host.writeText("/etc/jail.conf", "other {\n  path = \"/x\"\n");
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureJailRunning(false);
            assertThat(p.facts().configFileForServiceJail()).isEqualTo(p.layout().jailConfPath());

            host.writeText("/etc/jail.conf", ".include \"/etc/jail.conf.d/*.conf\";\nother {\n");
            assertThat(p.facts().configFileForServiceJail()).isEqualTo("/etc/jail.conf");
            host.writeText("/etc/jail.conf", "other {\n  path = \"/x\"\n");
            p.teardown();
        }
        assertThat(host.run(Command.of("jls", "-j", "lrdev")).exitCode()).isEqualTo(1);
    }
}
