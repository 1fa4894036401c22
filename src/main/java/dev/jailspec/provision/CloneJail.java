package dev.jailspec.provision;

import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Host;
import java.util.List;

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
        return Clones.isThisRuns(state, layout.jailDataset(), marks);
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
        Clones.requireCloneOf(state, layout.jailDataset(), layout.templateSnapshot(), "the template snapshot",
                layout.jailPath());
    }
}
