package dev.jailspec.host.ssh;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH sshd for the tests, as the current user, on a free loopback port: generated
 * host and user keys, its own authorized_keys, pid file and log in a temporary directory. As
 * root (CI) it lets root in with a key only (PermitRootLogin prohibit-password).
 */
public final class TestSshd implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    final Path dir;
    public final int port;
    final Path hostKey;
    public final Path userKey;
    final Path log;
    public final String user;
    private final Path configFile;
    private final List<String> launcher;
    private Process process;

    private TestSshd(Path dir, int port, Path hostKey, Path userKey, String user, List<String> launcher, Process process) {
        this.configFile = dir.resolve("sshd_config");
        this.user = user;
        this.launcher = launcher;
        this.dir = dir;
        this.port = port;
        this.hostKey = hostKey;
        this.userKey = userKey;
        this.log = dir.resolve("sshd.log");
        this.process = process;
    }

    /** Skips the calling test class, with the reason, only where OpenSSH's server is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(SSHD), "needs OpenSSH's server at " + SSHD
                + " (Debian: apt-get install openssh-server; .ci/run installs it)");
    }

    public static TestSshd start(Path dir, String... extraConfig) {
        return start(dir, keygen(dir, "user_key"), extraConfig);
    }

    static TestSshd start(Path dir, Path userKey, String... extraConfig) {
        return start(dir, userKey, System.getProperty("user.name"), List.of(), extraConfig);
    }

    /**
     * An sshd that lets {@code user} in with {@code userKey}, started through {@code launcher}
     * (words put before sshd's own argv, e.g. {@code unshare} into a mount namespace with its own /etc).
     */
    static TestSshd start(Path dir, Path userKey, String user, List<String> launcher, String... extraConfig) {
        try {
            Files.createDirectories(dir);
            Path hostKey = keygen(dir, "host_key");
            Path authorized = dir.resolve("authorized_keys");
            Files.writeString(authorized, Files.readString(Path.of(userKey + ".pub")));
            int port = freePort();
            var config = new ArrayList<>(List.of(
                    "ListenAddress 127.0.0.1", "Port " + port, "HostKey " + hostKey,
                    "AuthorizedKeysFile " + authorized, "PidFile " + dir.resolve("sshd.pid"),
                    "StrictModes no", "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password", "LogLevel DEBUG1",
                    "Subsystem sftp internal-sftp"));
            config.addAll(0, List.of(extraConfig));  // sshd takes the first value of a keyword
            Path configFile = dir.resolve("sshd_config");
            Files.write(configFile, config);
            if ("root".equals(System.getProperty("user.name"))) {
                // sshd as root wants its privilege separation directory (Debian makes it at boot via systemd).
                Files.createDirectories(Path.of("/run/sshd"));
            }
            return new TestSshd(dir, port, hostKey, userKey, user, launcher, launch(launcher, dir, configFile, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process launch(List<String> launcher, Path dir, Path configFile, int port) throws IOException {
        var argv = new ArrayList<>(launcher);
        argv.addAll(List.of(SSHD.toString(), "-D", "-E", dir.resolve("sshd.log").toString(), "-f", configFile.toString()));
        Process process = new ProcessBuilder(argv)
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.out").toFile()).start();
        await("sshd on 127.0.0.1:" + port + " (log: " + dir.resolve("sshd.log") + ")")
                .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> !process.isAlive() || accepts(port));
        if (!process.isAlive()) {
            throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
        }
        return process;
    }

    /** Starts the sshd again after {@link #kill()}, on the same port with the same keys: the host is back. */
    public void restart() {
        try {
            process = launch(launcher, dir, configFile, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a command is running in one of the sessions (a child of sshd's session process runs {@code program}). */
    public boolean runs(String program) {
        return process.descendants().anyMatch(p -> p.info().commandLine().filter(c -> c.contains(program)).isPresent());
    }

    static Path keygen(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve(name);
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ssh-keygen failed: " + out);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The known_hosts line for this server, as ssh-keyscan would print it. */
    public String knownHostsLine() {
        try {
            String[] pub = Files.readString(Path.of(hostKey + ".pub")).trim().split(" ");
            return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A known_hosts file trusting this server. */
    public Path knownHosts() {
        try {
            return Files.writeString(dir.resolve("known_hosts"), knownHostsLine() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SshAddress address() {
        return new SshAddress(java.util.Optional.of(user), "127.0.0.1", java.util.Optional.of(port));
    }

    SshOptions options() {
        return SshOptions.ofUserHome(dir.resolve("no-home"))
                .withKnownHosts(knownHosts(), SshOptions.HostKeyPolicy.STRICT)
                .withIdentityFiles(List.of(userKey));
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the sessions sshd forked (the connections drop) but keeps it listening, as after a network cut. */
    public void killSessions() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** Kills the listening sshd and every session it forked (the whole tree, as a crash would). */
    public void kill() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
