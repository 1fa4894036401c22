package dev.jailspec.provision;

import dev.jailspec.freebsd.Zfs;
import java.util.HashMap;
import java.util.List;

/**
 * How-to step 3: {@code <root>}, {@code <root>/media}, {@code <root>/templates}, {@code <root>/containers}.
 * What this creates is marked {@code jailspec:keep=tree}: the empty tree stays between runs. A root
 * that exists already (one the admin made for jailspec) is used as it is.
 */
final class CreateDatasetTree implements ProvisionStep {
    static final List<String> CHILDREN = List.of("media", "templates", "containers");

    private final Zfs zfs;
    private final HostState state;
    private final Layout layout;
    private final Marks marks;

    CreateDatasetTree(Zfs zfs, HostState state, Layout layout, Marks marks) {
        this.zfs = zfs;
        this.state = state;
        this.layout = layout;
        this.marks = marks;
    }

    @Override
    public String description() {
        return "create the dataset tree " + layout.zfsRoot() + "/{" + String.join(",", CHILDREN) + "}";
    }

    @Override
    public boolean isDone() {
        HostState.Datasets seen = state.datasets();
        return seen.exists(layout.zfsRoot()) && CHILDREN.stream().allMatch(c -> seen.exists(layout.dataset(c)));
    }

    @Override
    public void apply() {
        if (!state.datasets().exists(layout.zfsRoot())) {
            var props = new HashMap<>(marks.keptZfsProperties(Marks.KEEP_TREE));
            props.put("mountpoint", layout.mountpoint());
            zfs.create(layout.zfsRoot(), true, props);
        }
        for (String child : CHILDREN) {
            if (!state.datasets().exists(layout.dataset(child))) {
                zfs.create(layout.dataset(child), false, marks.keptZfsProperties(Marks.KEEP_TREE));
            }
        }
    }

    @Override
    public void verify() {
        for (String child : CHILDREN) {
            HostState.Dataset ds = state.datasets().find(layout.dataset(child)).orElseThrow(() -> new ProvisionException(
                    layout.dataset(child) + " does not exist after zfs create"));
            String expected = layout.path(child);
            if (!ds.mountpoint().orElse("").equals(expected)) {
                throw new ProvisionException(ds.name() + " is mounted at " + ds.mountpoint().orElse("(nowhere)")
                        + ", expected " + expected + "; check jailspec.zfs.mountpoint against the mountpoint of "
                        + layout.zfsRoot());
            }
        }
    }
}
