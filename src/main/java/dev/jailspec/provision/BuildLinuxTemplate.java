package dev.jailspec.provision;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Linux template (issue 15): the image extracted once into a dataset of its own below
 * {@code templates}, snapshotted as {@code @base} and marked kept ({@code jailspec:keep=linux-template}),
 * with the image's sha256 and the extraction's {@link LinuxImageExtraction#RECIPE} as its marks. Later
 * scenarios and runs clone it ({@link CloneLinuxTemplate}) instead of extracting again. One built from
 * another image or recipe, or left half-built, is rebuilt, saying why; one jailspec did not create is
 * refused, never destroyed.
 */
final class BuildLinuxTemplate implements ProvisionStep {
    private final Zfs zfs;
    private final HostState state;
    private final LinuxTemplate names;
    private final Marks marks;
    private final LinuxImageExtraction extraction;
    private final EventBus bus;
    private final UndoExecutor undos;
    /** Why the template found on the host does not serve (set by isDone), or null. */
    private String staleReason;

    BuildLinuxTemplate(Host host, HostState state, LinuxTemplate names, Marks marks, LinuxImageExtraction extraction,
                       UndoExecutor undos, EventBus bus) {
        this.undos = undos;
        this.zfs = new Zfs(host);
        this.state = state;
        this.names = names;
        this.marks = marks;
        this.extraction = extraction;
        this.bus = bus;
    }

    @Override
    public String description() {
        return "build the Linux template " + names.dataset() + " (the " + extraction.distribution().displayName() + " "
                + extraction.image().major() + " image extracted once, snapshotted as " + names.snapshot() + ")";
    }

    /** Why the template was rebuilt; empty when it was new (or not rebuilt). */
    Optional<String> rebuildReason() {
        return Optional.ofNullable(staleReason);
    }

    @Override
    public boolean isDone() {
        HostState.Datasets seen = state.datasets();
        Optional<HostState.Dataset> found = seen.find(names.dataset());
        staleReason = null;
        if (found.isEmpty()) {
            return false;
        }
        if (!found.get().mark().isJailspecs()) {
            throw new ProvisionException(names.dataset() + " already exists and was not created by jailspec; the Linux"
                    + " userland would be extracted into it. Rename or destroy it by hand, choose another jailspec.zfs.root,"
                    + " or set jailspec.linux.template=false");
        }
        staleReason = staleness(seen, found.get()).orElse(null);
        return staleReason == null;
    }

    private Optional<String> staleness(HostState.Datasets seen, HostState.Dataset template) {
        DatasetMarks.Mark mark = template.mark();
        if (!mark.keep().filter(Marks.KEEP_LINUX_TEMPLATE::equals).isPresent() || !seen.exists(names.snapshot())) {
            return Optional.of("it was left half-built (" + mark.describe() + ", " + (seen.exists(names.snapshot())
                    ? "not marked " + Marks.KEEP + "=" + Marks.KEEP_LINUX_TEMPLATE : "no " + names.snapshot()) + ")");
        }
        String sha256 = extraction.resolve().sha256();
        String builtFrom = template.builtFrom().getOrDefault(Marks.LINUX_IMAGE, "(none)");
        if (!builtFrom.equals(sha256)) {
            return Optional.of("the image's sha256 is now " + sha256 + ", the template's " + Marks.LINUX_IMAGE + " is "
                    + builtFrom);
        }
        String recipe = template.builtFrom().getOrDefault(Marks.LINUX_RECIPE, "(none)");
        if (!recipe.equals(LinuxImageExtraction.RECIPE)) {
            return Optional.of("the extraction is now " + LinuxImageExtraction.RECIPE + ", the template's "
                    + Marks.LINUX_RECIPE + " is " + recipe);
        }
        return Optional.empty();
    }

    /** Until it is snapshotted and marked kept, teardown (or the reaper) destroys a half-built template. */
    @Override
    public List<Undo> undo() {
        return List.of(new Undo.DestroyDataset(names.dataset(), marks.runId()));
    }

    @Override
    public void apply() {
        if (staleReason != null) {
            destroyStale();
        }
        Map<String, String> props = new LinkedHashMap<>(marks.zfsProperties());
        props.put(Marks.LINUX_IMAGE, extraction.resolve().sha256());
        props.put(Marks.LINUX_RECIPE, LinuxImageExtraction.RECIPE);
        zfs.create(names.dataset(), false, props);
        extraction.extractInto(names.path());
        extraction.requireUserland(names.path(), "after extracting the " + extraction.distribution().displayName()
                + " image into the Linux template");
        SnapshotTemplate.snapshotMarked(zfs, names.snapshot(), marks);
        zfs.set(names.dataset(), Marks.KEEP, Marks.KEEP_LINUX_TEMPLATE);
    }

    /** Destroys the stale template through the one executor that checks jailspec's marks. */
    private void destroyStale() {
        bus.publish(new Note(bus.now(), "rebuilding the Linux template " + names.dataset() + ": " + staleReason));
        try {
            undos.destroyStaleTemplate(names.dataset(), staleReason);
        } catch (ProvisionException e) {
            throw new ProvisionException("the Linux template " + names.dataset() + " must be rebuilt (" + staleReason
                    + "), but " + e.getMessage() + "; or set jailspec.linux.template=false", e);
        }
    }

    @Override
    public void verify() {
        HostState.Datasets seen = state.datasets();
        if (!seen.exists(names.snapshot())) {
            throw new ProvisionException("the snapshot " + names.snapshot() + " of the Linux template does not exist");
        }
        if (!seen.mark(names.dataset()).flatMap(DatasetMarks.Mark::keep).filter(Marks.KEEP_LINUX_TEMPLATE::equals)
                .isPresent()) {
            throw new ProvisionException("the Linux template " + names.dataset() + " is not marked " + Marks.KEEP + "="
                    + Marks.KEEP_LINUX_TEMPLATE);
        }
    }
}
