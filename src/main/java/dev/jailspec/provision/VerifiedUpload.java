package dev.jailspec.provision;

import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.nio.file.Path;

/**
 * Copies a checked download to the host, then checks it again there with the host's own
 * {@code sha256 -q}: what is extracted on the host is what was verified in the JVM.
 */
final class VerifiedUpload {
    private VerifiedUpload() {
    }

    /** @param source what the expected hash comes from, for the message ("the release MANIFEST") */
    static void upload(Host host, Path local, String remote, String expectedSha256, String source) {
        host.upload(local, remote, 0644);
        String onHost = host.run(Command.probe("sha256", "-q", remote)).orThrow().stdout().strip();
        if (!onHost.equals(expectedSha256)) {
            throw new ProvisionException(remote + " on the host has sha256 " + onHost + ", but " + source + " says "
                    + expectedSha256 + "; the copy to the host is damaged (disk full?); remove it and run again");
        }
    }
}
