package dev.jailspec.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.Command;
import dev.jailspec.host.TransportException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection itself against real sshds: one dying mid-command, a jump host, a large upload. */
class SshConnectionTest {
    private static final long UPLOAD_BYTES = 200L * 1024 * 1024;

    @TempDir
    static Path dir;
    private static TestSshd jump;
    private static TestSshd target;

    @BeforeAll
    static void startSshds() {
        TestSshd.assumeInstalled();
        Path key = TestSshd.keygen(dir, "user_key");
        jump = TestSshd.start(dir.resolve("jump"), key);
        target = TestSshd.start(dir.resolve("target"), key);
    }

    @AfterAll
    static void stopSshds() {
        for (TestSshd sshd : new TestSshd[] {jump, target}) {
            if (sshd != null) {
                sshd.close();
            }
        }
    }

    // A command that prints, then runs long enough for the test to cut the connection under it.
    private static final Command LONG = Command.of("sh", "-c", "echo started; sleep 30").withTimeout(Duration.ofSeconds(60));

    /** Runs {@code test} against a logged-in SshHost on an sshd of its own, which it may kill. */
    private static void withOwnSshd(String name, java.util.function.BiConsumer<TestSshd, SshHost> test) {
        TestSshd own = TestSshd.start(dir.resolve(name));
        try (SshHost host = SshHost.open(own.address(), own.options())) {
            test.accept(own, host);
        } finally {
            own.close();
        }
    }

    @Test
    void sshdKilledMidCommandIsATransportErrorNamingHostAndCommand() {
        withOwnSshd("doomed", (doomed, host) -> {
            long start = System.nanoTime();

            assertThatThrownBy(() -> host.run(LONG, line -> doomed.kill()))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining(doomed.address().toString())
                    .hasMessageContaining("sh -c 'echo started; sleep 30'");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        });
    }

    @Test
    void aDroppedConnectionFailsTheRunningCommandAndTheNextOneLogsInAgain() {
        withOwnSshd("flaky", (flaky, host) -> {
            assertThatThrownBy(() -> host.run(LONG, line -> flaky.killSessions()))
                    .isInstanceOf(TransportException.class).hasMessageContaining("lost the SSH connection");

            assertThat(host.run(Command.of("echo", "back")).stdout()).isEqualTo("back\n");
            assertThat(host.stat("/")).isPresent();
            assertThat(host.reconnects()).isEqualTo(1);
        });
    }

    @Test
    void proxyJumpGoesThroughTheJumpHost() throws IOException {
        Path knownHosts = Files.write(dir.resolve("known_hosts"), List.of(jump.knownHostsLine(), target.knownHostsLine()));
        Path config = Files.writeString(dir.resolve("ssh_config"), String.join("\n",
                "Host jumpbox", "  HostName 127.0.0.1", "  Port " + jump.port, "  User " + jump.user,
                "  IdentityFile " + jump.userKey,
                "Host freebsd", "  HostName 127.0.0.1", "  Port " + target.port, "  User " + target.user,
                "  IdentityFile " + target.userKey, "  ProxyJump jumpbox", ""));
        SshOptions options = target.options().withIdentityFiles(List.of()).withConfigFile(config)
                .withKnownHosts(knownHosts, SshOptions.HostKeyPolicy.STRICT);

        try (SshHost host = SshHost.open(SshAddress.parse("ssh://freebsd"), options)) {
            assertThat(host.run(Command.of("echo", "through")).stdout()).isEqualTo("through\n");
        }
        // OpenSSH's serverloop.c, server_request_direct_tcpip: debug1 "originator ... target HOST port PORT".
        assertThat(jump.log()).contains("target 127.0.0.1 port " + target.port);
    }

    @Test
    void uploadsA200MegabyteFileWithAHeapFarSmallerThanIt() throws Exception {
        Path image = dir.resolve("image.bin");
        try (var file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(UPLOAD_BYTES);  // sparse: no 200 MB written to the test machine's disk
            file.seek(0);
            file.write("head".getBytes());
            file.seek(UPLOAD_BYTES - 4);
            file.write("tail".getBytes());
        }
        Path uploaded = dir.resolve("uploaded.bin");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), UploadWithSmallHeap.class.getName(),
                String.valueOf(target.port), target.user, target.userKey.toString(), target.knownHosts().toString(),
                image.toString(), uploaded.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());

        assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("uploaded; max heap");
        assertThat(Files.size(uploaded)).isEqualTo(UPLOAD_BYTES);
        try (var file = new RandomAccessFile(uploaded.toFile(), "r")) {
            byte[] four = new byte[4];
            file.readFully(four);
            assertThat(new String(four)).isEqualTo("head");
            file.seek(UPLOAD_BYTES - 4);
            file.readFully(four);
            assertThat(new String(four)).isEqualTo("tail");
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(uploaded))).isEqualTo("rw-------");
    }
}
