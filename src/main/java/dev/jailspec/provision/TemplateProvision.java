package dev.jailspec.provision;

import dev.jailspec.config.Setting;
import dev.jailspec.config.TemplateKind;
import dev.jailspec.event.DatasetChanged;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.Pkg;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Host;

/**
 * The release template's steps for {@link Provisioner}: the dataset tree, the template dataset, its
 * base system (base.txz or pkgbase) and patches, the {@code @base} snapshot. All of it outlives the
 * scenario; a half-built template is destroyed again by teardown.
 */
final class TemplateProvision {
    private final JailspecRun run;
    private final Host host;
    private final Zfs zfs;
    private final Layout layout;
    private final StepRunner steps;
    private final EventBus bus;

    TemplateProvision(JailspecRun run, Host host, StepRunner steps) {
        this.run = run;
        this.host = host;
        this.zfs = new Zfs(host);
        this.layout = run.layout();
        this.steps = steps;
        this.bus = run.bus();
    }

    void createDatasetTree() {
        run.requireHostReady();
        steps.ensure(new CreateDatasetTree(zfs, run.hostState(), layout, run.marks())).publish(bus, layout.zfsRoot(),
                DatasetChanged.Change.CREATED, "with media, templates and containers");
    }

    /** Until the template is snapshotted (and marked kept), teardown destroys it again: a half-built template is not reused. */
    void createTemplateDataset() {
        steps.ensure(new CreateTemplateDataset(zfs, run.hostState(), layout, run.marks())).publish(bus,
                layout.templateDataset(), DatasetChanged.Change.CREATED, "template of " + layout.release());
    }

    /** The base system into the template: base.txz extracted, or (pkgbase) the repository written, the keys copied, pkg install. */
    void installBaseSystem() {
        bus.publish(new Note(bus.now(), "template kind " + layout.templateKind().word() + " ("
                + Setting.FREEBSD_TEMPLATE.key() + "): " + (layout.templateKind() == TemplateKind.PKGBASE
                ? "pkg install " + Pkg.MINIMAL_JAIL_SET + " from the FreeBSD-base repository into " + layout.templatePath()
                        + ", patched with pkg upgrade"
                : "the release's base.txz extracted into " + layout.templatePath() + ", patched with freebsd-update")));
        if (layout.templateKind() == TemplateKind.PKGBASE) {
            steps.ensure(new WritePkgbaseRepository(host, layout, run.pkgMirror()));
            steps.ensure(new CopyPkgbaseKeys(host, layout));
            steps.ensure(new InstallPkgbaseSystem(host, layout));
            return;
        }
        steps.ensure(run.baseSystemInstaller(host));
    }

    /** The template's patches: freebsd-update, or (pkgbase) pkg upgrade. */
    void updateTemplate() {
        if (layout.templateKind() == TemplateKind.PKGBASE) {
            steps.ensure(new UpgradePkgbaseTemplate(host, layout));
            return;
        }
        if (run.releaseSupport().skipsUpdate(layout.release())
                && !run.hostState().datasets().exists(layout.templateSnapshot())) {
            // freebsd-update.sh fetch_warn_eol: fetch of a release past its EoL exits 1, so it is not run at all.
            bus.publish(new Note(bus.now(), "freebsd-update skipped: " + layout.release() + " is past its end of life and"
                    + " jailspec.freebsd.allowEol=true; the template " + layout.templatePath() + " stays unpatched"));
            return;
        }
        steps.ensure(new UpdateTemplate(host, run.hostState(), layout));
    }

    void snapshotTemplate() {
        steps.ensure(new SnapshotTemplate(zfs, run.hostState(), layout, run.marks())).publish(bus,
                layout.templateSnapshot(), DatasetChanged.Change.SNAPSHOTTED, "the jails are cloned from it");
    }

    /** The whole template: tree, dataset, base system, {@code @base}. Reused when the snapshot exists. */
    void ensureTemplate() {
        createDatasetTree();
        createTemplateDataset();
        installBaseSystem();
        updateTemplate();
        snapshotTemplate();
    }
}
