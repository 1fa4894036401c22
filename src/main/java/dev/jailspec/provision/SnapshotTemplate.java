package dev.jailspec.provision;

import dev.jailspec.freebsd.Zfs;

/**
 * How-to step 10: freeze the template as {@code @base}; every jail is a clone of it. The snapshot
 * gets jailspec's mark, and the template {@code jailspec:keep=template}: from now on it is complete
 * and stays for later runs, which teardown and the reaper respect.
 */
final class SnapshotTemplate implements ProvisionStep {
    private final Zfs zfs;
    private final HostState state;
    private final Layout layout;
    private final Marks marks;

    SnapshotTemplate(Zfs zfs, HostState state, Layout layout, Marks marks) {
        this.zfs = zfs;
        this.state = state;
        this.layout = layout;
        this.marks = marks;
    }

    @Override
    public String description() {
        return "snapshot the template as " + layout.templateSnapshot();
    }

    @Override
    public boolean isDone() {
        HostState.Datasets seen = state.datasets();
        return seen.exists(layout.templateSnapshot()) && seen.mark(layout.templateDataset())
                .filter(DatasetMarks.Mark::isKept).isPresent();
    }

    @Override
    public void apply() {
        if (!state.datasets().exists(layout.templateSnapshot())) {
            snapshotMarked(zfs, layout.templateSnapshot(), marks);
        }
        zfs.set(layout.templateDataset(), Marks.KEEP, Marks.KEEP_TEMPLATE);
    }

    /** A template's {@code @base} with this run's mark (the release template's and the Linux template's). */
    static void snapshotMarked(Zfs zfs, String snapshot, Marks marks) {
        zfs.snapshot(snapshot);
        zfs.set(snapshot, Marks.OWNER, Marks.OWNER_VALUE);
        zfs.set(snapshot, Marks.RUN, marks.runId());
    }

    @Override
    public void verify() {
        if (!state.datasets().exists(layout.templateSnapshot())) {
            throw new ProvisionException("the snapshot " + layout.templateSnapshot() + " does not exist after zfs snapshot");
        }
    }
}
