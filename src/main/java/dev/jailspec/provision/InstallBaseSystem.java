package dev.jailspec.provision;

import dev.jailspec.artifact.ArchiveInspector;
import dev.jailspec.artifact.ArchiveInventory;
import dev.jailspec.artifact.DownloadResult;
import dev.jailspec.artifact.ExtractionCheck;
import dev.jailspec.artifact.RootfsValidator;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.artifact.Downloader;
import dev.jailspec.artifact.FreebsdManifest;
import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.event.CommandKind;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.net.URI;

/**
 * How-to steps 6 to 8: the release's {@code base.txz}, checked against the release MANIFEST and
 * inspected in the pass that downloads it (from the file when it was in the cache), copied into
 * {@code <root>/media}, checked again there with the host's own {@code sha256}, extracted into the template with {@code tar -xf ... --unlink}, plus the host's resolv.conf
 * and localtime. Done once per release: a template already snapshotted as {@code @base} is
 * reused without downloading or extracting anything.
 */
final class InstallBaseSystem implements ProvisionStep {
    private final Host host;
    private final HostState state;
    private final Layout layout;
    private final Downloader downloader;
    private final ReleaseDirs releaseDirs;
    private final EventBus bus;

    /** {@code releaseDirs}: the mirror's {@code .../releases/amd64/amd64/<release>/} and the archive's directory. */
    InstallBaseSystem(Host host, HostState state, Layout layout, Downloader downloader, ReleaseDirs releaseDirs, EventBus bus) {
        this.bus = bus;
        this.host = host;
        this.state = state;
        this.layout = layout;
        this.downloader = downloader;
        this.releaseDirs = releaseDirs;
    }

    @Override
    public String description() {
        return "install the " + layout.release() + " base system into " + layout.templatePath();
    }

    @Override
    public boolean isDone() {
        return state.datasets().exists(layout.templateSnapshot());
    }

    @Override
    public void apply() {
        ReleaseDirs.Located located = releaseDirs.locate(downloader, bus);
        URI releaseDir = located.dir();
        String sha256 = FreebsdManifest.parse(located.manifest(), releaseDir.resolve("MANIFEST").toString()).sha256Of("base.txz");
        // Read before anything is extracted, in the pass that downloads it: a damaged or hostile archive stops here.
        ArchiveInspector inspector = new ArchiveInspector();
        Downloader.InspectedDownload<Inventory> got = downloader.download(releaseDir.resolve("base.txz"), sha256,
                "check jailspec.freebsd.mirror and jailspec.freebsd.archiveMirror",
                (arriving, name) -> new Inventory(inspector.inspect(arriving, name)));
        DownloadResult base = got.download();
        ArchiveInventory inventory = inventoryOf(got, inspector);
        RootfsValidator.safetyOnly().require(base.path().getFileName().toString(), inventory);

        String archive = layout.baseArchivePath();
        VerifiedUpload.upload(host, base.path(), archive, sha256, "the release MANIFEST", bus);
        host.run(Command.of("tar", "-xf", archive, "-C", layout.templatePath(), "--unlink").withKind(CommandKind.EXTRACT)).orThrow();
        bus.publish(new Note(bus.now(),
                ExtractionCheck.require(inventory, layout.templatePath(), HostTree.of(host)).describe()));
        TemplateContent.copyHostFiles(host, layout);
    }

    /** An inventory read in flight; it holds nothing to release. */
    private record Inventory(ArchiveInventory value) implements AutoCloseable {
        @Override
        public void close() {
        }
    }

    /** What the in-flight read found, else (the file was in the cache, or the read gave up) the file's inventory. */
    private static ArchiveInventory inventoryOf(Downloader.InspectedDownload<Inventory> got, ArchiveInspector inspector) {
        try (Downloader.InFlightOutcome<Inventory> outcome = got.inFlight()) {
            if (outcome instanceof Downloader.InFlightOutcome.Read<Inventory> read) {
                return read.value().value();
            }
            if (outcome instanceof Downloader.InFlightOutcome.Failed<Inventory> failed) {
                throw failed.error();
            }
            return inspector.inspect(got.download().path());
        }
    }

    @Override
    public void verify() {
        TemplateContent.requireBaseSystem(host, layout,
                "after extracting " + layout.baseArchivePath() + "; the archive is not a FreeBSD base.txz");
    }
}
