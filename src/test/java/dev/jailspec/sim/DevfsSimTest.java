package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** devfs rulesets on the simulated host: loading from devfs.rules, and what a devfs mount shows with them. */
class DevfsSimTest {
    private static final String JAIL = ThinJailFixture.JAIL_PATH;
    private static final String OUR_RULES = "[jailspec_linux=253]\nadd include $devfsrules_jail\nadd path shm unhide\n"
            + "add path 'shm/*' unhide  # the tmpfs mount point\n";

    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
        ThinJailFixture.cloneJail(host);
        host.writeFile(JAIL + "/bin/ls", "#!ELF /bin/ls\n".getBytes(), 0555);
        ok(host, "mkdir", "-p", JAIL + "/compat/rocky/dev", JAIL + "/compat/rocky/proc", JAIL + "/compat/rocky/sys");
    }

    private List<String> rules(int set) {
        return ok(host, "devfs", "rule", "-s", Integer.toString(set), "show").lines().toList();
    }

    /** The thin jail with a Linux /dev mounted by a mount line with these options, plus the tmpfs on its shm. */
    private CommandResult startWithLinuxDev(String devfsOptions) {
        String mounts = "  mount += \"devfs " + JAIL + "/compat/rocky/dev devfs " + devfsOptions + " 0 0\";\n"
                + "  mount += \"tmpfs " + JAIL + "/compat/rocky/dev/shm tmpfs rw,mode=1777 0 0\";\n}\n";
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF.replaceFirst("}\\s*$", mounts));
        return run(host, "service", "jail", "onestart", "lrdev");
    }

    private List<String> linuxDev() {
        return ok(host, "jexec", "lrdev", "ls", "-1A", "/compat/rocky/dev").lines().toList();
    }

    @Test
    void atBootTheDefaultRulesetsAreLoadedAndShowPrintsNumberedRules() {
        assertThat(rules(4)).containsExactly("100 include 1", "200 include 2", "300 include 3", "400 path fuse unhide",
                "500 path zfs unhide");
        assertThat(rules(2)).startsWith("100 path null unhide");
        assertThat(rules(253)).isEmpty();
    }

    @Test
    void serviceDevfsRestartLoadsOurRulesetFromEtcDevfsRules() {
        host.writeText("/etc/devfs.rules", OUR_RULES);

        CommandResult r = run(host, "service", "devfs", "restart");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout() + r.stderr()).isEmpty();
        assertThat(rules(253)).containsExactly("100 include 4", "200 path shm unhide", "300 path shm/* unhide");
    }

    @Test
    void aBadDevfsRulesFileWarnsButServiceDevfsExitsZeroAndLoadsNothing() {
        host.writeText("/etc/devfs.rules", "[jailspec_linux]\nadd path shm unhide\n");
        CommandResult noNumber = run(host, "service", "devfs", "restart");
        assertThat(noNumber.exitCode()).isZero();
        assertThat(noNumber.stderr()).isEqualTo("/etc/rc.d/devfs: WARNING: devfs_rulesets_from_file: cannot extract rule"
                + " number ([jailspec_linux])\n/etc/rc.d/devfs: WARNING: devfs_init_rulesets: could not read rules from"
                + " /etc/devfs.rules\n");

        host.writeText("/etc/devfs.rules", "[jailspec_linux=253]\nadd path shm unhidden\n");
        CommandResult badRule = run(host, "service", "devfs", "restart");
        assertThat(badRule.exitCode()).isZero();
        assertThat(badRule.stderr()).startsWith("devfs rule: unknown argument: unhidden\n");
        assertThat(rules(253)).isEmpty();
    }

    @Test
    void aDevfsMountedWithoutARulesetShowsTheHostsDisksAndMemory() {
        ok(host, "kldload", "linux64");
        assertThat(startWithLinuxDev("rw").exitCode()).isZero();
        ok(host, "jls", "-j", "lrdev");

        assertThat(linuxDev()).contains("ada0", "nda0", "da0", "mem", "kmem", "io", "null");
    }

    @Test
    void withOurRulesetOnlyWhatItUnhidesIsThereAndShmOnlyWithTheLinuxAbi() {
        host.writeText("/etc/devfs.rules", OUR_RULES);
        ok(host, "service", "devfs", "restart");
        ok(host, "kldload", "linux64");

        assertThat(startWithLinuxDev("rw,ruleset=253").exitCode()).isZero();
        ok(host, "jls", "-j", "lrdev");
        assertThat(linuxDev()).contains("null", "zero", "random", "urandom", "crypto", "fd", "pts", "ptmx", "stdin",
                "fuse", "zfs", "shm").doesNotContain("ada0", "nda0", "da0", "mem", "kmem", "io", "pf", "bpf", "console");
        assertThat(ok(host, "jexec", "lrdev", "ls", "-1A", "/dev").lines()).contains("null").doesNotContain("shm", "ada0");
        assertThat(host.stat(JAIL + "/compat/rocky/dev/shm")).as("the tmpfs on the devfs' shm node")
                .hasValueSatisfying(st -> assertThat(st.mode() & 07777).isEqualTo(01777));
        assertThat(host.list(JAIL + "/compat/rocky/dev")).as("the tree below the devfs").doesNotContain("shm");
    }

    @Test
    void withoutLinuxCommonThereIsNoShmAndAMkdirUnderTheDevfsMountPointDoesNotCount() {
        host.writeText("/etc/devfs.rules", OUR_RULES);
        ok(host, "service", "devfs", "restart");
        ok(host, "mkdir", "-p", JAIL + "/compat/rocky/dev/shm");

        CommandResult r = startWithLinuxDev("rw,ruleset=253");

        assertThat(r.stdout() + r.stderr()).contains("jail: lrdev: mount: " + JAIL + "/compat/rocky/dev/shm: No such file or"
                + " directory");
        assertThat(run(host, "jls", "-j", "lrdev").exitCode()).isEqualTo(1);
    }

    @Test
    void aRulesetNumberWithoutRulesIsNotRefusedAndHidesNothing() {
        ok(host, "kldload", "linux64");
        assertThat(startWithLinuxDev("rw,ruleset=999").exitCode()).isZero();
        ok(host, "jls", "-j", "lrdev");

        assertThat(linuxDev()).contains("ada0", "mem");
    }

    @Test
    void anInvalidRulesetSpecificationIsRefusedAsDevfsMountDoes() {
        CommandResult r = startWithLinuxDev("rw,ruleset=linux");

        assertThat(r.stdout() + r.stderr()).contains("mount: devfs: invalid ruleset specification: Invalid argument",
                "jail: lrdev: /sbin/mount -t devfs -o rw,ruleset=linux devfs " + JAIL + "/compat/rocky/dev: failed");
        assertThat(run(host, "jls", "-j", "lrdev").exitCode()).isEqualTo(1);
    }

    /** command.c run_command() IP_MOUNT_DEVFS: {@code /sbin/mount -t devfs -oruleset=N . PATH/dev}, 4 when devfs_ruleset is unset. */
    @Test
    void mountDevfsRunsMountWithTheJailsRulesetAndJailSaysWhichCommandFailed() {
        ok(host, "rm", "-r", JAIL + "/dev");
        host.writeText(JAIL + "/dev", "not a directory\n");
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF.replace("devfs_ruleset = 4;", ""));

        CommandResult r = run(host, "service", "jail", "onestart", "lrdev");

        assertThat(r.stdout() + r.stderr()).contains("mount: " + JAIL + "/dev: Not a directory",
                "jail: lrdev: /sbin/mount -t devfs -oruleset=4 . " + JAIL + "/dev: failed");
        assertThat(run(host, "jls", "-j", "lrdev").exitCode()).isEqualTo(1);
    }
}
