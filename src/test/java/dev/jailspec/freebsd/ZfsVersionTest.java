package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZfsVersionTest {

    @Test
    void coversEveryTranscript() {
        assertThat(Transcript.filesOf("zfs-version")).containsExactly("zfs-version/001.txt", "zfs-version/002.txt");
    }

    @Test
    void baseSystem() {
        ZfsVersion v = ZfsVersion.parse(Transcript.load("zfs-version/001.txt").output());
        assertThat(v.userland()).isEqualTo("zfs-2.2.7-FreeBSD_ge269af1b3");
        assertThat(v.kernel()).isEqualTo("zfs-kmod-2.2.7-FreeBSD_ge269af1b3");
        assertThat(v.kernelRelease()).isEqualTo(v.userlandRelease()).isEqualTo("2.2.7");
    }

    @Test
    void portsKmodDiffersFromUserland() {
        ZfsVersion v = ZfsVersion.parse(Transcript.load("zfs-version/002.txt").output());
        assertThat(v.userlandRelease()).isEqualTo("2.2.7");
        assertThat(v.kernelRelease()).isEqualTo("2.3.5");
    }

    @Test
    void currentVersionStringsAndJson() {
        // freebsd-facts 1.1: 15.0-CURRENT string
        ZfsVersion v = ZfsVersion.parse("zfs-2.3.99-170-FreeBSD_g34205715e\nzfs-kmod-2.3.99-170-FreeBSD_g34205715e\n");
        assertThat(v.userlandRelease()).isEqualTo("2.3.99");
        assertThat(v.supportsJson()).isTrue();
    }

    @Test
    void kernelQueryFailureIsRejected() {
        assertThatThrownBy(() -> ZfsVersion.parse("zfs-2.2.7-FreeBSD_ge269af1b3\n"))
                .hasMessageContaining("zfs-kmod-");
    }
}
