package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KldstatTest {
    private final ScriptedHost host = new ScriptedHost();
    private final Kldstat kldstat = new Kldstat(host);

    @AfterEach
    void everyExpectedCommandRan() {
        host.assertAllRan();
    }

    @Test
    void transcriptRowWithoutHeader() {
        assertThat(Transcript.filesOf("kldstat")).containsExactly("kldstat/001.txt");
        assertThat(KldstatParser.parse(Transcript.load("kldstat/001.txt").output()))
                .containsExactly(new KldFile(22, 1, "0xffffffff83800000", 0x604e158L, "nvidia.ko"));
    }

    @Test
    void tableWithHeaderFromFacts() {
        // freebsd-facts 3.2 example
        String out = "Id Refs Address                Size Name\n"
                + " 1   38 0xffffffff80200000  2448f20 kernel\n"
                + " 2    3 0xffffffff82649000    b7bd8 linux.ko\n"
                + " 3    5 0xffffffff82701000     9698 linux_common.ko\n"
                + " 4    1 0xffffffff82b11000     1eae linsysfs.ko\n";
        host.expect("kldstat").stdout(out);

        var files = kldstat.list();

        assertThat(files).extracting(KldFile::name).containsExactly("kernel", "linux.ko", "linux_common.ko", "linsysfs.ko");
        assertThat(files.get(2)).isEqualTo(new KldFile(3, 5, "0xffffffff82701000", 0x9698, "linux_common.ko"));
    }

    @Test
    void quietModuleChecksUseExitStatus() {
        host.expect("kldstat", "-q", "-m", "linux64elf");
        host.expect("kldstat", "-q", "-m", "linprocfs").exit(1);
        host.expect("kldstat", "-q", "-n", "linux64.ko");

        assertThat(kldstat.isModuleLoaded("linux64elf")).isTrue();
        assertThat(kldstat.isModuleLoaded("linprocfs")).isFalse();
        assertThat(kldstat.isFileLoaded("linux64.ko")).isTrue();
    }

    @Test
    void otherStatusThrows() {
        host.expect("kldstat", "-q", "-m", "linux64").exit(2).stderr("kldstat: illegal option -- q\n");
        assertThatThrownBy(() -> kldstat.isModuleLoaded("linux64")).isInstanceOf(CommandFailedException.class);
    }

    @Test
    void rejectsBadNamesAndRows() {
        assertThatThrownBy(() -> kldstat.isModuleLoaded("-v")).isInstanceOf(IllegalArgumentException.class);
        assertThat(host.ran()).isEmpty();
        assertThatThrownBy(() -> KldstatParser.parse("kldstat: can't find file linux.ko\n"))
                .hasMessageContaining("not a kldstat row");
    }
}
