package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandResult;
import dev.jailspec.host.FileStat;
import dev.jailspec.host.HostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimHostSeedTest {
    @TempDir
    Path dir;

    @Test
    void a_new_host_has_the_stock_files_and_no_jail_conf() {
        SimHost host = freshHost(dir);

        assertThat(host.readText("/etc/rc.conf")).isEmpty();
        assertThat(host.readText("/etc/defaults/rc.conf"))
                .contains("jail_enable=\"NO\"", "jail_parallel_start=\"NO\"", "jail_conf=\"/etc/jail.conf\"",
                        "jail_list=\"\"", "linux_enable=\"NO\"");
        assertThat(host.stat("/etc/jail.conf")).isEmpty();
        assertThat(host.stat("/etc/jail.conf.d")).get().extracting(FileStat::type).isEqualTo(FileStat.Type.DIRECTORY);
        for (String d : List.of("/var/run", "/var/log", "/tmp", "/home", "/root")) {
            assertThat(host.stat(d)).as(d).get().extracting(FileStat::isDirectory).isEqualTo(true);
        }
        assertThat(host.readFile("/etc/localtime")).startsWith("TZif".getBytes());
        assertThat(host.readText("/etc/resolv.conf")).startsWith("nameserver ");
        assertThat(Files.isDirectory(dir.resolve("zdata"))).isTrue();
    }

    @Test
    void an_unknown_program_is_not_found_by_sh() {
        SimHost host = freshHost(dir);

        CommandResult r = run(host, "frobnicate", "--now");

        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.stderr()).isEqualTo("frobnicate: not found\n");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void programs_run_by_name_or_by_their_real_path_only() {
        SimHost host = freshHost(dir);

        assertThat(run(host, "/sbin/zfs", "version").exitCode()).isZero();
        assertThat(run(host, "/usr/sbin/sysrc", "jail_enable").stdout()).isEqualTo("jail_enable: NO\n");
        CommandResult wrongPath = run(host, "/usr/sbin/zfs", "version");
        assertThat(wrongPath.exitCode()).isEqualTo(127);
        assertThat(wrongPath.stderr()).isEqualTo("/usr/sbin/zfs: not found\n");
    }

    @Test
    void write_file_needs_an_existing_directory() {
        SimHost host = freshHost(dir);

        assertThatThrownBy(() -> host.writeText("/usr/local/etc/nope/x.conf", "x"))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("/usr/local/etc/nope")
                .hasMessageContaining("does not exist");
    }

    @Test
    void write_file_keeps_the_mode_and_read_file_returns_the_bytes() {
        SimHost host = freshHost(dir);

        host.writeFile("/etc/jail.conf.d/a.conf", "a {}\n".getBytes(), 0640);

        assertThat(host.readText("/etc/jail.conf.d/a.conf")).isEqualTo("a {}\n");
        assertThat(host.stat("/etc/jail.conf.d/a.conf")).get().satisfies(s -> {
            assertThat(s.mode()).isEqualTo(0640);
            assertThat(s.size()).isEqualTo(5);
            assertThat(s.uid()).isZero();
        });
    }

    @Test
    void a_path_cannot_climb_out_of_the_root() {
        SimHost host = freshHost(dir);

        assertThatThrownBy(() -> host.readFile("/../../etc/passwd")).isInstanceOf(SimPathException.class);
        assertThatThrownBy(() -> host.writeText("/tmp/../../escape", "x")).isInstanceOf(SimPathException.class);
        assertThat(Files.exists(dir.getParent().resolve("escape"))).isFalse();
    }

    @Test
    void symlinks_resolve_inside_the_root_and_relative_escapes_are_refused() throws Exception {
        SimHost host = freshHost(dir);
        Files.writeString(dir.resolve("etc/real.conf"), "inside\n");
        Files.createSymbolicLink(dir.resolve("tmp/abs"), Path.of("/etc/real.conf"));
        Files.createSymbolicLink(dir.resolve("tmp/out"), Path.of("../../../../../../../../etc/hostname"));

        assertThat(host.readText("/tmp/abs")).isEqualTo("inside\n");
        assertThat(host.stat("/tmp/abs")).get().extracting(FileStat::type).isEqualTo(FileStat.Type.SYMLINK);
        assertThatThrownBy(() -> host.readFile("/tmp/out")).isInstanceOf(SimPathException.class);
    }

    @Test
    void describe_names_the_root() {
        SimHost host = freshHost(dir);

        assertThat(host.describe()).startsWith("sim:").endsWith(dir.getFileName().toString());
    }
}
