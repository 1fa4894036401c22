package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountsTest {

    @Test
    void coversEveryTranscript() {
        assertThat(Transcript.filesOf("mount-linux")).containsExactly("mount-linux/001.txt");
        assertThat(Transcript.filesOf("mount-in-jail")).containsExactly("mount-in-jail/001.txt");
    }

    @Test
    void linuxulatorMounts() {
        List<MountEntry> m = MountParser.parse(Transcript.load("mount-linux/001.txt").output());

        assertThat(m).containsExactly(
                new MountEntry("linprocfs", "/compat/linux/proc", "linprocfs", List.of("local")),
                new MountEntry("linsysfs", "/compat/linux/sys", "linsysfs", List.of("local")),
                new MountEntry("devfs", "/compat/linux/dev", "devfs", List.of()),
                new MountEntry("fdescfs", "/compat/linux/dev/fd", "fdescfs", List.of()),
                new MountEntry("tmpfs", "/compat/linux/dev/shm", "tmpfs", List.of("local")));
    }

    @Test
    void insideAJailWithDevfsTwice() {
        Transcript t = Transcript.load("mount-in-jail/001.txt");
        List<MountEntry> m = MountParser.parse(t.output());

        assertThat(m).hasSize(5);
        assertThat(m.get(0)).isEqualTo(new MountEntry("zroot/jail", "/", "zfs", List.of("local", "noatime", "nfsv4acls")));
        assertThat(m).filteredOn(e -> e.mountPoint().equals("/dev")).hasSize(2);

        ScriptedHost host = new ScriptedHost();
        host.expect("mount").stdout(t.output());
        host.expect("mount").stdout(t.output());
        Mounts mounts = new Mounts(host);
        assertThat(mounts.at("/proc")).contains(new MountEntry("procfs", "/proc", "procfs", List.of("local")));
        assertThat(mounts.at("/compat/linux/proc")).isEmpty();
        host.assertAllRan();
    }

    @Test
    void sourceWithSpaceAndNonMountLines() {
        assertThat(MountParser.parse("map -hosts on /net (autofs)\n").get(0).source()).isEqualTo("map -hosts");
        assertThatThrownBy(() -> MountParser.parse("zroot/ROOT/default\t/\tzfs\trw\t0 0\n"))
                .hasMessageContaining("not a mount line");
    }
}
