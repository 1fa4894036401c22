package dev.jailspec.provision;

import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Host;
import java.util.List;
import java.util.Optional;

/** How-to step 12: the jail's dataset is a clone of the template's {@code @base} snapshot. */
final class CloneJail implements ProvisionStep {
    private final Zfs zfs;
    private final HostState state;
    private final Layout layout;
    private final Marks marks;

    CloneJail(Host host, HostState state, Layout layout, Marks marks) {
        this.zfs = new Zfs(host);
        this.state = state;
        this.layout = layout;
        this.marks = marks;
    }

    @Override
    public String description() {
        return "clone " + layout.templateSnapshot() + " to " + layout.jailDataset();
    }

    /** Done when the clone exists with this run's own mark; inherited marks (from containers) do not count. */
    @Override
    public boolean isDone() {
        Optional<DatasetMarks.Mark> mark = state.datasets().mark(layout.jailDataset());
        if (mark.isEmpty()) {
            return false;
        }
        if (!mark.get().isFromRun(marks.runId())) {
            String run = mark.get().isJailspecs() ? mark.get().run().orElse("") : "";
            throw new ProvisionException(layout.jailDataset() + " already exists and was not created by this run"
                    + (run.isEmpty() ? "" : " (it carries jailspec:run=" + run + ", an earlier run)")
                    + "; destroy it (zfs destroy -r " + layout.jailDataset() + ") or choose another jailspec.jail.name");
        }
        return true;
    }

    @Override
    public List<Undo> undo() {
        return List.of(new Undo.DestroyDataset(layout.jailDataset(), marks.runId()));
    }

    @Override
    public void apply() {
        zfs.clone(layout.templateSnapshot(), layout.jailDataset(), marks.zfsProperties());
    }

    @Override
    public void verify() {
        HostState.Dataset ds = state.datasets().find(layout.jailDataset()).orElseThrow(() -> new ProvisionException(
                layout.jailDataset() + " does not exist after zfs clone"));
        if (!ds.origin().orElse("").equals(layout.templateSnapshot())) {
            throw new ProvisionException(layout.jailDataset() + " has origin " + ds.origin().orElse("(none)")
                    + ", expected the template snapshot " + layout.templateSnapshot());
        }
        if (!ds.mountpoint().orElse("").equals(layout.jailPath())) {
            throw new ProvisionException(layout.jailDataset() + " is mounted at " + ds.mountpoint().orElse("(nowhere)")
                    + ", expected the jail path " + layout.jailPath());
        }
    }

}
