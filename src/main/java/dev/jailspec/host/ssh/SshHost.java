package dev.jailspec.host.ssh;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.HostReconnect;
import dev.jailspec.host.BoundedOutput;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.CommandTimeoutException;
import dev.jailspec.host.FileStat;
import dev.jailspec.host.Host;
import dev.jailspec.host.LinePump;
import dev.jailspec.host.LineSink;
import dev.jailspec.host.OutputLine;
import dev.jailspec.host.ShellQuote;
import dev.jailspec.host.TransportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * A host over SSH: one authenticated session (opened by {@link SshLogin}) for the whole run, an
 * exec channel per command, SFTP for files. The argv becomes the remote sh(1) line only in
 * {@link ShellQuote#remoteLine}; the remote side runs it under the target's timeout(1), so a
 * command that outlives its timeout is killed there, with its process group, not merely left
 * behind by a closed channel.
 */
public final class SshHost implements Host {
    /** Per stream, as {@link dev.jailspec.host.LocalHost#DEFAULT_KEPT_BYTES}. */
    private static final int KEPT_BYTES = dev.jailspec.host.LocalHost.DEFAULT_KEPT_BYTES;
    // timeout(1) -k: SIGTERM first, SIGKILL this long after.
    private static final Duration KILL_AFTER = Duration.ofSeconds(2);
    // How much later than timeout(1) we give up waiting ourselves (network, a remote timeout that misbehaves).
    private static final Duration CLIENT_GRACE = Duration.ofSeconds(10);
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);
    // usr.bin/timeout/timeout.c (freebsd-src, main): "#define EXIT_TIMEOUT 124", returned when it
    // killed the command; it first does setpgid(0,0) and on expiry killpg()s that group, so the
    // command's children die with it. -k DURATION sends SIGKILL after SIGTERM. GNU timeout alike.
    // [UNVERIFIED: at releng/14.3; read at freebsd-src commit 2b80ada; timeout(1) is in base since 10.3]
    static final int TIMEOUT_EXIT = 124;
    // ssh(1) exits 255 for its own errors; sshd never runs our command with that meaning, so a 255 is
    // treated as the transport's failure, as the issue asks, never as the command's result.
    static final int SSH_ERROR_EXIT = 255;

    // How often a dropped connection is logged into again, at the next command, before that command fails.
    static final int RECONNECT_ATTEMPTS = 3;

    private SshLogin login;
    private SftpFiles files;
    private int reconnects;
    private volatile Optional<EventBus> bus = Optional.empty();

    SshHost(SshLogin login) {
        this.login = login;
        this.files = new SftpFiles(login.sftp(), login.describe());
    }

    /**
     * The command that was running when the connection dropped has failed (TransportException); the
     * next one logs in again, up to {@link #RECONNECT_ATTEMPTS} times, so the next scenario and the
     * teardown run once the host is back.
     */
    private synchronized SshLogin live() {
        if (login.isOpen()) {
            return login;
        }
        TransportException last = null;
        for (int attempt = 1; attempt <= RECONNECT_ATTEMPTS; attempt++) {
            try {
                login = login.reopen();
                files = new SftpFiles(login.sftp(), login.describe());
                reconnects++;
                publish(attempt, true, "");
                return login;
            } catch (TransportException e) {
                last = e;
                publish(attempt, false, e.getMessage());
            }
        }
        throw new TransportException("the SSH connection to " + describe() + " dropped and " + RECONNECT_ATTEMPTS
                + " logins again failed; the last: " + last.getMessage(), last);
    }

    private synchronized SftpFiles files() {
        live();
        return files;
    }

    private void publish(int attempt, boolean succeeded, String reason) {
        bus.ifPresent(b -> b.publish(new HostReconnect(b.now(), describe(), attempt, RECONNECT_ATTEMPTS, succeeded,
                String.valueOf(reason))));
    }

    /** Puts every login again after a dropped connection on {@code bus} ({@link HostReconnect}), for the reports. */
    public void publishReconnectsOn(EventBus bus) {
        this.bus = Optional.of(bus);
    }

    /** How often the connection was logged into again after it dropped (for the report). */
    public synchronized int reconnects() {
        return reconnects;
    }

    /** Logs in (strict host key check, keys, ~/.ssh/config) and checks that {@code become} works without a password. */
    public static SshHost open(SshAddress address, SshOptions options) {
        SshHost host = new SshHost(SshLogin.open(address, options));
        if (options.become() != Become.NONE) {
            try {
                CommandResult probe = host.run(Command.probe("true").withTimeout(Duration.ofSeconds(30)));
                if (probe.exitCode() != 0) {
                    throw new TransportException(options.become() + " on " + address + " could not run `true` as root"
                            + " (exit " + probe.exitCode() + "): " + probe.stderr().strip()
                            + "; check that " + options.become().prefix().get(0) + " is installed and on the login's PATH");
                }
            } catch (RuntimeException e) {
                host.close();
                throw e;
            }
        }
        return host;
    }

    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        return run(command, new ByteArrayInputStream(command.stdin().orElse(new byte[0])), lines);
    }

    /** {@link #run(Command, Consumer)} with stdin streamed from {@code stdin} (closed when sent), e.g. a file's bytes. */
    private CommandResult run(Command command, InputStream stdin, Consumer<OutputLine> lines) {
        Objects.requireNonNull(lines, "lines");
        long start = System.nanoTime();
        String line = remoteLine(command);
        SshLogin login = live();
        ClientSession session = login.session();
        var sink = new LineSink(lines);
        var stdout = new BoundedOutput(KEPT_BYTES);
        var stderr = new BoundedOutput(KEPT_BYTES);
        ChannelExec channel;
        try {
            channel = session.createExecChannel(line);
            channel.open().verify(login.options().connectTimeout().toMillis());
        } catch (IOException | RuntimeException e) {
            throw lost(command, "could not open a channel", e);
        }
        try (channel) {
            Thread out = pump(channel.getInvertedOut(), OutputLine.Stream.STDOUT, stdout, sink);
            Thread err = pump(channel.getInvertedErr(), OutputLine.Stream.STDERR, stderr, sink);
            feedStdin(channel.getInvertedIn(), stdin);
            long waitMillis = command.timeout().plus(KILL_AFTER).plus(CLIENT_GRACE).toMillis();
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), waitMillis);
            Duration ranFor = Duration.ofNanos(System.nanoTime() - start);
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                channel.close(true);
                join(out, err);
                throw new CommandTimeoutException(command, ranFor, sink.tail() + "\n(the remote timeout(1) did not end it"
                        + " within " + CLIENT_GRACE.toSeconds() + " s more; the channel was closed)");
            }
            join(out, err);
            sink.rethrowFailure();
            int exit = exitCode(command, channel);
            if (exit == TIMEOUT_EXIT && ranFor.compareTo(command.timeout()) >= 0) {
                throw new CommandTimeoutException(command, ranFor, sink.tail());
            }
            String errText = stderr.text();
            Become become = login.options().become();
            if (exit != 0 && become.askedForPassword(errText)) {
                throw new TransportException(become + " on " + describe() + " wants a password for "
                        + login.user() + " to run `" + command.display() + "`; jailspec never types one ("
                        + String.join(" ", become.prefix()) + "): " + become.howToAllow(login.user())
                        + ". It said: " + errText.strip());
            }
            if (exit != 0 && become.refused(errText)) {
                throw new TransportException(become + " on " + describe() + " does not let " + login.user()
                        + " run `" + command.display() + "` as root: " + become.howToPermit(login.user())
                        + ". It said: " + errText.strip());
            }
            return new CommandResult(command, exit, stdout.text(), errText, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw lost(command, "the channel failed", e);
        }
    }

    private String remoteLine(Command command) {
        var prefix = new ArrayList<>(login.options().become().prefix());
        prefix.addAll(List.of("timeout", "-k", seconds(KILL_AFTER), seconds(command.timeout())));
        return ShellQuote.remoteLine(command.workingDirectory(), prefix, command.env(), command.argv());
    }

    // timeout(1)'s duration: a decimal number of seconds (parse_duration: strtod, optional unit).
    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return String.format(java.util.Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
    }

    private int exitCode(Command command, ChannelExec channel) {
        Integer status = channel.getExitStatus();
        if (status == null) {
            String signal = channel.getExitSignal();
            if (signal != null) {
                // RFC 4254 6.10: "exit-signal" instead of a status when the program died of a signal; sh's 128+N.
                return 128 + SIGNALS.getOrDefault(signal, 0);
            }
            throw lost(command, "the connection ended before the command reported an exit status", null);
        }
        if (status == SSH_ERROR_EXIT) {
            throw new TransportException("`" + command.display() + "` on " + describe() + " ended with exit status 255,"
                    + " which ssh reserves for its own failures: taken as a lost connection, not as the command's result");
        }
        return status;
    }

    // Signal numbers of FreeBSD's sys/sys/signal.h (the ones a killed command reports).
    private static final Map<String, Integer> SIGNALS = Map.of("HUP", 1, "INT", 2, "QUIT", 3, "ABRT", 6, "KILL", 9,
            "SEGV", 11, "PIPE", 13, "ALRM", 14, "TERM", 15);

    private TransportException lost(Command command, String what, Throwable cause) {
        return new TransportException("lost the SSH connection to " + describe() + " while running `"
                + command.display() + "`: " + what + (cause == null ? "" : " (" + cause.getMessage() + ")")
                + "; the host may be down or sshd restarted", cause);
    }

    private static Thread pump(InputStream in, OutputLine.Stream stream, BoundedOutput kept, Consumer<OutputLine> sink) {
        // A fresh thread per command, as LocalHost: threads inherit context (Allure's), pooled ones would carry stale context.
        var thread = new Thread(new LinePump(in, stream, kept, sink), "jailspec-ssh-" + stream.name().toLowerCase());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void feedStdin(OutputStream in, InputStream input) {
        // Its own thread: a program that prints before reading would otherwise stall with us.
        var thread = new Thread(() -> {
            try (in; input) {
                input.transferTo(in);
            } catch (IOException e) {
                // the program exited without reading all of it; its exit status tells the story
            }
        }, "jailspec-ssh-stdin");
        thread.setDaemon(true);
        thread.start();
    }

    private static void join(Thread... threads) {
        long deadline = System.nanoTime() + DRAIN_GRACE.toNanos();
        try {
            for (Thread thread : threads) {
                TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Optional<FileStat> stat(String absolutePath) {
        return files().stat(absolutePath);
    }

    @Override
    public byte[] readFile(String absolutePath) {
        return files().read(absolutePath);
    }

    @Override
    public List<String> list(String absoluteDir) {
        return files().list(absoluteDir);
    }

    @Override
    public void writeFile(String absolutePath, byte[] content, int mode) {
        write(absolutePath, new ByteArrayInputStream(content), mode);
    }

    private void write(String path, InputStream content, int mode) {
        if (login.options().become() == Become.NONE) {
            files().write(path, content, mode);
        } else {
            writeAsRoot(path, content, mode);
        }
    }

    // With become, SFTP runs as the login user, who cannot write where jailspec writes (/etc/jail.conf.d):
    // the bytes stream through `sudo -n sh -c` on an exec channel into a mktemp(1) name in the target's
    // directory, which gets the mode (chmod(1), octal) and then takes the file's place (mv -f: rename(2)).
    private static final String WRITE_AS_ROOT = "umask 077; t=$(mktemp \"$1/.jailspec-tmp.XXXXXX\") || exit 1;"
            + " if cat > \"$t\" && chmod \"$2\" \"$t\" && mv -f \"$t\" \"$3\"; then exit 0; fi; rm -f \"$t\"; exit 1";
    // An image of a gigabyte over a slow link; the copy is not a command the run's timeouts know.
    private static final Duration WRITE_AS_ROOT_TIMEOUT = Duration.ofMinutes(30);

    private void writeAsRoot(String path, InputStream content, int mode) {
        String dir = files().existingDirectory(path, mode);
        Command copy = Command.of("sh", "-c", WRITE_AS_ROOT, "sh", dir, Integer.toOctalString(mode), path)
                .withTimeout(WRITE_AS_ROOT_TIMEOUT);
        CommandResult result = run(copy, content, line -> { });
        if (!result.succeeded()) {
            throw new dev.jailspec.host.HostException("cannot write " + path + " on " + describe() + " as root ("
                    + login.options().become() + "): " + result.stderr().strip());
        }
    }

    /** Streams the file: memory stays at the SFTP buffers whatever its size. */
    @Override
    public void upload(Path localFile, String absolutePath, int mode) {
        try (InputStream in = Files.newInputStream(localFile)) {
            write(absolutePath, in, mode);
        } catch (IOException e) {
            throw new TransportException("cannot read " + localFile + " to upload it to " + absolutePath, e);
        }
    }

    @Override
    public String describe() {
        return login.describe();
    }

    @Override
    public void close() {
        login.close();
    }
}
