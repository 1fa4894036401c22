package dev.jailspec.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.Command;
import dev.jailspec.host.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host trust and login against a real sshd: what a user reads when a key is unknown, changed or wrong. */
class SshLoginTest {
    @TempDir
    static Path dir;
    private static TestSshd sshd;
    private static String fingerprint;

    @BeforeAll
    static void startSshd() throws Exception {
        TestSshd.assumeInstalled();
        sshd = TestSshd.start(dir.resolve("sshd"));
        fingerprint = sshKeygen("-l", "-f", sshd.hostKey + ".pub").split(" ")[1];
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static String sshKeygen(String... args) throws Exception {
        var argv = new java.util.ArrayList<>(List.of("ssh-keygen"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    @Test
    void anUnknownHostKeyStopsWithItsFingerprintAndTheLineToAdd() {
        Path empty = dir.resolve("empty_known_hosts");

        assertThatThrownBy(() -> SshHost.open(sshd.address(),
                sshd.options().withKnownHosts(empty, SshOptions.HostKeyPolicy.STRICT)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("is not in " + empty)
                .hasMessageContaining(fingerprint)
                .hasMessageContaining(sshd.knownHostsLine())
                .hasMessageContaining("jailspec.ssh.knownHosts=accept-new");
        assertThat(empty).doesNotExist();
    }

    @Test
    void aChangedHostKeyStopsEvenWithAcceptNew() throws IOException {
        Path other = TestSshd.keygen(dir.resolve("other"), "other_host_key");
        String[] pub = Files.readString(Path.of(other + ".pub")).trim().split(" ");
        Path knownHosts = Files.writeString(dir.resolve("changed_known_hosts"),
                "[127.0.0.1]:" + sshd.port + " " + pub[0] + " " + pub[1] + "\n");

        assertThatThrownBy(() -> SshHost.open(sshd.address(),
                sshd.options().withKnownHosts(knownHosts, SshOptions.HostKeyPolicy.ACCEPT_NEW)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("has CHANGED")
                .hasMessageContaining(fingerprint)
                .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + sshd.port + "'")
                .hasMessageContaining(sshd.knownHostsLine());
    }

    @Test
    void acceptNewAddsAnUnknownKeyAndTrustsItNextTime() {
        Path knownHosts = dir.resolve("new_known_hosts");
        SshOptions acceptNew = sshd.options().withKnownHosts(knownHosts, SshOptions.HostKeyPolicy.ACCEPT_NEW);

        try (SshHost host = SshHost.open(sshd.address(), acceptNew)) {
            assertThat(host.run(Command.of("true")).exitCode()).isZero();
        }
        try (SshHost host = SshHost.open(sshd.address(), acceptNew.withKnownHosts(knownHosts, SshOptions.HostKeyPolicy.STRICT))) {
            assertThat(host.run(Command.of("true")).exitCode()).isZero();
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefusedWithWhatToDo() {
        Path stranger = TestSshd.keygen(dir.resolve("stranger"), "stranger_key");

        assertThatThrownBy(() -> SshHost.open(sshd.address(), sshd.options().withIdentityFiles(List.of(stranger))))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("refused every key offered for " + sshd.user)
                .hasMessageContaining(stranger.toString())
                .hasMessageContaining("authorized_keys");
    }

    @Test
    void sshConfigSuppliesHostNameUserPortAndIdentityFile() throws IOException {
        Path config = Files.writeString(dir.resolve("ssh_config"), String.join("\n",
                "Host testbox", "  HostName 127.0.0.1", "  Port " + sshd.port, "  User " + sshd.user,
                "  IdentityFile " + sshd.userKey, ""));
        SshOptions options = sshd.options().withIdentityFiles(List.of()).withConfigFile(config);

        try (SshHost host = SshHost.open(SshAddress.parse("ssh://testbox"), options)) {
            assertThat(host.run(Command.of("id", "-un")).stdout().strip()).isEqualTo(sshd.user);
        }
    }
}
