package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.config.Settings;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.DatasetChanged;
import dev.jailspec.event.JailStateChanged;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.host.ShellQuote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole procedure against the simulated host, twice over one sim root: the commands run in
 * the how-to's order, and the second run reuses the release template.
 */
class RunbookOnSimTest {
    @TempDir
    Path simRoot;
    @TempDir
    Path project;
    @TempDir
    Path cache;

    private record RunLog(List<String> commands, List<String> notes, List<String> changes) {
    }

    private RunLog provisionAndTearDown(String runId) {
        var props = new Properties();
        props.setProperty("jailspec.sim.root", simRoot.toString());
        props.setProperty("jailspec.cache", cache.toString());
        props.setProperty("jailspec.clock", SimRuns.HOW_TO_DATE);
        props.setProperty("jailspec.freebsd.release", SimRuns.HOW_TO_RELEASE);
        Settings settings = SettingsLoader.load(project, Map.of(), props);
        var bus = new EventBus();
        var commands = new ArrayList<String>();
        var notes = new ArrayList<String>();
        var changes = new ArrayList<String>();
        bus.subscribe(DatasetChanged.class, e -> changes.add(e.change() + " " + e.dataset()));
        bus.subscribe(JailStateChanged.class, e -> changes.add(e.state() + " " + e.jail() + " " + e.path()));
        bus.subscribe(CommandFinished.class, e -> commands.add(ShellQuote.join(e.argv()) + " -> " + e.exitCode()));
        bus.subscribe(Note.class, n -> notes.add(n.text()));
        try (JailspecRun run = JailspecRun.open(settings, bus, runId)) {
            var provisioner = new Provisioner(run);
            provisioner.ensureLinuxJailRunning();
            assertThat(provisioner.facts().findJail()).as("jls -j lrdev after provisioning").isPresent();
            provisioner.teardown();
            assertThat(provisioner.facts().findJail()).as("jls -j lrdev after teardown").isEmpty();
        }
        return new RunLog(commands, notes, changes);
    }

    /** For each command, the first pattern (a regex matched at its start) it matches, in run order. */
    private static List<String> matching(List<String> commands, List<String> patterns) {
        var found = new ArrayList<String>();
        for (String c : commands) {
            patterns.stream().filter(p -> java.util.regex.Pattern.compile(p).matcher(c).lookingAt())
                    .findFirst().ifPresent(found::add);
        }
        return found;
    }

    @Test
    void firstRunFollowsTheHowTosOrderAndSecondRunReusesTheTemplate() {
        RunLog first = provisionAndTearDown("run-1");

        // One command per how-to step (regexes matched at the start), with our corrections: VNET
        // conf file, compat/rocky, the host's tar.
        List<String> runbook = List.of(
                "sysrc jail_enable=YES",                                       // 1
                "zfs create -p (-o \\S+ )*-o mountpoint=/zdata/jails zdata/jails ",  // 3
                "zfs create -p (-o \\S+ )*zdata/jails/templates/14\\.3-RELEASE ", // 5
                "sha256 -q /zdata/jails/media/14\\.3-RELEASE-base\\.txz",     // 6, checked on the host
                "tar -xf /zdata/jails/media/14\\.3-RELEASE-base\\.txz -C /zdata/jails/templates/14\\.3-RELEASE --unlink", // 7
                "cp /etc/resolv\\.conf /zdata/jails/templates/14\\.3-RELEASE/etc/resolv\\.conf", // 8
                "freebsd-update --not-running-from-cron --currently-running 14\\.3-RELEASE -b", // 9
                "zfs snapshot zdata/jails/templates/14\\.3-RELEASE@base",   // 10
                "zfs clone (-o \\S+ )*zdata/jails/templates/14\\.3-RELEASE@base zdata/jails/containers/lrdev ", // 12
                // 17 into the Linux template (jailspec.linux.template=true), extracted once per host and image
                "zfs create (-o \\S+ )*zdata/jails/templates/14\\.3-RELEASE-rocky9 ",
                "mkdir -p /zdata/jails/templates/14\\.3-RELEASE-rocky9 ",
                // 17, with --numeric-owner: the userland's own ids, not the host's for the same names
                "tar -xpf /zdata/jails/media/Rocky-9-Container-Base-\\S+ -C /zdata/jails/templates/14\\.3-RELEASE-rocky9 --numeric-owner",
                "cp /etc/resolv\\.conf /zdata/jails/templates/14\\.3-RELEASE-rocky9/etc/", // 18
                "zfs snapshot zdata/jails/templates/14\\.3-RELEASE-rocky9@base",
                // the jail's /compat/rocky: a clone of the Linux template, with the host's resolv.conf of now
                "zfs clone (-o \\S+ )*-o mountpoint=/zdata/jails/containers/lrdev/compat/rocky"
                        + " zdata/jails/templates/14\\.3-RELEASE-rocky9@base zdata/jails/containers/lrdev/rocky ",
                "cp /etc/resolv\\.conf /zdata/jails/containers/lrdev/compat/rocky/etc/", // 18
                "service jail start lrdev -> 0");                               // 19
        assertThat(matching(first.commands(), runbook)).as("how-to commands in the order they ran")
                .containsSubsequence(runbook);
        assertThat(first.commands()).as("every command of the first run").noneMatch(c -> c.contains("compat/ubuntu"));

        assertThat(first.changes()).as("dataset and jail state changes of the first run").containsSubsequence(
                "CREATED zdata/jails",
                "CREATED zdata/jails/templates/14.3-RELEASE",
                "SNAPSHOTTED zdata/jails/templates/14.3-RELEASE@base",
                "CLONED zdata/jails/containers/lrdev",
                "CREATED zdata/jails/templates/14.3-RELEASE-rocky9",
                "CLONED zdata/jails/containers/lrdev/rocky",
                "STARTED lrdev /zdata/jails/containers/lrdev",
                "STOPPED lrdev /zdata/jails/containers/lrdev",
                "DESTROYED zdata/jails/containers/lrdev/rocky",
                "DESTROYED zdata/jails/containers/lrdev");
        assertThat(first.changes()).as("the Linux template stays").doesNotContain(
                "DESTROYED zdata/jails/templates/14.3-RELEASE-rocky9");

        RunLog second = provisionAndTearDown("run-2");

        assertThat(second.commands()).as("commands of the second run")
                .noneMatch(c -> c.startsWith("tar -xf") && c.contains("--unlink"))
                .noneMatch(c -> c.startsWith("freebsd-update"))
                .noneMatch(c -> c.startsWith("zfs snapshot"))
                .noneMatch(c -> c.startsWith("tar -xpf"))
                .anyMatch(c -> c.startsWith("zfs clone") && c.endsWith("-> 0"))
                .anyMatch(c -> c.startsWith("service jail start lrdev -> 0"));
        assertThat(second.changes()).as("changes of the second run")
                .contains("REUSED zdata/jails/templates/14.3-RELEASE@base", "CLONED zdata/jails/containers/lrdev",
                        "REUSED zdata/jails/templates/14.3-RELEASE-rocky9", "CLONED zdata/jails/containers/lrdev/rocky")
                .doesNotContain("SNAPSHOTTED zdata/jails/templates/14.3-RELEASE@base");
        assertThat(second.notes()).as("what the report says was reused")
                .anyMatch(n -> n.startsWith("already done, reused: install the 14.3-RELEASE base system"));
    }
}
