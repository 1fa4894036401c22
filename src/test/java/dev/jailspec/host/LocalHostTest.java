package dev.jailspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Runs real programs of this machine; `sh -c` only builds scenarios here, LocalHost itself never uses a shell.
class LocalHostTest {
    private final LocalHost host = new LocalHost();

    @TempDir
    Path dir;

    private static Command sh(String script) {
        return Command.of("sh", "-c", script).withTimeout(Duration.ofSeconds(20));
    }

    @Test
    void returnsExitCodesWithoutThrowing() {
        assertThat(host.run(Command.of("true")).exitCode()).isZero();
        assertThat(host.run(Command.of("false")).exitCode()).isEqualTo(1);
        assertThat(host.run(sh("exit 42")).exitCode()).isEqualTo(42);
    }

    @Test
    void writesStdinAndClosesIt() {
        CommandResult result = host.run(Command.of("cat").withStdin("hello\nworld\n"));

        assertThat(result.stdout()).isEqualTo("hello\nworld\n");
    }

    @Test
    void aProgramReadingStdinSeesEndOfFileWhenNoneIsGiven() {
        CommandResult result = host.run(Command.of("cat").withTimeout(Duration.ofSeconds(5)));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void keepsAndStreamsLargeOutputInOrder() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());

        CommandResult result = host.run(Command.of("seq", "1", "200000"), line -> seen.add(line.text()));

