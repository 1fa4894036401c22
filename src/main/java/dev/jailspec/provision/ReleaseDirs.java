package dev.jailspec.provision;

import dev.jailspec.artifact.DownloadException;
import dev.jailspec.artifact.Downloader;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import java.net.URI;

/**
 * Where a release's distribution sets are: {@code primary} ({@code .../releases/amd64/amd64/<release>/}
 * on jailspec.freebsd.mirror) or, once the release has moved off the mirror after its end of
 * life, {@code archive} ({@code .../old-releases/amd64/amd64/<release>/} on
 * jailspec.freebsd.archiveMirror). The archive is tried only when the primary answers 404 or
 * 410 for the release's MANIFEST: any other failure is the mirror's, not the release's.
 */
record ReleaseDirs(URI primary, URI archive) {

    /** The directory that holds the release, and its MANIFEST text read from there. */
    record Located(URI dir, String manifest) {
    }

    Located locate(Downloader downloader, EventBus bus) {
        try {
            return new Located(primary, downloader.fetchText(primary.resolve("MANIFEST"), "check jailspec.freebsd.mirror"));
        } catch (DownloadException e) {
            if (e.status() != 404 && e.status() != 410) {
                throw e;
            }
            bus.publish(new Note(bus.now(), primary + " is not on the mirror (HTTP " + e.status() + "); a release past its"
                    + " end of life moves to the archive: trying " + archive));
            String hint = "the release is neither on jailspec.freebsd.mirror (" + primary + ") nor on"
                    + " jailspec.freebsd.archiveMirror; check jailspec.freebsd.release and both mirrors";
            return new Located(archive, downloader.fetchText(archive.resolve("MANIFEST"), hint));
        }
    }
}
