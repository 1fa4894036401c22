package dev.jailspec.provision;

import dev.jailspec.artifact.ArchiveInventory;
import dev.jailspec.artifact.DownloadResult;
import dev.jailspec.artifact.Downloader;
import dev.jailspec.artifact.ExtractionCheck;
import dev.jailspec.artifact.TaggedChecksums;
import dev.jailspec.artifact.RootfsValidator;
import dev.jailspec.event.ArtifactResolved;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.freebsd.Mkdir;
import dev.jailspec.event.CommandKind;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import dev.jailspec.linux.ImageSource;
import dev.jailspec.linux.LinuxDistribution;
import java.util.List;

/**
 * How-to steps 16 to 18, corrected: the distribution's container image (Rocky's Container-Base)
 * is checked against the published checksum listing, inspected before anything is extracted (a
 * Minimal image without dnf, the wrong release or unsafe entries are refused), flattened when it
 * is an OCI image archive (Rocky 9.7 and later), and extracted by the host's own
 * {@code tar -xpf ... --numeric-owner} so owners (as the userland's own ids), modes, setuid bits and
 * links are kept. The how-to's {@code tar xfp} of the .latest file yields a useless tree on 9.7, and
 * it mounts the Linux file systems under compat/ubuntu; we use /compat/&lt;distribution&gt;
 * ({@link LinuxDistribution#compatDir()}).
 */
final class InstallLinuxUserland implements ProvisionStep {
    /**
     * Mount points the jail's Linux mounts need in the userland's own tree (see JailConfTemplate).
     * Not dev/shm and dev/fd: they lie in the devfs mounted on dev, which hides whatever is below
     * it in the tree; devfs itself provides them (fd from devfs, shm from linux_common.ko).
     */
    static final List<String> MOUNT_POINTS = List.of("dev", "proc", "sys", "tmp", "home");

    private final Host host;
    private final Layout layout;
    private final Downloader downloader;
    private final LinuxDistribution distribution;
    private final ImageSource image;
    private final String settingHint;
    private final EventBus bus;
    private final PreparedImages preparedImages;
    private ArchiveInventory extracted;

    InstallLinuxUserland(Host host, Layout layout, Downloader downloader, LinuxUserland userland, ImageSource image,
                         PreparedImages preparedImages, EventBus bus) {
        this.host = host;
        this.layout = layout;
        this.downloader = downloader;
        this.distribution = userland.distribution();
        this.image = image;
        this.settingHint = "jailspec." + distribution.name() + ".";
        this.bus = bus;
        this.preparedImages = preparedImages;
    }

    @Override
    public String description() {
        return "install the " + distribution.displayName() + " " + image.major() + " userland into "
                + layout.linuxRootOnHost();
    }

    @Override
    public boolean isDone() {
        return host.stat(layout.linuxRootOnHost() + distribution.requiredFiles().get(0)).isPresent()
                && host.stat(layout.linuxRootOnHost() + "/etc/resolv.conf").isPresent();
    }

    @Override
    public void apply() {
        TaggedChecksums checksum = TaggedChecksums.parse(
                downloader.fetchText(image.checksum(), "check " + settingHint + "mirror or " + settingHint + "checksumUrl"),
                image.checksum().toString());
        TaggedChecksums.Entry listed = checksum.require(image.fileName(),
                "check the image name (" + settingHint + "imageUrl) and the mirror (" + settingHint + "mirror)");
        TaggedChecksums.Entry dated = listed.isAlias() ? checksum.resolveLatest(image.fileName()) : listed;
        bus.publish(new ArtifactResolved(bus.now(), ArtifactResolved.LINUX_IMAGE, dated.file(),
                image.image().toString(), dated.sha256()));
        bus.publish(new Note(bus.now(), distribution.displayName() + " image: " + dated.file() + " (sha256 "
                + dated.sha256() + ")" + (listed.isAlias() ? ", which " + image.fileName() + " points to" : "")));
        ImagePreparation.Ready ready = new ImagePreparation(downloader, preparedImages, bus).prepare(image.image(),
                listed.sha256(), dated.file(), "check " + settingHint + "mirror or " + settingHint + "imageUrl",
                RootfsValidator.linuxUserland(distribution.osReleaseId(), image.major(),
                        distribution.requiredPrograms(), distribution::withoutProgramsAdvice));
        DownloadResult download = ready.download();
        if (listed.size() >= 0 && download.size() != listed.size()) {
            throw new ProvisionException(image.image() + " is " + download.size() + " bytes, but " + image.checksum()
                    + " says " + listed.size() + "; the cached file is " + download.path() + ": remove it and run again");
        }
        PreparedImages.Prepared prepared = ready.prepared();
        extracted = prepared.extracted();
        boolean flattened = !prepared.rootfsTar().equals(download.path());
        String onHost = layout.path("media/" + dated.file() + (flattened ? ".rootfs.tar" : ""));
        VerifiedUpload.upload(host, prepared.rootfsTar(), onHost, prepared.rootfsSha256(), flattened
                ? "the flattened image (made here from verified layers)" : image.checksum().toString(), bus);
        new Mkdir(host).parents(layout.linuxRootOnHost());
        // --numeric-owner: the userland's ids mean what its own /etc/passwd and /etc/group say. Without
        // it root's tar looks each owner name up in the FreeBSD host's databases (sim.TarOwners), and a
        // name both know under other ids (tty, mail, man, bin, daemon, ...) would get the host's id.
        host.run(Command.of("tar", "-xpf", onHost, "-C", layout.linuxRootOnHost(), "--numeric-owner")
                .withKind(CommandKind.EXTRACT)).orThrow();
        // Right after tar: the resolv.conf copy below may replace a sampled file.
        bus.publish(new Note(bus.now(),
                ExtractionCheck.require(extracted, layout.linuxRootOnHost(), HostTree.of(host)).describe()));
        new FileCopy(host).copy("/etc/resolv.conf", layout.linuxRootOnHost() + "/etc/");
        new Mkdir(host).parents(MOUNT_POINTS.stream().map(dir -> layout.linuxRootOnHost() + "/" + dir).toList());
    }

    @Override
    public void verify() {
        for (String required : distribution.requiredFiles()) {
            if (host.stat(layout.linuxRootOnHost() + required).isEmpty()) {
                throw new ProvisionException(layout.linuxRootOnHost() + required + " is missing after extracting the "
                        + distribution.displayName() + " image: the extraction is incomplete");
            }
        }
    }
}
