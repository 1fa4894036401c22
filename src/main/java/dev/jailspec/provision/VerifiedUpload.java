package dev.jailspec.provision;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.nio.file.Path;

/**
 * Copies a checked download to the host, then checks it again there with the host's own
 * {@code sha256 -q}: what is extracted on the host is what was verified in the JVM. A copy already
 * on the host with the same sha256 (an earlier scenario's) is not copied again: on a real host that
 * is a pass over the whole image saved.
 */
final class VerifiedUpload {
    private VerifiedUpload() {
    }

    /** @param source what the expected hash comes from, for the message ("the release MANIFEST") */
    static void upload(Host host, Path local, String remote, String expectedSha256, String source, EventBus bus) {
        if (host.stat(remote).isPresent() && sha256On(host, remote).equals(expectedSha256)) {
            bus.publish(new Note(bus.now(), remote + " is on the host already, with the same sha256: not copied again"));
            return;
        }
        host.upload(local, remote, 0644);
        String onHost = sha256On(host, remote);
        if (!onHost.equals(expectedSha256)) {
            throw new ProvisionException(remote + " on the host has sha256 " + onHost + ", but " + source + " says "
                    + expectedSha256 + "; the copy to the host is damaged (disk full?); remove it and run again");
        }
    }

    private static String sha256On(Host host, String remote) {
        return host.run(Command.probe("sha256", "-q", remote)).orThrow().stdout().strip();
    }
}
