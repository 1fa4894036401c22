package dev.jailspec.provision;

import dev.jailspec.freebsd.Zfs;
import java.util.List;

/**
 * How-to step 5: {@code zfs create -p <root>/templates/<release>}. An existing template is only
 * reused when jailspec made it: the base system is extracted into it.
 */
final class CreateTemplateDataset implements ProvisionStep {
    private final Zfs zfs;
    private final HostState state;
    private final Layout layout;
    private final Marks marks;

    CreateTemplateDataset(Zfs zfs, HostState state, Layout layout, Marks marks) {
        this.zfs = zfs;
        this.state = state;
        this.layout = layout;
        this.marks = marks;
    }

    @Override
    public String description() {
        return "create the template dataset " + layout.templateDataset();
    }

    @Override
    public boolean isDone() {
        var mark = state.datasets().mark(layout.templateDataset());
        if (mark.isEmpty()) {
            return false;
        }
        if (!mark.get().isJailspecs()) {
            throw new ProvisionException(layout.templateDataset() + " already exists and was not created by jailspec;"
                    + " the base system would be extracted into it. Rename or destroy it by hand, or choose another"
                    + " jailspec.zfs.root");
        }
        return true;
    }

    /**
     * Until the template is snapshotted (and so marked kept), teardown destroys it again: a
     * half-built template is not reused.
     */
    @Override
    public List<Undo> undo() {
        return List.of(new Undo.DestroyDataset(layout.templateDataset(), marks.runId()));
    }

    @Override
    public void apply() {
        zfs.create(layout.templateDataset(), true, marks.zfsProperties());
    }

    @Override
    public void verify() {
        if (!state.datasets().exists(layout.templateDataset())) {
            throw new ProvisionException("the template dataset " + layout.templateDataset() + " does not exist after zfs create");
        }
    }
}
