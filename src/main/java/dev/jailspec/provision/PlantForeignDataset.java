package dev.jailspec.provision;

import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Host;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stages a situation for a scenario that shows what jailspec refuses to touch: an unmarked
 * dataset, a stand-in for someone else's, where jailspec would put its own. It is declared for
 * removal at the scenario's end like any other change, and only where nothing is yet, so a real
 * dataset of that name is never taken for the stand-in.
 */
final class PlantForeignDataset implements ProvisionStep {
    private final Host host;
    private final Zfs zfs;
    private final Sandbox sandbox;
    private final String dataset;

    PlantForeignDataset(Host host, Layout layout, String dataset) {
        this.host = host;
        this.zfs = new Zfs(host);
        this.sandbox = new Sandbox(layout);
        this.dataset = dataset;
    }

    @Override
    public String description() {
        return "plant the unmarked dataset " + dataset + " (a stand-in for someone else's)";
    }

    /** Never done: a dataset already there is not the scenario's stand-in, and is left alone. */
    @Override
    public boolean isDone() {
        sandbox.requireDataset(dataset);
        if (zfs.exists(dataset)) {
            throw new ProvisionException(dataset + " already exists, so it cannot be planted as the scenario's"
                    + " stand-in; left alone. Remove it by hand if it is stale, or choose another jailspec.jail.name");
        }
        return false;
    }

    @Override
    public List<Undo> undo() {
        return List.of(new Undo.DestroyPlanted(dataset));
    }

    @Override
    public void apply() {
        zfs.create(dataset, false, Map.of());
    }

    @Override
    public void verify() {
        Optional<DatasetMarks.Mark> mark = new DatasetMarks(host).of(dataset);
        if (mark.isEmpty() || mark.get().isJailspecs()) {
            throw new ProvisionException("zfs create " + dataset + " did not leave an unmarked dataset there");
        }
    }
}
