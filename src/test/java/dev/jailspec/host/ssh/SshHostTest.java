package dev.jailspec.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.CommandTimeoutException;
import dev.jailspec.host.FileStat;
import dev.jailspec.host.HostException;
import dev.jailspec.host.LocalHost;
import dev.jailspec.host.OutputLine;
import dev.jailspec.host.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshHost against a real OpenSSH sshd on loopback, compared with LocalHost on the same machine. */
class SshHostTest {
    @TempDir
    static Path dir;
    private static TestSshd sshd;
    private static SshHost host;
    private final LocalHost local = new LocalHost();

    @BeforeAll
    static void startSshd() {
        TestSshd.assumeInstalled();
        sshd = TestSshd.start(dir.resolve("sshd"));
        host = SshHost.open(sshd.address(), sshd.options());
    }

    @AfterAll
    static void stopSshd() {
        if (host != null) {
            host.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static Command timed(String... argv) {
        return Command.of(List.of(argv)).withTimeout(Duration.ofSeconds(20));
    }

    @Test
    void quotedArgumentsArriveAsLocallyWithTheSameBytes() {
        Command printf = timed("printf", "[%s]\\n", "two words", "it's", "\"double\"", "$HOME", "`id`", "*", "a\nb",
                "", "tab\there", "semi;colon", "back\\slash", "~", "-n", "ünï");

        CommandResult overSsh = host.run(printf);

        assertThat(overSsh.stdout()).isEqualTo(local.run(printf).stdout());
        assertThat(overSsh.stdout()).contains("[$HOME]", "[*]", "[a\nb]", "[]", "[it's]");
    }

    @Test
    void exitStatusComesFromTheChannel() {
        assertThat(host.run(timed("true")).exitCode()).isZero();
        assertThat(host.run(timed("false")).exitCode()).isEqualTo(1);
        assertThat(host.run(timed("sh", "-c", "exit 42")).exitCode()).isEqualTo(42);
    }

    @Test
    void streamsLinesInOrderAndKeepsStderrApart() {
        List<OutputLine> seen = Collections.synchronizedList(new ArrayList<>());

        CommandResult result = host.run(timed("sh", "-c", "seq 1 20000; echo oops >&2"), seen::add);

        List<String> expected = IntStream.rangeClosed(1, 20_000).mapToObj(Integer::toString).toList();
        assertThat(seen.stream().filter(l -> l.stream() == OutputLine.Stream.STDOUT).map(OutputLine::text))
                .containsExactlyElementsOf(expected);
        assertThat(seen).contains(new OutputLine(OutputLine.Stream.STDERR, "oops"));
        assertThat(result.stdoutLines()).isEqualTo(expected);
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    @Test
    void handsOverLinesWhileTheCommandStillRuns() {
        Path flag = dir.resolve("flag-" + UUID.randomUUID());
        List<Boolean> flagExistedAtFirstLine = new ArrayList<>();

        // The command prints, then waits until the file appears: only a streamed first line lets it finish.
        host.run(timed("sh", "-c", "echo started; while [ ! -e \"$1\" ]; do sleep 0.1; done; echo done", "sh",
                flag.toString()), line -> {
                    if (line.text().equals("started")) {
                        flagExistedAtFirstLine.add(Files.exists(flag));
                        try {
                            Files.createFile(flag);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });

        assertThat(flagExistedAtFirstLine).containsExactly(false);
    }

    @Test
    void environmentAndWorkingDirectoryAreFoldedIntoTheRemoteLine() throws IOException {
        Path work = Files.createDirectories(dir.resolve("a dir with 'quotes' and $x"));
        Command command = timed("sh", "-c", "printf '%s|%s\\n' \"$GREETING\" \"$(pwd)\"")
                .withEnv("GREETING", "hello $USER `x` \"y\"").withWorkingDirectory(work.toString());

        assertThat(host.run(command).stdout()).isEqualTo("hello $USER `x` \"y\"|" + work + "\n")
                .isEqualTo(local.run(command).stdout());
    }

    @Test
    void writesStdinAndClosesIt() {
        assertThat(host.run(timed("cat").withStdin("hello\nworld\n")).stdout()).isEqualTo("hello\nworld\n");
        assertThat(host.run(timed("cat")).stdout()).isEmpty();
    }

    @Test
    void aTimeoutKillsTheRemoteCommandAndItsChildren() {
        String marker = "jailspec-hang-" + UUID.randomUUID();
        Command hang = Command.of("sh", "-c", "sleep 300; echo " + marker).withTimeout(Duration.ofSeconds(1));

        assertThatThrownBy(() -> host.run(hang)).isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("did not finish within 1000 ms");

        await("the remote sh and its sleep are gone").atMost(Duration.ofSeconds(10))
                .until(() -> local.run(Command.of("pgrep", "-f", marker)).exitCode() == 1);
    }

    @Test
    void exit255IsATransportErrorNotAResult() {
        assertThatThrownBy(() -> host.run(timed("sh", "-c", "exit 255")))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("exit status 255").hasMessageContaining(sshd.address().toString());
    }

    @Test
    void writesFilesWithTheirModeAndReplacesThemWhole() throws IOException {
        Path target = dir.resolve("conf-" + UUID.randomUUID());

        host.writeFile(target.toString(), "first\n".getBytes(), 0640);
        host.writeText(target.toString(), "second\n");
        host.writeFile(target.toString(), "third\n".getBytes(), 04750);

        assertThat(Files.readString(target)).isEqualTo("third\n");
        assertThat(host.readText(target.toString())).isEqualTo("third\n");
        FileStat stat = host.stat(target.toString()).orElseThrow();
        assertThat(stat).isEqualTo(local.stat(target.toString()).orElseThrow());
        assertThat(stat.mode()).isEqualTo(04750);
        assertThat(host.list(dir.toString())).contains(target.getFileName().toString())
                .noneMatch(name -> name.endsWith(".jailspec-tmp"));
    }

    @Test
    void statsAndListsLikeLocalHost() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("b"), "x");
        Files.createDirectory(tree.resolve("a"));
        Files.createSymbolicLink(tree.resolve("c"), Path.of("b"));

        assertThat(host.list(tree.toString())).containsExactly("a", "b", "c").isEqualTo(local.list(tree.toString()));
        assertThat(host.list(tree.resolve("b").toString())).isEmpty();
        for (String name : List.of("a", "b", "c", "missing")) {
            assertThat(host.stat(tree.resolve(name).toString())).isEqualTo(local.stat(tree.resolve(name).toString()));
        }
    }

    @Test
    void refusesToWriteIntoAMissingDirectoryAndSaysWhy() {
        String target = dir.resolve("no/such/dir/file").toString();

        assertThatThrownBy(() -> host.writeText(target, "x")).isInstanceOf(HostException.class)
                .hasMessageContaining("directory " + dir.resolve("no/such/dir") + " does not exist");
        assertThatThrownBy(() -> host.readFile(target)).isInstanceOf(HostException.class)
                .hasMessageContaining("no such file");
    }
}
