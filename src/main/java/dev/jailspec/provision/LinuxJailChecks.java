package dev.jailspec.provision;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.Dmesg;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.JlsEntry;
import dev.jailspec.freebsd.PrefixedHost;
import dev.jailspec.freebsd.Sysctl;
import dev.jailspec.freebsd.Uname;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import dev.jailspec.linux.KernelVersion;
import dev.jailspec.linux.Mountinfo;
import java.util.List;
import java.util.Optional;

/**
 * What a Linux-jail expert checks beyond the how-to (issue 14), each read only: the clone's ZFS
 * properties, the Linux kernel release the userland sees, the rpm database. Each answer is typed for the steps to
 * assert on and says what to do when it is wrong.
 */
public final class LinuxJailChecks {
    private final Host host;
    private final Layout layout;
    private final LinuxUserland linux;
    private final EventBus bus;
    private final PrefixedHost userland;
    private final String userlandDataset;

    LinuxJailChecks(Host host, Layout layout, LinuxUserland linux, EventBus bus, PrefixedHost userland,
                    String userlandDataset) {
        this.userlandDataset = userlandDataset;
        this.host = host;
        this.layout = layout;
        this.linux = linux;
        this.bus = bus;
        this.userland = userland;
    }

    /** The clone's exec, setuid and readonly properties, which decide whether the userland on it can run. */
    public UserlandDatasetProperties cloneProperties() {
        return new UserlandDatasetProperties(new Zfs(host), layout.jailDataset());
    }

    /** {@code cat /proc/self/mountinfo} in the userland, parsed: the mounts the Linux programs see. */
    public List<Mountinfo.Entry> mountinfo() {
        return Mountinfo.parse(userland.run(Command.probe("cat", "/proc/self/mountinfo")).orThrow().stdout());
    }

    /**
     * Whether a Linux program can open a pseudo-terminal: {@code python3 -c "import os; os.openpty()"}
     * (python3 is dnf's interpreter, so it is in every userland with dnf); openpty(3) needs
     * {@code /dev/ptmx} and {@code /dev/pts} in the Linux /dev. Empty when it can; else what it said.
     */
    public Optional<String> ptyProblem() {
        CommandResult r = userland.run(Command.probe("python3", "-c", "import os; os.openpty()"));
        if (r.exitCode() == 0) {
            return Optional.empty();
        }
        return Optional.of("no pseudo-terminal can be opened in the Linux userland (python3 os.openpty() exited "
                + r.exitCode() + ": " + r.stderr().strip() + "); the devfs on " + layout.linuxRootInJail()
                + "/dev must show ptmx and pts (its ruleset includes devfsrules_unhide_login)");
    }

    /**
     * The Linux ABI's kernel messages (dmesg) about the running jail's processes, those not in
     * {@code expected} marked; published for the report as a note.
     */
    public LinuxKernelMessages linuxKernelMessages(List<java.util.regex.Pattern> expected) {
        int jid = new Jls(host).find(layout.jailName()).orElseThrow(() -> new ProvisionException(
                "jail " + layout.jailName() + " is not running: no kernel messages to read")).jid();
        var r = LinuxKernelMessages.of(new Dmesg(host).linuxMessages(jid), expected);
        bus.publish(new Note(bus.now(), r.summary(layout.jailName())));
        return r;
    }

    /** {@code rpm --verifydb} in the userland: whatever its exit status, for the step to judge. */
    public RpmDatabaseState rpmDatabase() {
        CommandResult r = userland.run(Command.probe("rpm", "--verifydb"));
        return new RpmDatabaseState(r.exitCode(), r.stderr());
    }

    /**
     * Whether a package dnf installed is still in the rpm database ({@code rpm -q NAME}), asked after
     * the jail has been stopped and started: empty when it is; else what rpm said and where to look.
     */
    public Optional<String> packageMissing(String name) {
        CommandResult r = userland.run(Command.probe("rpm", "-q", name));
        if (r.exitCode() == 0) {
            return Optional.empty();
        }
        String said = (r.stdout() + r.stderr()).strip();
        return Optional.of("package " + name + " that dnf installed is not in the rpm database after the jail was stopped and started"
                + " (rpm -q exited " + r.exitCode() + ": " + said + "); the database in " + layout.linuxRootInJail()
                + "/var/lib/rpm must be on the jail's own dataset (" + userlandDataset
                + "), not on a mount that the restart replaces or a copy the restart restores");
    }

    /**
     * The Linux kernel release the userland sees and where it comes from, published for the report
     * as a note; the glibc minimum is the run's Linux release's ({@link dev.jailspec.linux.LinuxRelease#minKernel}, from its catalogue).
     */
    public LinuxAbiReleases linuxAbiReleases() {
        JlsEntry params = new Jls(host).linuxParameters(layout.jailName());
        var r = new LinuxAbiReleases(new Sysctl(host).value("compat.linux.osrelease"), params.value("linux").orElse(""),
                params.value("linux.osrelease").orElse(""), new Uname(userland).release(),
                KernelVersion.parse(linux.release().minKernel()));
        bus.publish(new Note(bus.now(), r.summary()));
        return r;
    }
}
