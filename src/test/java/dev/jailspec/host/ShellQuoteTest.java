package dev.jailspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellQuoteTest {
    private final LocalHost local = new LocalHost();

    @TempDir
    Path dir;

    @Test
    void theRemoteLineChangesDirectoryThenExecsPrefixEnvAndArgv() {
        String line = ShellQuote.remoteLine(Optional.of("/var/tmp/a b"), List.of("sudo", "-n"),
                Map.of("B", "2", "A", "it's"), List.of("zfs", "list", "-H"));

        assertThat(line).isEqualTo("cd '/var/tmp/a b' && exec sudo -n env 'A=it'\\''s' B=2 zfs list -H");
    }

    @Test
    void withoutDirectoryOrEnvironmentItIsJustTheQuotedArgv() {
        assertThat(ShellQuote.remoteLine(Optional.empty(), List.of(), Map.of(), List.of("echo", "$HOME")))
                .isEqualTo("exec echo '$HOME'");
    }

    @Test
    void shReadsTheLineBackAsTheSameWords() {
        List<String> argv = List.of("printf", "[%s]\\n", "a b", "'", "\"", "$x", "`y`", "*", "\n", "", "\\");
        String line = ShellQuote.remoteLine(Optional.of(dir.toString()), List.of(), Map.of("V", "$v 'w'"), argv);

        CommandResult viaSh = local.run(Command.of("sh", "-c", line).withTimeout(Duration.ofSeconds(20)));

        assertThat(viaSh.stdout()).isEqualTo(local.run(Command.of(argv)).stdout());
    }

    @Test
    void refusesAnEnvironmentNameTheShellCannotSet() {
        assertThatThrownBy(() -> ShellQuote.remoteLine(Optional.empty(), List.of(), Map.of("A B", "x"), List.of("true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'A B' is not a shell name");
    }

    @Test
    void aRemoteLineIsReadBackAsItsDirectoryAndWords() {
        List<String> argv = List.of("printf", "[%s]\\n", "a && b", "'", "\"", "$x", "\n", "");
        String line = ShellQuote.remoteLine(Optional.of("/tmp/it's && here"), List.of("timeout", "5.000"),
                Map.of("PAGER", "cat"), argv);

        ShellQuote.RemoteLine back = ShellQuote.parseRemoteLine(line);

        assertThat(back.workingDirectory()).contains("/tmp/it's && here");
        assertThat(back.words()).containsExactly("timeout", "5.000", "env", "PAGER=cat", "printf", "[%s]\\n", "a && b",
                "'", "\"", "$x", "\n", "");
        assertThat(ShellQuote.parseRemoteLine("exec true").workingDirectory()).isEmpty();
    }

    @Test
    void aLineRemoteLineDidNotMakeIsRefused() {
        assertThatThrownBy(() -> ShellQuote.parseRemoteLine("ls /; rm -rf /"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no exec");
        assertThatThrownBy(() -> ShellQuote.parseRemoteLine("cd /tmp; exec ls"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cd without && exec");
    }
}
