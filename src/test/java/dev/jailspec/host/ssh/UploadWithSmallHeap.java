package dev.jailspec.host.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Run by SshConnectionTest in a JVM with a heap far smaller than the file: uploads one file over SSH. */
public final class UploadWithSmallHeap {
    private UploadWithSmallHeap() {
    }

    /** args: port user identityFile knownHosts localFile remotePath */
    public static void main(String[] args) {
        var address = new SshAddress(Optional.of(args[1]), "127.0.0.1", Optional.of(Integer.parseInt(args[0])));
        var options = new SshOptions(Optional.empty(), Path.of(args[3]), SshOptions.HostKeyPolicy.STRICT,
                List.of(Path.of(args[2])), Become.NONE, Duration.ofSeconds(30), Optional.empty());
        try (SshHost host = SshHost.open(address, options)) {
            host.upload(Path.of(args[4]), args[5], 0600);
        }
        System.out.println("uploaded; max heap " + Runtime.getRuntime().maxMemory());
    }
}
