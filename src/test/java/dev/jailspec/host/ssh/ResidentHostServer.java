package dev.jailspec.host.ssh;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.CommandTimeoutException;
import dev.jailspec.host.Host;
import dev.jailspec.host.OutputLine;
import dev.jailspec.host.ShellQuote;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@link Host} (the simulator, opened once) served on a unix socket, so that a real OpenSSH sshd
 * can hand it each command: the sshd's ForceCommand is {@code sim-entry.pl} (perl of the
 * system, a few milliseconds, not a JVM per command), which passes the line sshd was asked to run
 * and its stdin here and gives back the output and the exit status (the protocol is in the
 * script). Each line is one {@link ShellQuote#remoteLine} made; it runs as the Host's command with
 * the directory, the environment and the timeout of the timeout(1) in front of it (a login as root:
 * a become prefix, sudo or doas, is refused). What the Host throws, e.g. the simulator's
 * SimUnsupportedException, becomes exit 126 with its message on stderr, where on {@code sim} the
 * caller gets the exception. An SFTP session is {@link HostSftpServer} over the same Host.
 */
public final class ResidentHostServer implements AutoCloseable {
    // usr.bin/timeout/timeout.c: "#define EXIT_TIMEOUT 124" when it had to kill the command (SshHost.TIMEOUT_EXIT).
    private static final int TIMEOUT_EXIT = SshHost.TIMEOUT_EXIT;
    // What sh(1) answers for a command it cannot run (here: a line remoteLine did not make).
    private static final int NOT_RUN_EXIT = 126;
    private static final int STDOUT = 1, STDERR = 2, EXIT = 3;

    private final ServerSocketChannel server;
    private final Path socket;
    private final Host host;

    private ResidentHostServer(ServerSocketChannel server, Path socket, Host host) {
        this.server = server;
        this.socket = socket;
        this.host = host;
    }

    /** Serves {@code host} on the unix socket {@code socket} (to whoever may open it: the file's mode). */
    public static ResidentHostServer start(Host host, Path socket) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            var resident = new ResidentHostServer(server, socket, host);
            var accept = new Thread(resident::acceptAll, "jailspec-resident-accept");
            accept.setDaemon(true);
            accept.start();
            return resident;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the host on " + socket, e);
        }
    }

    public Path socket() {
        return socket;
    }

    private void acceptAll() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                var thread = new Thread(() -> serve(client), "jailspec-resident-request");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;  // closed
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            var in = new DataInputStream(Channels.newInputStream(client));
            var out = new DataOutputStream(new java.io.BufferedOutputStream(Channels.newOutputStream(client)));
            int mode = in.readUnsignedByte();
            byte[] line = in.readNBytes(in.readInt());
            if (mode == 's') {
                new HostSftpServer(host, in, out).serve();
                return;
            }
            // The Host takes stdin whole; the entry point shuts its side down once sshd's stdin ended.
            int status = exec(new String(line, StandardCharsets.UTF_8), in.readAllBytes(), out);
            out.writeByte(EXIT);
            out.writeInt(status);
            out.flush();
        } catch (IOException e) {
            // the entry point went away (its sshd session was killed): nothing to answer
        }
    }

    private int exec(String line, byte[] stdin, DataOutputStream out) throws IOException {
        var frames = new Frames(out);
        Command command;
        try {
            command = commandOf(line);
        } catch (IllegalArgumentException e) {
            frames.write(STDERR, "jailspec's simulator over SSH runs only the lines SshHost sends: " + e.getMessage() + "\n");
            return NOT_RUN_EXIT;
        }
        if (stdin.length > 0) {
            command = command.withStdin(stdin);
        }
        try {
            CommandResult result = host.run(command, frames::line);
            frames.finish(result.stdout(), result.stderr());
            return result.exitCode();
        } catch (CommandTimeoutException e) {
            // timeout(1) killed it: what it printed went out, its status is 124.
            return TIMEOUT_EXIT;
        } catch (RuntimeException e) {
            // What the simulator does not model (SimUnsupportedException) and the like: said, not swallowed.
            frames.write(STDERR, "jailspec simulator: " + e.getMessage() + "\n");
            return NOT_RUN_EXIT;
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
    private static final class Frames {
        private final DataOutputStream out;
        private boolean outNewline;
        private boolean errNewline;

        Frames(DataOutputStream out) {
            this.out = out;
        }

        void write(int stream, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            try {
                out.writeByte(stream);
                out.writeInt(bytes.length);
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void line(OutputLine line) {
            boolean stdout = line.stream() == OutputLine.Stream.STDOUT;
            write(stdout ? STDOUT : STDERR, ((stdout ? outNewline : errNewline) ? "\n" : "") + line.text());
            if (stdout) {
                outNewline = true;
            } else {
                errNewline = true;
            }
        }

        void finish(String stdout, String stderr) {
            if (outNewline && stdout.endsWith("\n")) {
                write(STDOUT, "\n");
            }
            if (errNewline && stderr.endsWith("\n")) {
                write(STDERR, "\n");
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            java.nio.file.Files.deleteIfExists(socket);
        } catch (IOException e) {
            // stopping a test server; nothing else is left to clean
        }
    }
}
