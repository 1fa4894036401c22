package dev.jailspec.jailconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JailConfFilesTest {

    @TempDir
    Path root;

    private ConfFiles files;

    @BeforeEach
    void createHost() throws IOException {
        write("etc/jail.conf", ".include \"/etc/jail.conf.d/*.conf\";\n");
        write("etc/jail.conf.d/web.conf", "web { }\n");
        write("etc/jail.conf.d/db.conf", "db { }\n");
        write("etc/jail.conf.d/.old.conf", "old { }\n");
        write("etc/jail.conf.d/notes.txt", "");
        write("etc/jail.conf.d/{a,b}.conf", "braces { }\n");
        Files.writeString(root.resolve("secret"), "outside the host\n");
        files = JailConfFiles.under(root.resolve("host"));
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve("host").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void absolutePathsAreResolvedUnderTheRoot() {
        assertThat(files.exists("/etc/jail.conf")).isTrue();
        assertThat(files.read("/etc/jail.conf.d/web.conf")).isEqualTo("web { }\n");
        assertThat(files.exists("/etc/missing.conf")).isFalse();
        assertThat(files.exists("/etc/../etc/./jail.conf")).isTrue();
        assertThat(files.exists("/../etc/jail.conf")).isTrue();
        assertThat(files.exists("/../secret")).isFalse();
        assertThatThrownBy(() -> files.read("/etc/missing.conf")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void globMatchesLikeGlob3() {
        assertThat(files.glob("/etc/jail.conf.d/*.conf"))
                .containsExactly("/etc/jail.conf.d/db.conf", "/etc/jail.conf.d/web.conf", "/etc/jail.conf.d/{a,b}.conf");
        assertThat(files.glob("/etc/jail.conf.d/.*.conf")).containsExactly("/etc/jail.conf.d/.old.conf");
        assertThat(files.glob("/etc/jail.conf.d/[dw]?*.conf"))
                .containsExactly("/etc/jail.conf.d/db.conf", "/etc/jail.conf.d/web.conf");
        assertThat(files.glob("/etc/jail[.]conf")).containsExactly("/etc/jail.conf");
        assertThat(files.glob("/*/jail.conf")).containsExactly("/etc/jail.conf");
        assertThat(files.glob("/etc/jail.conf.d/*.none")).isEmpty();
        assertThat(files.glob("/nowhere/*.conf")).isEmpty();
    }

    @Test
    void loaderWorksOverASimulatedRoot() {
        JailConfSet set = JailConfLoader.load("/etc/jail.conf", files);

        assertThat(set.jailNames()).containsExactly("db", "web", "braces");
    }

    @Test
    void realFileSystemUsesPathsAsTheyAre() {
        ConfFiles real = JailConfFiles.realFileSystem();
        Path conf = root.resolve("host/etc/jail.conf").toAbsolutePath();

        assertThat(real.exists(conf.toString())).isTrue();
        assertThat(real.read(conf.toString())).startsWith(".include");
        assertThat(real.glob(conf.getParent() + "/jail.conf.d/w*.conf"))
                .containsExactly(conf.getParent() + "/jail.conf.d/web.conf");
    }

    @Test
    void inMemoryFilesImplyTheirDirectories() {
        ConfFiles memory = JailConfFiles.inMemory(Map.of(
                "/etc/jail.conf", "x;", "/etc/jail.conf.d/b.conf", "", "/etc/jail.conf.d/a.conf", ""));

        assertThat(memory.exists("/etc/jail.conf.d")).isTrue();
        assertThat(memory.exists("/etc/jail.conf.d/c.conf")).isFalse();
        assertThat(memory.glob("/etc/*/*.conf")).containsExactly("/etc/jail.conf.d/a.conf", "/etc/jail.conf.d/b.conf");
        assertThat(memory.read("/etc/jail.conf")).isEqualTo("x;");
    }
}
