package dev.jailspec.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jailspec.host.Command;
import dev.jailspec.host.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jailspec.ssh.become with the real sudo (Debian's 1.9.13p3) and the real doas (Debian's opendoas
 * 6.8.2) behind a real sshd, for a non-root login, without touching this machine's /etc: the sshd
 * runs in a private mount namespace ({@code unshare --mount}) where /etc is a copy holding the test
 * user {@value #USER}, its sudoers rule and its doas.conf. Each test writes the rules it needs into
 * that copy; sudo and doas read them afresh on every command. Needs root (to make the namespace
 * and to let sshd switch to the user); .ci/run installs sudo and opendoas.
 */
class RealBecomeTest {
    private static final String USER = "jsqa";
    private static final int UID = 4242;
    private static Path dir;
    private static Path etc;
    private static TestSshd sshd;

    @BeforeAll
    static void startSshdWithItsOwnEtc() throws Exception {
        TestSshd.assumeInstalled();
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root: the test's sshd runs in its own mount namespace and logs in a user only it knows");
        for (String tool : List.of("/usr/bin/sudo", "/usr/bin/doas", "/usr/bin/unshare")) {
            if (!Files.isExecutable(Path.of(tool))) {
                String why = tool + " is missing (Debian: apt-get install sudo opendoas; .ci/run installs them)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail("CI=true: " + why);
                }
                assumeTrue(false, why);
            }
        }
        // Not a JUnit @TempDir: sshd reads authorized_keys as the user, so the directories must be searchable by it.
        dir = Files.createTempDirectory("jailspec-become", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        etc = dir.resolve("etc");
        run("cp", "-a", "/etc", etc.toString());
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(etc.resolve("passwd"), USER + ":x:" + UID + ":" + UID + ":jailspec QA:" + home + ":/bin/sh\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(etc.resolve("group"), USER + ":x:" + UID + ":\n", java.nio.file.StandardOpenOption.APPEND);
        // "*": no password can log in, yet the account is not locked ("!"), which sshd would refuse even for a key.
        Files.writeString(etc.resolve("shadow"), USER + ":*:20000:0:99999:7:::\n", java.nio.file.StandardOpenOption.APPEND);
        run("chown", UID + ":" + UID, home.toString());
        Path key = TestSshd.keygen(dir.resolve("keys"), "user_key");
        Files.setPosixFilePermissions(dir.resolve("keys"), PosixFilePermissions.fromString("rwxr-xr-x"));
        sshd = TestSshd.start(dir.resolve("sshd"), key, USER,
                List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                        "mount --bind \"$0\" /etc && exec \"$@\"", etc.toString()));
        Files.setPosixFilePermissions(dir.resolve("sshd"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("sshd/authorized_keys"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
        if (dir != null) {
            run("rm", "-rf", dir.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Become.class, names = {"SUDO", "DOAS"})
    void aRuleWithoutAPasswordRunsEveryCommandAsRootAndWritesRootsFiles(Become become) throws IOException {
        rules("jsqa ALL=(ALL) NOPASSWD: ALL", "permit nopass jsqa as root");
        Path rootOnly = Files.createDirectories(dir.resolve("root-only-" + become));
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwx------"));

        try (SshHost host = SshHost.open(sshd.address(), sshd.options().withBecome(become))) {
            assertThat(host.run(Command.of("id", "-u")).stdout().strip()).isEqualTo("0");
            assertThat(host.run(Command.of("sh", "-c", "id -un; echo \"$0\"", "a b")).stdout()).isEqualTo("root\na b\n");
            host.writeFile(rootOnly.resolve("lrdev.conf").toString(), "exec.start;\n".getBytes(), 0640);
        }
        Path written = rootOnly.resolve("lrdev.conf");
        assertThat(Files.readString(written)).isEqualTo("exec.start;\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-r-----");
        assertThat(Files.getOwner(written).getName()).isEqualTo("root");
    }

    @Test
    void sudoWantingAPasswordStopsTheLoginWithSudosWordsAndTheLineToAdd() throws IOException {
        rules("jsqa ALL=(ALL) ALL", "permit nopass jsqa as root");

        assertThatThrownBy(() -> SshHost.open(sshd.address(), sshd.options().withBecome(Become.SUDO)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("sudo on " + sshd.address() + " wants a password for jsqa")
                .hasMessageContaining("It said: sudo: a password is required")
                .hasMessageContaining("jsqa ALL=(ALL) NOPASSWD: ALL");
    }

    @Test
    void doasWantingAPasswordStopsTheLoginWithDoassWordsAndTheLineToAdd() throws IOException {
        rules("jsqa ALL=(ALL) NOPASSWD: ALL", "permit jsqa as root");

        assertThatThrownBy(() -> SshHost.open(sshd.address(), sshd.options().withBecome(Become.DOAS)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("doas on " + sshd.address() + " wants a password for jsqa")
                .hasMessageContaining("It said: doas: Authentication required")
                .hasMessageContaining("permit nopass jsqa as root");
    }

    @Test
    void aRuleThatDoesNotCoverACommandIsARefusalNamingTheCommandNotItsFailure() throws IOException {
        // Without "!authenticate" sudo asks for a password before it says a command is not covered (seen with
        // 1.9.13p3: "sudo: a password is required"), which the password test covers.
        rules("Defaults:jsqa !authenticate\njsqa ALL=(ALL) /usr/bin/timeout -k 2.000 30.000 true",
                "permit nopass jsqa as root cmd timeout args -k 2.000 30.000 true");

        for (Become become : List.of(Become.SUDO, Become.DOAS)) {
            try (SshHost host = SshHost.open(sshd.address(), sshd.options().withBecome(become))) {
                assertThatThrownBy(() -> host.run(Command.of("zfs", "list")))
                        .as(become.toString())
                        .isInstanceOf(TransportException.class)
                        .hasMessageContaining(become + " on " + sshd.address() + " does not let jsqa run `zfs list` as root")
                        .hasMessageContaining(become == Become.SUDO ? "Sorry, user jsqa is not allowed to execute"
                                : "doas: Operation not permitted");
            }
        }
    }

    @Test
    void doasWithoutAConfigFileIsARefusalAtLogin() throws IOException {
        rules("", null);

        assertThatThrownBy(() -> SshHost.open(sshd.address(), sshd.options().withBecome(Become.DOAS)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("does not let jsqa run `true` as root")
                .hasMessageContaining("doas: doas is not enabled, /etc/doas.conf");
    }

    /** The sudoers rule and the doas.conf ({@code null}: none) of the namespace's /etc, owned and moded as both tools insist. */
    private static void rules(String sudoers, String doasConf) throws IOException {
        Path sudoersFile = etc.resolve("sudoers.d/jailspec-test");
        Files.writeString(sudoersFile, sudoers + "\n");
        Files.setPosixFilePermissions(sudoersFile, PosixFilePermissions.fromString("r--r-----"));
        Path doas = etc.resolve("doas.conf");
        if (doasConf == null) {
            Files.deleteIfExists(doas);
        } else {
            Files.writeString(doas, doasConf + "\n");
            Files.setPosixFilePermissions(doas, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