        List<String> expected = IntStream.rangeClosed(1, 200_000).mapToObj(Integer::toString).toList();
        assertThat(seen).isEqualTo(expected);
        assertThat(result.stdoutLines()).isEqualTo(expected);
    }

    @Test
    void handsOverLinesWhileTheProgramStillRuns() {
        AtomicReference<Boolean> aliveAtFirstLine = new AtomicReference<>();

        host.run(sh("echo $$; sleep 1"), line -> aliveAtFirstLine.compareAndSet(null,
                ProcessHandle.of(Long.parseLong(line.text())).map(ProcessHandle::isAlive).orElse(false)));

        assertThat(aliveAtFirstLine.get()).isTrue();
    }

    @Test
    void capsTheKeptTextButKeepsHeadAndTail() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        int total = host.run(Command.of("seq", "1", "100000")).stdout().length();

        CommandResult result = new LocalHost(1000).run(Command.of("seq", "1", "100000"), line -> seen.add(line.text()));

        assertThat(seen).hasSize(100_000);
        assertThat(result.stdout())
                .startsWith("1\n2\n3\n")
                .contains("\n[... " + (total - 1000) + " bytes dropped]\n")
                .endsWith("99999\n100000\n");
    }

    @Test
    void keepsStderrApart() {
        List<OutputLine> seen = new CopyOnWriteArrayList<>();

        CommandResult result = host.run(sh("echo out; echo err >&2"), seen::add);

        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(seen).containsExactlyInAnyOrder(
                new OutputLine(OutputLine.Stream.STDOUT, "out"),
                new OutputLine(OutputLine.Stream.STDERR, "err"));
    }

    @Test
    void addsEnvironmentToTheInheritedOneAndRunsInTheWorkingDirectory() throws IOException {
        CommandResult result = host.run(sh("echo \"$JAILSPEC_GREETING\"; test -n \"$PATH\" && echo has-path; pwd -P")
                .withEnv("JAILSPEC_GREETING", "hello world")
                .withWorkingDirectory(dir.toString()));

        assertThat(result.stdoutLines()).containsExactly("hello world", "has-path", dir.toRealPath().toString());
    }

    @Test
    void aMissingWorkingDirectoryIsATransportError() {
        assertThatThrownBy(() -> host.run(Command.of("true").withWorkingDirectory(dir.resolve("nope").toString())))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("working directory")
                .hasMessageContaining("does not exist");
    }

    @Test
    void killsAHangingProgramAtItsTimeout() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> host.run(Command.of("sleep", "30").withTimeout(Duration.ofMillis(300))))
                .isInstanceOfSatisfying(CommandTimeoutException.class, e -> {
                    assertThat(e.ranFor()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
                    assertThat(e.getMessage()).contains("sleep 30", "300 ms");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void killsTheChildrenOfAHangingProgramToo() {
        AtomicLong childPid = new AtomicLong();

        assertThatThrownBy(() -> host.run(sh("sleep 30 & echo $!; sleep 30").withTimeout(Duration.ofMillis(500)),
                line -> childPid.set(Long.parseLong(line.text()))))
                // sh may still say "Killed" about its foreground sleep before it is killed itself
                .isInstanceOfSatisfying(CommandTimeoutException.class,
                        e -> assertThat(e.outputTail().lines().findFirst()).contains(Long.toString(childPid.get())));

        assertThat(childPid.get()).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> isGone(childPid.get()));
    }

    // A killed process may linger as a zombie until something reaps it; it no longer runs.
    private static boolean isGone(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return true;
        }
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
    }

    @Test
    void aMissingProgramIsATransportErrorNamingIt() {
        assertThatThrownBy(() -> host.run(Command.of("jailspec-no-such-program", "--help")))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("`jailspec-no-such-program`")
                .hasMessageContaining("not found on this host");
    }

    @Test
    void aFailingLineConsumerIsRethrownAfterTheProgramEnded() {
        var boom = new IllegalStateException("consumer broke");

        assertThatThrownBy(() -> host.run(Command.of("seq", "1", "100000"), line -> {
            throw boom;
        })).isSameAs(boom);
    }

    @Test
    void writesReadsAndStatsFiles() {
        String path = dir.resolve("jail.conf").toString();

        host.writeFile(path, "one\n".getBytes(StandardCharsets.UTF_8), 0640);
        host.writeFile(path, "two\n".getBytes(StandardCharsets.UTF_8), 0777);  // replaces; 0777 proves the umask is ignored

        assertThat(host.readText(path)).isEqualTo("two\n");
        FileStat stat = host.stat(path).orElseThrow();
        assertThat(stat.type()).isEqualTo(FileStat.Type.FILE);
        assertThat(stat.size()).isEqualTo(4);
        assertThat(stat.mode()).isEqualTo(0777);
        assertThat(stat.uid()).isEqualTo(Integer.parseInt(host.run(Command.of("id", "-u")).stdout().strip()));
        assertThat(stat.gid()).isEqualTo(Integer.parseInt(host.run(Command.of("id", "-g")).stdout().strip()));
        assertThat(dir.toFile().list()).containsExactly("jail.conf");  // no temp file left behind
    }

    @Test
    void statsDirectoriesAndSymlinksAndMissingPaths() throws IOException {
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("missing-target"));

        assertThat(host.stat(dir.toString()).orElseThrow().type()).isEqualTo(FileStat.Type.DIRECTORY);
        assertThat(host.stat(dir.resolve("link").toString()).orElseThrow().type()).isEqualTo(FileStat.Type.SYMLINK);
        assertThat(host.stat(dir.resolve("missing").toString())).isEmpty();
    }

    @Test
    void doesNotCreateMissingParentDirectories() {
        String path = dir.resolve("etc/jail.conf").toString();

        assertThatThrownBy(() -> host.writeText(path, "x"))
                .isInstanceOf(HostException.class)
                .hasMessageContaining(path)
                .hasMessageContaining("does not exist");
        assertThat(dir.resolve("etc")).doesNotExist();
    }

    @Test
    void readingAMissingFileSaysSo() {
        String path = dir.resolve("missing").toString();

        assertThatThrownBy(() -> host.readFile(path))
                .isInstanceOf(HostException.class)
                .hasMessage("cannot read " + path + " on local: no such file or directory");
    }

    @Test
    void describesItselfAsLocal() {
        assertThat(host.describe()).isEqualTo("local");
    }
}
