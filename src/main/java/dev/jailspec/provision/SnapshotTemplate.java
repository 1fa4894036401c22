package dev.jailspec.provision;

import dev.jailspec.freebsd.Zfs;

/** How-to step 10: freeze the template as {@code @base}; every jail is a clone of it. */
final class SnapshotTemplate implements ProvisionStep {
    private final Zfs zfs;
    private final Layout layout;

    SnapshotTemplate(Zfs zfs, Layout layout) {
        this.zfs = zfs;
        this.layout = layout;
    }

    @Override
    public String description() {
        return "snapshot the template as " + layout.templateSnapshot();
    }

    @Override
    public boolean isDone() {
        return zfs.exists(layout.templateSnapshot());
    }

    @Override
    public void apply() {
        zfs.snapshot(layout.templateSnapshot());
    }

    @Override
    public void verify() {
        if (!zfs.exists(layout.templateSnapshot())) {
            throw new ProvisionException("the snapshot " + layout.templateSnapshot() + " does not exist after zfs snapshot");
        }
    }
}
