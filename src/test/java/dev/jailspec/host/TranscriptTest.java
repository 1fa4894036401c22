package dev.jailspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {
    @TempDir
    Path dir;

    @Test
    void aRecordedTranscriptKeepsBothStreamsTheExitAndAMissingFinalNewline() {
        var t = new Transcript("zfs destroy zdata/x", "partial", Optional.of("cannot destroy 'zdata/x': dataset is busy\n"),
                OptionalInt.of(1));

        String text = t.render();

        assertThat(text).isEqualTo("$ zfs destroy zdata/x\npartial\n# (no newline at end)\n# stderr:\n"
                + "cannot destroy 'zdata/x': dataset is busy\n# exit: 1\n");
        assertThat(Transcript.parse("t", text)).isEqualTo(t);
    }

    @Test
    void aCorpusTranscriptHasOneOutputAndMaybeNoExit() {
        Transcript t = Transcript.parse("jls/001.txt", "$ jls\n   JID  IP Address\n     1\n");

        assertThat(t.output()).isEqualTo("   JID  IP Address\n     1\n");
        assertThat(t.stderr()).isEmpty();
        assertThat(t.exit()).isEmpty();
        assertThat(t.argv()).containsExactly("jls");
    }

    @Test
    void notATranscriptSaysWhatIsMissing() {
        assertThatThrownBy(() -> Transcript.parse("x.txt", "zfs list\n"))
                .hasMessage("x.txt: a transcript starts with a line '$ COMMAND'");
        assertThatThrownBy(() -> Transcript.parse("y.txt", "$ true\n# exit: yes\n"))
                .hasMessage("y.txt: '# exit: yes' is not an exit status");
    }

    @Test
    void shellQuoteSplitIsTheInverseOfJoinAndRefusesWhatNeedsAShell() {
        for (List<String> argv : List.of(List.of("jail", "-c", "name=lr dev"), List.of("echo", "it's", "\"q\"", "$HOME", "a\tb"),
                List.of("sh", "-c", "echo 'x' | wc -l"), List.of("printf", "%s\\n", ""), List.of("env", "PAGER=cat", "x"))) {
            assertThat(ShellQuote.split(ShellQuote.join(argv))).as(ShellQuote.join(argv)).isEqualTo(argv);
        }
        assertThat(ShellQuote.split("sysrc jail_enable=\"YES\" a\\ b")).containsExactly("sysrc", "jail_enable=YES", "a b");
        assertThatThrownBy(() -> ShellQuote.split("kldstat | grep nvidia")).hasMessageContaining("'|' needs a shell");
        assertThatThrownBy(() -> ShellQuote.split("sysrc -f \"${CONF}\" x")).hasMessageContaining("needs a shell to expand");
        assertThatThrownBy(() -> ShellQuote.split("echo 'open")).hasMessageContaining("unclosed single quote");
    }

    @Test
    void theRecorderWritesEachCommandAndFileInTheOrderTheyHappened() throws Exception {
        Path record = dir.resolve("rec");
        Path local = Files.writeString(dir.resolve("image.txt"), "image\n");
        try (var host = new RecordingHost(new LocalHost(), record)) {
            host.run(Command.of("sh", "-c", "echo out; echo err >&2; exit 3").withEnv("LC_ALL", "C"));
            host.writeFile(dir.resolve("conf").toString(), "a = 1;\n".getBytes(), 0640);
            host.upload(local, dir.resolve("copy").toString(), 0644);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> host.run(Command.of("sleep", "5")
                    .withTimeout(Duration.ofMillis(200)))).isInstanceOf(CommandTimeoutException.class);
        }

        assertThat(Files.readString(record.resolve("0001-sh.txt"))).isEqualTo(
                "$ env LC_ALL=C sh -c 'echo out; echo err >&2; exit 3'\nout\n# stderr:\nerr\n# exit: 3\n");
        assertThat(Files.readString(record.resolve("0002-write.txt")))
                .isEqualTo(RecordingHost.WROTE + dir.resolve("conf") + " mode 0640\na = 1;\n");
        assertThat(Files.readString(record.resolve("0003-copy.txt"))).startsWith(RecordingHost.COPIED + local + " to ")
                .endsWith(" mode 0644 sha256 254eddf15d9534e3b20c55469077aa2f24f167aa4b897a36381d3e251e4829c2\n");
        assertThat(Files.readString(record.resolve("0004-sleep.txt")))
                .isEqualTo("$ sleep 5\n" + RecordingHost.TIMED_OUT + "200 ms and killed: no exit status\n");
    }
}
