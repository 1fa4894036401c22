package dev.jailspec.provision;

import dev.jailspec.freebsd.Zfs;

/** How-to step 5: {@code zfs create -p <root>/templates/<release>}. */
final class CreateTemplateDataset implements ProvisionStep {
    private final Zfs zfs;
    private final Layout layout;
    private final Marks marks;

    CreateTemplateDataset(Zfs zfs, Layout layout, Marks marks) {
        this.zfs = zfs;
        this.layout = layout;
        this.marks = marks;
    }

    @Override
    public String description() {
        return "create the template dataset " + layout.templateDataset();
    }

    @Override
    public boolean isDone() {
        return zfs.exists(layout.templateDataset());
    }

    @Override
    public void apply() {
        zfs.create(layout.templateDataset(), true, marks.zfsProperties());
    }

    @Override
    public void verify() {
        if (!zfs.exists(layout.templateDataset())) {
            throw new ProvisionException("the template dataset " + layout.templateDataset() + " does not exist after zfs create");
        }
    }
}
