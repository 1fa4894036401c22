package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Situations rebuilt from real transcripts, compared line for line with what was printed there. */
class TranscriptFormatTest {
    @TempDir
    Path dir;

    @Test
    void jls_of_a_jail_without_ip_as_in_jls_001() {
        SimHost host = SimHost.create(dir, SimHostSpec.defaults());
        ok(host, "mkdir", "-p", "/usr/jail/myjail");
        host.writeText("/etc/jail.conf", "myjail { host.hostname = \"myjail.local\"; path = \"/usr/jail/myjail\"; persist; }\n");
        ok(host, "service", "jail", "onestart", "myjail");
        Transcript t = Transcript.load("jls/001.txt");

        assertThat(ok(host, t.argv().toArray(String[]::new))).isEqualTo(t.output());
    }

    @Test
    void mounts_seen_inside_a_jail_as_in_mount_in_jail_001() {
        SimHost host = SimHost.create(dir, SimHostSpec.defaults().withPools(List.of("zroot")));
        ok(host, "zfs", "create", "-o", "mountpoint=/jail", "zroot/jail");
        ok(host, "mkdir", "-p", "/jail/dev", "/jail/proc", "/jail/sbin");
        host.writeFile("/jail/sbin/mount", "#!ELF\n".getBytes(), 0555);
        host.writeText("/etc/jail.conf", """
                minecraft {
                  path = "/jail";
                  mount.devfs;
                  mount.procfs;
                  enforce_statfs = 1;
                  persist;
                }
                """);
        ok(host, "service", "jail", "onestart", "minecraft");
        List<String> real = Transcript.load("mount-in-jail/001.txt").output().lines().toList();

        List<String> seen = ok(host, "jexec", "minecraft", "mount").lines().toList();

        assertThat(seen.get(0)).isEqualTo(real.get(0).replace(", noatime", ""));
        assertThat(seen.get(1)).isEqualTo(real.get(1));
        assertThat(seen.get(2)).isEqualTo(real.get(3));
    }

    @Test
    void linux_file_system_words_as_in_mount_linux_001() {
        SimHost host = SimHost.create(dir, SimHostSpec.defaults());
        String base = "/zdata/j";
        ok(host, "zfs", "create", "zdata/j");
        // dev/fd and dev/shm are the devfs' own nodes; shm is there while linux_common.ko is loaded (freebsd-facts 3.2)
        ok(host, "kldload", "linux64");
        ok(host, "mkdir", "-p", base + "/compat/linux/proc", base + "/compat/linux/sys", base + "/compat/linux/dev");
        host.writeText("/etc/jail.conf", "lx {\n  path = \"" + base + "\";\n  persist;\n"
                + "  mount += \"linprocfs $path/compat/linux/proc linprocfs rw 0 0\";\n"
                + "  mount += \"linsysfs $path/compat/linux/sys linsysfs rw 0 0\";\n"
                + "  mount += \"devfs $path/compat/linux/dev devfs rw 0 0\";\n"
                + "  mount += \"fdescfs $path/compat/linux/dev/fd fdescfs rw,linrdlnk 0 0\";\n"
                + "  mount += \"tmpfs $path/compat/linux/dev/shm tmpfs rw,mode=1777 0 0\";\n}\n");
        ok(host, "service", "jail", "onestart", "lx");
        String expected = Transcript.load("mount-linux/001.txt").output().replace("/compat/linux", base + "/compat/linux");

        String mounts = ok(host, "mount");

        assertThat(mounts).contains(expected);
    }
}
