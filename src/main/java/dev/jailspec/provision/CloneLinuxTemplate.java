package dev.jailspec.provision;

import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jail's Linux userland as a clone of the Linux template's {@code @base}, mounted where the
 * how-to extracts it ({@code <jail>/compat/rocky}), with this run's mark; teardown destroys it with
 * the jail, the template stays. The host's resolv.conf is copied in as the extraction does, so the
 * clone has the host's resolver of now, not of the day the template was built.
 */
final class CloneLinuxTemplate implements ProvisionStep {
    private final Host host;
    private final Zfs zfs;
    private final HostState state;
    private final LinuxTemplate names;
    private final Marks marks;
    private final String requiredFile;

    CloneLinuxTemplate(Host host, HostState state, LinuxTemplate names, Marks marks, String requiredFile) {
        this.host = host;
        this.zfs = new Zfs(host);
        this.state = state;
        this.names = names;
        this.marks = marks;
        this.requiredFile = requiredFile;
    }

    @Override
    public String description() {
        return "clone the Linux template " + names.snapshot() + " to " + names.cloneDataset() + " at " + names.cloneMountpoint();
    }

    /** Done when the clone exists with this run's own mark; anything else at its name is refused. */
    @Override
    public boolean isDone() {
        return Clones.isThisRuns(state, names.cloneDataset(), marks);
    }

    @Override
    public List<Undo> undo() {
        return List.of(new Undo.DestroyDataset(names.cloneDataset(), marks.runId()));
    }

    @Override
    public void apply() {
        Map<String, String> props = new LinkedHashMap<>(marks.zfsProperties());
        props.put("mountpoint", names.cloneMountpoint());
        zfs.clone(names.snapshot(), names.cloneDataset(), props);
        new FileCopy(host).copy("/etc/resolv.conf", names.cloneMountpoint() + "/etc/");
    }

    @Override
    public void verify() {
        Clones.requireCloneOf(state, names.cloneDataset(), names.snapshot(), "the Linux template's snapshot",
                names.cloneMountpoint());
        if (host.stat(names.cloneMountpoint() + requiredFile).isEmpty()) {
            throw new ProvisionException(names.cloneMountpoint() + requiredFile + " is missing in the clone of "
                    + names.snapshot() + ": the Linux template is incomplete; destroy it (zfs destroy -r "
                    + names.dataset() + ") and run again");
        }
    }
}
