package dev.jailspec.host.ssh;

import dev.jailspec.host.Host;
import dev.jailspec.host.ShellQuote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link Host} (the simulator) behind a real OpenSSH sshd, so that {@link SshHost} drives it as it
 * drives a FreeBSD machine. The Host is resident: opened once, in this JVM, and served by
 * {@link ResidentHostServer} on a unix socket. The sshd's ForceCommand is {@code sim-entry.pl}, run
 * by the system's perl for each command: a client of a few milliseconds, not a JVM (perl-base is
 * Essential in Debian; python3 took ten times longer to start, which was most of a command's cost). The sftp
 * subsystem request reaches it too (ForceCommand takes subsystems, and SSH_ORIGINAL_COMMAND is then
 * the subsystem's command, "internal-sftp": OpenSSH session.c, do_exec).
 */
public final class HostBehindSshd implements AutoCloseable {
    static final Path PERL = Path.of("/usr/bin/perl");

    private final ResidentHostServer resident;
    private final TestSshd sshd;

    private HostBehindSshd(ResidentHostServer resident, TestSshd sshd) {
        this.resident = resident;
        this.sshd = sshd;
    }

    public static HostBehindSshd start(Path dir, Host host) {
        TestSshd.assumeInstalled();
        if (!Files.isExecutable(PERL)) {
            throw new IllegalStateException("the simulator's entry point behind sshd needs " + PERL
                    + " (Debian: perl-base, an Essential package)");
        }
        ResidentHostServer resident = null;
        try {
            Files.createDirectories(dir);
            resident = ResidentHostServer.start(host, dir.resolve("resident.sock"));
            Path entry = dir.resolve("sim-entry.pl");
            try (var script = HostBehindSshd.class.getResourceAsStream("sim-entry.pl")) {
                Files.copy(script, entry);
            }
            // -T off, no -w: nothing from PERL5LIB or PERL5OPT matters to it, as it uses Socket only.
            String forced = ShellQuote.join(List.of(PERL.toString(), entry.toString(),
                    resident.socket().toString()));
            // The entry point runs under the login user's shell (sshd: "shell -c ForceCommand"). Debian's bash
            // then reads ~/.bashrc for a command from sshd (SSH_SOURCE_BASHRC), which on a developer's machine
            // can cost more than the command; it does not when it is not the first shell (SHLVL>=1: bash's
            // shell.c, run_startup_files, "shell_level < 2"). sshd_config(5) SetEnv, OpenSSH 8.7 and later.
            TestSshd sshd = TestSshd.start(dir.resolve("sshd"), "ForceCommand " + forced, "SetEnv SHLVL=1");
            return new HostBehindSshd(resident, sshd);
        } catch (IOException | RuntimeException e) {
            if (resident != null) {
                resident.close();
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
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
        resident.close();
    }
}
