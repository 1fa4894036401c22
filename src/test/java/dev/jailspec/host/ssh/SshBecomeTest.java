package dev.jailspec.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.Command;
import dev.jailspec.host.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jailspec.ssh.become against a real sshd whose sessions find a stand-in sudo first on PATH
 * (sshd_config SetEnv): it records its arguments, and prompts for a password when told to, as
 * sudo does for a rule without NOPASSWD. Real sudo is not configurable here (not installed, and
 * root never needs a password).
 */
class SshBecomeTest {
    @TempDir
    static Path dir;
    private static TestSshd sshd;
    private static Path bin;
    private static Path wantsPassword;

    @BeforeAll
    static void startSshd() throws IOException {
        TestSshd.assumeInstalled();
        bin = Files.createDirectories(dir.resolve("bin"));
        wantsPassword = dir.resolve("sudo-wants-password");
        Path calls = dir.resolve("sudo-calls");
        // Prompts as sudo(8) does on a terminal, then reads the password from stdin: it hangs unless stdin is closed.
        Path sudo = Files.writeString(bin.resolve("sudo"), String.join("\n", "#!/bin/sh",
                "echo \"$*\" >> " + calls,
                "if [ -e " + wantsPassword + " ]; then",
                "  printf '[sudo] password for %s: ' \"$(id -un)\" >&2",
                "  read -r password || { echo; echo 'sudo: no password was provided' >&2; exit 1; }",
                "fi",
                "[ \"$1\" = -n ] || { echo 'fake sudo: expected -n first' >&2; exit 2; }",
                "shift", "exec \"$@\"", ""));
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
        sshd = TestSshd.start(dir.resolve("sshd"), "SetEnv PATH=" + bin + ":/usr/local/bin:/usr/bin:/bin");
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @AfterEach
    void noPassword() throws IOException {
        Files.deleteIfExists(wantsPassword);
    }

    @Test
    void runsEveryCommandThroughSudoNonInteractively() throws IOException {
        try (SshHost host = SshHost.open(sshd.address(), sshd.options().withBecome(Become.SUDO))) {
            assertThat(host.run(Command.of("printf", "%s", "a b")).stdout()).isEqualTo("a b");
        }
        assertThat(Files.readAllLines(dir.resolve("sudo-calls"))).contains("-n timeout -k 2.000 120.000 printf %s a b");
    }

    @Test
    void writesFilesThroughSudoWithTheirModeAndReplacesThemWhole() throws IOException {
        Path target = Files.createDirectories(dir.resolve("etc")).resolve("lrdev.conf");
        Path image = Files.write(dir.resolve("image"), new byte[300_000]);

        try (SshHost host = SshHost.open(sshd.address(), sshd.options().withBecome(Become.SUDO))) {
            host.writeFile(target.toString(), "first\n".getBytes(), 0600);
            host.writeFile(target.toString(), "second\n".getBytes(), 0640);
            host.upload(image, dir.resolve("etc/image").toString(), 0444);

            assertThatThrownBy(() -> host.writeText(dir.resolve("missing/x").toString(), "x"))
                    .hasMessageContaining("directory " + dir.resolve("missing") + " does not exist");
        }

        assertThat(Files.readString(target)).isEqualTo("second\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        assertThat(Files.size(dir.resolve("etc/image"))).isEqualTo(300_000);
        assertThat(Files.list(dir.resolve("etc")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("lrdev.conf", "image");
        assertThat(Files.readAllLines(dir.resolve("sudo-calls")))
                .anyMatch(call -> call.startsWith("-n timeout -k 2.000 1800.000 sh -c umask 077;")
                        && call.endsWith(" 640 " + target));
    }

    @Test
    void aPasswordPromptIsAnErrorSayingHowToAllowItNeverAHang() throws IOException {
        Files.createFile(wantsPassword);
        long start = System.nanoTime();

        assertThatThrownBy(() -> SshHost.open(sshd.address(), sshd.options().withBecome(Become.SUDO)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("sudo on " + sshd.address() + " wants a password for " + sshd.user)
                .hasMessageContaining(sshd.user + " ALL=(ALL) NOPASSWD: ALL")
                .hasMessageContaining("[sudo] password for");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
}
