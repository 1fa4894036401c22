package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.EventBus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many commands the host is asked for on the procedure's most used path, counted from the
 * commands on the run's bus (issue 15): the Linux jail of the how-to brought up from a kept
 * template, as every scenario of 05_start_and_verify.feature's Given does. A change that makes the
 * procedure ask again what it already knows fails here, naming the commands.
 */
class ProvisioningCommandsTest {
    @TempDir
    Path dir;

    private final List<List<String>> commands = new CopyOnWriteArrayList<>();

    private JailspecRun open(String runId) {
        Path root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
        EventBus bus = new EventBus();
        bus.subscribe(CommandStarted.class, e -> commands.add(e.command().innerArgv()));
        JailspecRun run = JailspecRun.open(SimRuns.settings(root, SimRuns.cache(), "5s"), bus, runId);
        run.requireHostReady(); // preflight, once per run
        commands.clear(); // what opening the run asks (lock, reaper, preflight) is not the scenario's
        return run;
    }

    private long count(String... prefix) {
        return commands.stream().filter(a -> a.size() >= prefix.length && a.subList(0, prefix.length).equals(List.of(prefix)))
                .count();
    }

    @Test
    void theLinuxJailFromAKeptTemplateAsksEachDatasetQuestionOnceBetweenChanges() {
        try (JailspecRun run = open("count-linux")) {
            Provisioner first = new Provisioner(run);
            first.ensureLinuxJailRunning(); // builds the Linux template, which the next scenario clones
            first.teardown();
            commands.clear();
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();

            // The tree and the templates (14 zfs list/get before issue 15's third goal) in one recursive read, one
            // after the jail's clone, one before the Linux template's clone (devfs changed the host) and one after it.
            assertThat(count("zfs", "get")).as("zfs get in %s", commands).isEqualTo(4);
            assertThat(count("zfs", "list")).as("zfs list in %s", commands).isZero();
            // The jail's clone of the release template and its userland's clone of the Linux template.
            assertThat(count("zfs", "clone")).isEqualTo(2);
            assertThat(count("tar")).as("nothing extracted: the Linux template is reused").isZero();
            // linux_enable; jail_enable and jail_parallel_start read together, set together, and not read again.
            assertThat(count("sysrc")).as("sysrc in %s", commands).isEqualTo(4);
            // The clone brings the userland's root and its mount points; /etc/jail.conf.d is there already.
            assertThat(count("mkdir")).as("mkdir in %s", commands).isZero();
            // 43 before issue 15's third goal, 21 before the Linux template (mkdir twice, the image's sha256, tar, cp).
            assertThat(commands).as("every command of the path").hasSize(20);
            p.teardown();
        }
    }

    @Test
    void aPathAlreadyWalkedInTheScenarioIsCheckedWithoutAskingAgainWhatNothingChanged() {
        try (JailspecRun run = open("count-again")) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            commands.clear();

            p.ensureJailRunning(true);

            // Every step is already done: the one recursive read answers the tree, the template and the clone;
            // jls answers the start, and the wait asks jls itself.
            assertThat(count("zfs")).as("zfs in %s", commands).isEqualTo(1);
            assertThat(count("sysrc")).as("sysrc in %s", commands).isEqualTo(1);
            p.teardown();
        }
    }

    @Test
    void theJailConfDirectoryIsMadeOnlyWhereItIsMissing() {
        try (JailspecRun run = open("count-confdir")) {
            Provisioner p = new Provisioner(run);
            p.host().run(dev.jailspec.host.Command.of("rm", "-r", Sandbox.JAIL_CONF_DIR)).orThrow();
            p.ensureJailRunning(false);
            assertThat(commands).as("commands of the first jail").contains(List.of("mkdir", "-p", Sandbox.JAIL_CONF_DIR));
            assertThat(p.host().stat(run.layout().jailConfPath())).isPresent();
            p.teardown();

            commands.clear();
            Provisioner next = new Provisioner(run);
            next.ensureJailRunning(false);
            assertThat(count("mkdir")).as("mkdir in %s", commands).isZero();
            next.teardown();
        }
    }

    @Test
    void whatAFeatureAssertsOnIsReadFromTheHostEvenRightAfterTheStepsSawIt() {
        try (JailspecRun run = open("count-fresh")) {
            Provisioner p = new Provisioner(run);
            p.ensureJailRunning(false);
            commands.clear();

            assertThat(p.facts().dataset(run.layout().jailDataset())).isPresent();
            assertThat(p.facts().rcConf("jail_enable")).hasValue("YES");

            assertThat(count("zfs")).as("the facts' own zfs reads").isPositive();
            assertThat(count("sysrc")).as("the facts' own sysrc read").isEqualTo(1);
            p.teardown();
        }
    }
}
