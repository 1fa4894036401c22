package dev.jailspec.provision;

import dev.jailspec.artifact.DownloadResult;
import dev.jailspec.artifact.Downloader;
import dev.jailspec.artifact.ExtractionCheck;
import dev.jailspec.artifact.InspectionCache;
import dev.jailspec.artifact.RootfsValidator;
import dev.jailspec.artifact.TaggedChecksums;
import dev.jailspec.event.ArtifactResolved;
import dev.jailspec.event.CommandKind;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.freebsd.Mkdir;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import dev.jailspec.linux.ImageSource;
import dev.jailspec.linux.LinuxDistribution;
import java.util.List;

/**
 * The run's Linux image from its checksum listing to an extracted tree on the host, for both places
 * a userland is extracted into: the jail's own clone ({@link InstallLinuxUserland}, the how-to's step)
 * and the kept Linux template ({@link BuildLinuxTemplate}). The image is checked against the listing,
 * prepared once per run ({@link ImagePreparation}), copied to the host only when its copy differs, and
 * extracted by the host's tar with {@code --numeric-owner}.
 */
final class LinuxImageExtraction {
    /**
     * Mount points the jail's Linux mounts need in the userland's own tree (see JailConfTemplate).
     * Not dev/shm and dev/fd: they lie in the devfs mounted on dev, which hides whatever is below
     * it in the tree; devfs itself provides them (fd from devfs, shm from linux_common.ko).
     */
    static final List<String> MOUNT_POINTS = List.of("dev", "proc", "sys", "tmp", "home");

    /**
     * What besides the image decides the extracted tree, as the Linux template's mark
     * {@code jailspec:linux-recipe}: the tar options, the mount points made and the inspection's format
     * (which names the flattening's rules). A change here makes a kept template stale; raise the
     * leading number when the extraction changes in a way these words do not show.
     */
    static final String RECIPE = "1/tar-xpf-numeric-owner/resolv.conf/" + String.join(",", MOUNT_POINTS)
            + "/inspection-" + InspectionCache.FORMAT_VERSION;

    /** The listing's entry for the configured image and, for a {@code .latest} alias, the dated file it names. */
    record Resolved(TaggedChecksums.Entry listed, TaggedChecksums.Entry dated) {
        /** The sha256 the downloaded bytes are checked against. */
        String sha256() {
            return listed.sha256();
        }
    }

    private final Host host;
    private final Layout layout;
    private final Downloader downloader;
    private final LinuxDistribution distribution;
    private final ImageSource image;
    private final String settingHint;
    private final PreparedImages preparedImages;
    private final EventBus bus;
    private Resolved resolved;

    LinuxImageExtraction(Host host, Layout layout, Downloader downloader, LinuxUserland userland, ImageSource image,
                         PreparedImages preparedImages, EventBus bus) {
        this.host = host;
        this.layout = layout;
        this.downloader = downloader;
        this.distribution = userland.distribution();
        this.image = image;
        this.settingHint = "jailspec." + distribution.name() + ".";
        this.preparedImages = preparedImages;
        this.bus = bus;
    }

    LinuxDistribution distribution() {
        return distribution;
    }

    ImageSource image() {
        return image;
    }

    /** Reads the checksum listing once and says which image it names; later calls answer the same. */
    Resolved resolve() {
        if (resolved != null) {
            return resolved;
        }
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
        resolved = new Resolved(listed, dated);
        return resolved;
    }

    /**
     * Extracts the image into {@code dir} (made if missing), then gives it the host's resolv.conf and
     * the mount points; what the tree must hold is checked right after tar.
     */
    void extractInto(String dir) {
        Resolved r = resolve();
        ImagePreparation.Ready ready = new ImagePreparation(downloader, preparedImages, bus).prepare(image.image(),
                r.listed().sha256(), r.dated().file(), "check " + settingHint + "mirror or " + settingHint + "imageUrl",
                RootfsValidator.linuxUserland(distribution.osReleaseId(), image.major(),
                        distribution.requiredPrograms(), distribution::withoutProgramsAdvice));
        DownloadResult download = ready.download();
        if (r.listed().size() >= 0 && download.size() != r.listed().size()) {
            throw new ProvisionException(image.image() + " is " + download.size() + " bytes, but " + image.checksum()
                    + " says " + r.listed().size() + "; the cached file is " + download.path() + ": remove it and run again");
        }
        PreparedImages.Prepared prepared = ready.prepared();
        boolean flattened = !prepared.rootfsTar().equals(download.path());
        String onHost = layout.path("media/" + r.dated().file() + (flattened ? ".rootfs.tar" : ""));
        VerifiedUpload.upload(host, prepared.rootfsTar(), onHost, prepared.rootfsSha256(), flattened
                ? "the flattened image (made here from verified layers)" : image.checksum().toString(), bus);
        new Mkdir(host).parents(dir);
        // --numeric-owner: the userland's ids mean what its own /etc/passwd and /etc/group say. Without
        // it root's tar looks each owner name up in the FreeBSD host's databases (sim.TarOwners), and a
        // name both know under other ids (tty, mail, man, bin, daemon, ...) would get the host's id.
        host.run(Command.of("tar", "-xpf", onHost, "-C", dir, "--numeric-owner")
                .withKind(CommandKind.EXTRACT)).orThrow();
        // Right after tar: the resolv.conf copy below may replace a sampled file.
        bus.publish(new Note(bus.now(), ExtractionCheck.require(prepared.extracted(), dir, HostTree.of(host)).describe()));
        new FileCopy(host).copy("/etc/resolv.conf", dir + "/etc/");
        new Mkdir(host).parents(MOUNT_POINTS.stream().map(sub -> dir + "/" + sub).toList());
    }

    /** Throws when a file the distribution requires is missing below {@code dir}, saying what {@code after}. */
    void requireUserland(String dir, String after) {
        for (String required : distribution.requiredFiles()) {
            if (host.stat(dir + required).isEmpty()) {
                throw new ProvisionException(dir + required + " is missing " + after + ": the extraction is incomplete");
            }
        }
    }
}
