package dev.jailspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell text reads back exactly what it was made from, checked by running it with sh(1). */
class ShellScriptTest {
    @TempDir
    Path dir;

    private String sh(String script) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("script.sh"), script);
        Process p = new ProcessBuilder("sh", file.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("sh exit; output: %s", out).isZero();
        return out;
    }

    @Test
    void delimitersAvoidTheLinesOfTheContent() {
        assertThat(ShellScript.delimiter("a\nb\n")).isEqualTo("EOF");
        assertThat(ShellScript.delimiter("EOF\nEOF_1\n")).isEqualTo("EOF_2");
        assertThat(ShellScript.delimiter(" EOF\nEOF \n")).isEqualTo("EOF");
    }

    @Test
    void aCommandsOwnEnvironmentGoesThroughEnvAndEveryWordIsQuoted() throws Exception {
        var env = new TreeMap<String, String>(Map.of("B", "two words", "A", "1"));

        String line = ShellScript.command(List.of("sh", "-c", "echo \"$A $B\""), env);

        assertThat(line).isEqualTo("env A=1 'B=two words' sh -c 'echo \"$A $B\"'");
        assertThat(ShellScript.command(List.of("ls", "-l"), Map.of())).isEqualTo("ls -l");
        assertThat(sh(line + "\n")).isEqualTo("1 two words\n");
    }

    @Test
    void stdinWithAndWithoutAFinalNewlineReachesTheCommandExactly() throws Exception {
        String withNewline = ShellScript.withStdin("cat", "  # note", "EOF\nline 2\n");
        String without = ShellScript.withStdin("cat", "", "no newline $HOME `id`");

        assertThat(withNewline).isEqualTo("cat <<'EOF_1'  # note\nEOF\nline 2\nEOF_1\n");
        assertThat(sh(withNewline)).isEqualTo("EOF\nline 2\n");
        assertThat(sh(without)).isEqualTo("no newline $HOME `id`");
    }

    @Test
    void writtenFilesComeBackByteForByteWithTheirMode() throws Exception {
        String tricky = "EOF\n$HOME `id` $(id) \\ 'quoted' \"double\"\nEOF_1\n  EOF\n\n";
        sh(ShellScript.writeFile("tricky file", 0640, tricky) + ShellScript.writeFile("plain", 0600, "no newline")
                + ShellScript.writeFile("empty", 0644, ""));

        assertThat(Files.readString(dir.resolve("tricky file"))).isEqualTo(tricky);
        assertThat(Files.readString(dir.resolve("plain"))).isEqualTo("no newline");
        assertThat(Files.readString(dir.resolve("empty"))).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tricky file"))))
                .isEqualTo("rw-r-----");
        assertThat(ShellScript.writeFile("empty", 0644, "")).isEqualTo(": > empty\nchmod 0644 empty\n");
    }

    @Test
    void commentsSpanLinesAndDropCarriageReturns() {
        assertThat(ShellScript.comment("  one\r\ntwo \n")).isEqualTo("# one\n# two");
        assertThat(ShellScript.octal(01777)).isEqualTo("1777");
    }
}
