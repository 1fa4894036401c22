package dev.jailspec.host.ssh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Checks the server's key against known_hosts as OpenSSH's StrictHostKeyChecking=yes does (or
 * accept-new when so configured): an unknown or changed key ends the login, and the reason, with
 * the key's fingerprint and the known_hosts line to add, is kept for the error the user reads.
 */
final class HostKeyCheck {
    private final Path knownHosts;
    private final SshOptions.HostKeyPolicy policy;
    private final AtomicReference<String> rejection = new AtomicReference<>();

    HostKeyCheck(Path knownHosts, SshOptions.HostKeyPolicy policy) {
        this.knownHosts = knownHosts;
        this.policy = policy;
    }

    ServerKeyVerifier verifier() {
        ServerKeyVerifier unknown = (session, remote, key) -> {
            if (policy == SshOptions.HostKeyPolicy.ACCEPT_NEW) {
                return true;  // KnownHostsServerKeyVerifier then appends the key to the file
            }
            rejection.set("the host key of " + name(session, remote) + " is not in " + knownHosts
                    + " and jailspec checks host keys strictly. The server offered " + describe(key)
                    + ". If that is the host's key (on the host: ssh-keygen -lf /etc/ssh/ssh_host_"
                    + shortType(key) + "_key.pub), add this line to " + knownHosts + ":\n  "
                    + line(session, remote, key)
                    + "\nor set jailspec.ssh.knownHosts=accept-new to add it at the first login");
            return false;
        };
        var verifier = new KnownHostsServerKeyVerifier(unknown, knownHosts);
        verifier.setModifiedServerKeyAcceptor((session, remote, entry, expected, actual) -> {
            rejection.set("the host key of " + name(session, remote) + " has CHANGED: " + knownHosts + " lists "
                    + describe(expected) + " (line '" + entry.getConfigLine() + "'), the server offered "
                    + describe(actual) + ". Someone may be intercepting the connection, or the host was"
                    + " reinstalled. Only if you know its key changed, remove the old line (ssh-keygen -R '"
                    + pattern(session, remote) + "' -f " + knownHosts + ") and add:\n  " + line(session, remote, actual));
            return false;
        });
        return verifier;
    }

    /** Why the last login was refused by this check, if it was. */
    java.util.Optional<String> rejection() {
        return java.util.Optional.ofNullable(rejection.get());
    }

    private static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " key " + KeyUtils.getFingerPrint(key);
    }

    private static String shortType(PublicKey key) {
        String type = KeyUtils.getKeyType(key);
        return type.startsWith("ssh-") ? type.substring(4) : type.startsWith("ecdsa") ? "ecdsa" : type;
    }

    private static String line(ClientSession session, SocketAddress remote, PublicKey key) {
        return pattern(session, remote) + " " + PublicKeyEntry.toString(key);
    }

    private static String name(ClientSession session, SocketAddress remote) {
        return pattern(session, remote);
    }

    // known_hosts(5) in sshd(8): a host on a port other than 22 is written "[host]:port".
    private static String pattern(ClientSession session, SocketAddress remote) {
        SocketAddress address = session.getConnectAddress() != null ? session.getConnectAddress() : remote;
        String host;
        int port;
        if (address instanceof SshdSocketAddress sshd) {
            host = sshd.getHostName();
            port = sshd.getPort();
        } else if (address instanceof InetSocketAddress inet) {
            host = inet.getHostString();
            port = inet.getPort();
        } else {
            return String.valueOf(address);
        }
        return port == 22 ? host : "[" + host + "]:" + port;
    }
}
