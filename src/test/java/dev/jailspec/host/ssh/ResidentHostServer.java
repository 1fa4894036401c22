package dev.jailspec.host.ssh;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.CommandTimeoutException;
import dev.jailspec.host.Host;
import dev.jailspec.host.OutputLine;
import dev.jailspec.host.ShellQuote;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * A {@link Host} (the simulator, opened once) served on a loopback port, so that a real OpenSSH sshd
 * can hand it each command: the sshd's ForceCommand is a relay (OpenSSH's own ssh client over one
 * multiplexed connection, see {@link SimOverSshd}), not a JVM per command. Each exec request is a
 * line {@link ShellQuote#remoteLine} made; it runs as the Host's command with the directory, the
 * environment and the timeout of the timeout(1) in front of it, and its lines go back as the Host
 * prints them. The sftp subsystem is {@link HostSftpServer} over the same Host.
 */
public final class ResidentHostServer implements AutoCloseable {
    // usr.bin/timeout/timeout.c: "#define EXIT_TIMEOUT 124" when it had to kill the command (SshHost.TIMEOUT_EXIT).
    private static final int TIMEOUT_EXIT = SshHost.TIMEOUT_EXIT;
    // What sh(1) answers for a command it cannot run (here: a line remoteLine did not make).
    private static final int NOT_RUN_EXIT = 126;

    private final SshServer server;

    private ResidentHostServer(SshServer server) {
        this.server = server;
    }

    /** Serves {@code host} on 127.0.0.1 to the holders of the keys in {@code authorizedKeys}. */
    public static ResidentHostServer start(Host host, Path hostKey, Path authorizedKeys) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, line) -> new Exec(host, line));
        server.setSubsystemFactories(List.of(new SubsystemFactory() {
            @Override
            public String getName() {
                return "sftp";
            }

            @Override
            public org.apache.sshd.server.command.Command createSubsystem(ChannelSession channel) {
                return new Sftp(host);
            }
        }));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the resident host server on 127.0.0.1", e);
        }
        return new ResidentHostServer(server);
    }

    public int port() {
        return server.getPort();
    }

    /** Its host keys, for the relay's known_hosts. */
    Iterable<java.security.KeyPair> hostKeys() {
        try {
            return server.getKeyPairProvider().loadKeys(null);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the resident host server's keys", e);
        }
    }

    /** What both kinds of request share: the channel's streams and a thread of their own. */
    private abstract static class Request implements org.apache.sshd.server.command.Command {
        InputStream in;
        OutputStream out;
        OutputStream err;
        ExitCallback exit;

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            var thread = new Thread(() -> {
                int status;
                try {
                    status = serve();
                } catch (IOException | RuntimeException e) {
                    exit.onExit(NOT_RUN_EXIT, String.valueOf(e.getMessage()));
                    return;
                }
                exit.onExit(status);
            }, "jailspec-resident-" + getClass().getSimpleName().toLowerCase());
            thread.setDaemon(true);
            thread.start();
        }

        abstract int serve() throws IOException;

        @Override
        public void destroy(ChannelSession channel) {
        }
    }

    private static final class Exec extends Request {
        private final Host host;
        private final String line;

        Exec(Host host, String line) {
            this.host = host;
            this.line = line;
        }

        @Override
        int serve() throws IOException {
            Command command;
            try {
                command = commandOf(line);
            } catch (IllegalArgumentException e) {
                err.write(("jailspec's simulator over SSH runs only the lines SshHost sends: " + e.getMessage() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                err.flush();
                return NOT_RUN_EXIT;
            }
            // The Host takes stdin whole; SshHost closes it once sent, so this ends.
            byte[] stdin = in.readAllBytes();
            if (stdin.length > 0) {
                command = command.withStdin(stdin);
            }
            var streams = new Streams(out, err);
            try {
                CommandResult result = host.run(command, streams::line);
                streams.finish(result.stdout(), result.stderr());
                return result.exitCode();
            } catch (CommandTimeoutException e) {
                // timeout(1) killed it: what it printed went out, its status is 124.
                return TIMEOUT_EXIT;
            }
        }
    }

    /**
     * {@code cd DIR && exec timeout -k K SECONDS [env K=V ...] ARGV}: the directory, the timeout(1)
     * duration (timeout.c parse_duration: a decimal number of seconds) and the environment become
     * the Host's command.
     */
    static Command commandOf(String line) {
        ShellQuote.RemoteLine remote = ShellQuote.parseRemoteLine(line);
        List<String> words = remote.words();
        if (words.size() < 5 || !words.get(0).equals("timeout") || !words.get(1).equals("-k")) {
            throw new IllegalArgumentException("expected `timeout -k DURATION DURATION ...`, got: " + line);
        }
        Duration timeout = Duration.ofMillis(Math.round(Double.parseDouble(words.get(3)) * 1000));
        int at = 4;
        var env = new java.util.TreeMap<String, String>();
        if (words.get(at).equals("env")) {
            for (at++; at < words.size() && words.get(at).contains("="); at++) {
                String assignment = words.get(at);
                env.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }
        }
        if (at >= words.size()) {
            throw new IllegalArgumentException("no command after timeout(1) and env(1) in: " + line);
        }
        Command command = Command.of(words.subList(at, words.size())).withTimeout(timeout);
        for (var e : env.entrySet()) {
            command = command.withEnv(e.getKey(), e.getValue());
        }
        return remote.workingDirectory().map(command::withWorkingDirectory).orElse(command);
    }

    /**
     * Writes each line as the Host hands it over. A line's newline goes out with the next line, or at
     * the end if the output had one, so an output that ends without a newline arrives byte for byte.
     */
    private static final class Streams {
        private final OutputStream out;
        private final OutputStream err;
        private boolean outNewline;
        private boolean errNewline;

        Streams(OutputStream out, OutputStream err) {
            this.out = out;
            this.err = err;
        }

        synchronized void line(OutputLine line) {
            boolean stdout = line.stream() == OutputLine.Stream.STDOUT;
            try {
                OutputStream to = stdout ? out : err;
                if (stdout ? outNewline : errNewline) {
                    to.write('\n');
                }
                to.write(line.text().getBytes(StandardCharsets.UTF_8));
                to.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (stdout) {
                outNewline = true;
            } else {
                errNewline = true;
            }
        }

        synchronized void finish(String stdout, String stderr) throws IOException {
            if (outNewline && stdout.endsWith("\n")) {
                out.write('\n');
            }
            if (errNewline && stderr.endsWith("\n")) {
                err.write('\n');
            }
            out.flush();
            err.flush();
        }
    }

    private static final class Sftp extends Request {
        private final Host host;

        Sftp(Host host) {
            this.host = host;
        }

        @Override
        int serve() throws IOException {
            new HostSftpServer(host, in, out).serve();
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            // stopping a test server; nothing is left to clean
        }
    }
}
