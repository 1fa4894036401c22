package dev.jailspec.host.ssh;

import static org.awaitility.Awaitility.await;

import dev.jailspec.host.Host;
import dev.jailspec.host.ShellQuote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * A {@link Host} (the simulator) behind a real OpenSSH sshd, so that {@link SshHost} drives it as it
 * drives a FreeBSD machine. The Host is resident: opened once, in this JVM, and served by
 * {@link ResidentHostServer} on a loopback port. The sshd's ForceCommand is {@code relay.sh}, which
 * execs OpenSSH's ssh client as a multiplexing client of one master connection to that server, so a
 * command costs a fork and an exec of ssh(1), not a JVM. The sftp subsystem request reaches the relay
 * too (ForceCommand takes subsystems, SSH_ORIGINAL_COMMAND is then the subsystem's command,
 * "internal-sftp"; OpenSSH session.c do_exec), which passes it on as the server's sftp subsystem.
 */
public final class HostBehindSshd implements AutoCloseable {
    private static final String RELAY_USER = "relay";

    private final ResidentHostServer resident;
    private final Process master;
    private final TestSshd sshd;

    private HostBehindSshd(ResidentHostServer resident, Process master, TestSshd sshd) {
        this.resident = resident;
        this.master = master;
        this.sshd = sshd;
    }

    public static HostBehindSshd start(Path dir, Host host) {
        TestSshd.assumeInstalled();
        ResidentHostServer resident = null;
        Process master = null;
        try {
            Files.createDirectories(dir);
            Path relayKey = TestSshd.keygen(dir, "relay_key");
            Path authorized = Files.copy(Path.of(relayKey + ".pub"), dir.resolve("relay_authorized_keys"));
            resident = ResidentHostServer.start(host, dir.resolve("resident_host_key"), authorized);
            Path knownHosts = dir.resolve("relay_known_hosts");
            var lines = new ArrayList<String>();
            for (KeyPair pair : resident.hostKeys()) {
                lines.add("[127.0.0.1]:" + resident.port() + " " + PublicKeyEntry.toString(pair.getPublic()));
            }
            Files.write(knownHosts, lines);
            Path control = dir.resolve("relay.sock");
            List<String> ssh = List.of(ssh(), "-F", "none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "IdentitiesOnly=yes", "-i", relayKey.toString(),
                    "-o", "ControlPath=" + control, "-o", "LogLevel=ERROR", "-p", String.valueOf(resident.port()),
                    "-l", RELAY_USER);
            var masterArgv = new ArrayList<>(ssh);
            masterArgv.addAll(List.of("-M", "-N", "127.0.0.1"));
            master = new ProcessBuilder(masterArgv).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("relay-master.log").toFile()).start();
            Process started = master;
            await("the relay's master connection to 127.0.0.1:" + resident.port() + " (" + dir.resolve("relay-master.log") + ")")
                    .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !started.isAlive() || Files.exists(control));
            if (!master.isAlive()) {
                throw new IllegalStateException("the relay's ssh master ended: " + Files.readString(dir.resolve("relay-master.log")));
            }
            Path relay = dir.resolve("relay.sh");
            String client = ShellQuote.join(ssh) + " -o ControlMaster=no";
            Files.writeString(relay, String.join("\n",
                    "#!/bin/sh",
                    "# ForceCommand of jailspec's test sshd: the command goes on to the resident host server",
                    "# through the ssh master's connection (a multiplexing client: no login, no JVM).",
                    "if [ \"$SSH_ORIGINAL_COMMAND\" = internal-sftp ]; then",
                    "  exec " + client + " -s 127.0.0.1 sftp",
                    "fi",
                    "exec " + client + " 127.0.0.1 \"$SSH_ORIGINAL_COMMAND\"", ""));
            Files.setPosixFilePermissions(relay, PosixFilePermissions.fromString("rwxr-xr-x"));
            TestSshd sshd = TestSshd.start(dir.resolve("sshd"), "ForceCommand " + relay);
            return new HostBehindSshd(resident, master, sshd);
        } catch (IOException | RuntimeException e) {
            if (master != null) {
                master.destroyForcibly();
            }
            if (resident != null) {
                resident.close();
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static String ssh() {
        for (String candidate : List.of("/usr/bin/ssh", "/usr/local/bin/ssh")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("needs OpenSSH's ssh client (Debian: openssh-client, which openssh-server pulls in)");
    }

    /** The real sshd in front: its address, keys and known_hosts line. */
    public TestSshd sshd() {
        return sshd;
    }

    /** Logs in to the sshd as {@link SshHost} does for a run. */
    public SshHost open() {
        return SshHost.open(sshd.address(), sshd.options());
    }

    /** The sshd's known_hosts file, trusting only it. */
    public Path knownHosts() {
        return sshd.knownHosts();
    }

    @Override
    public void close() {
        sshd.close();
        master.destroy();
        try {
            if (!master.waitFor(5, TimeUnit.SECONDS)) {
                master.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resident.close();
    }
}
