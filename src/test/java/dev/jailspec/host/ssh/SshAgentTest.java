package dev.jailspec.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jailspec.host.Command;
import dev.jailspec.host.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in with the keys of a real ssh-agent (OpenSSH's, openssh-client) instead of key files. */
class SshAgentTest {
    private static final Path SSH_AGENT = Path.of("/usr/bin/ssh-agent");

    @TempDir
    static Path dir;
    private static TestSshd sshd;
    private static Process agent;
    private static Path socket;

    @BeforeAll
    static void startSshdAndAgent() throws Exception {
        TestSshd.assumeInstalled();
        assumeTrue(Files.isExecutable(SSH_AGENT), "needs OpenSSH's ssh-agent (Debian: openssh-client, which openssh-server pulls in)");
        sshd = TestSshd.start(dir.resolve("sshd"));
        socket = dir.resolve("agent.sock");
        agent = new ProcessBuilder(SSH_AGENT.toString(), "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.out").toFile()).start();
        await("ssh-agent's socket " + socket).atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.destroy();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static void sshAdd(Path key) throws IOException, InterruptedException {
        var add = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true);
        add.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process p = add.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void aKeyOnlyTheAgentHoldsLogsIn() throws Exception {
        SshOptions options = sshd.options().withIdentityFiles(List.of()).withAgent(Optional.of(socket));
        // Without the key in the agent, nothing is offered that the server takes: the message names the agent.
        assertThatThrownBy(() -> SshHost.open(sshd.address(), options)).isInstanceOf(TransportException.class)
                .hasMessageContaining("refused every key offered").hasMessageContaining("the ssh-agent's at " + socket);

        sshAdd(sshd.userKey);

        try (SshHost host = SshHost.open(sshd.address(), options)) {
            assertThat(host.run(Command.of("echo", "agent")).stdout()).isEqualTo("agent\n");
        }
        assertThat(sshd.log()).contains("Accepted publickey for " + sshd.user);
    }
}
