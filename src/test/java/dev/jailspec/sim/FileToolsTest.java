package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileToolsTest {
    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
    }

    @Nested
    class Mkdir {
        @Test
        void creates_a_directory_with_a_mode() {
            CommandResult r = run(host, "mkdir", "-m", "700", "/var/db/x");

            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEmpty();
            assertThat(host.stat("/var/db/x")).get().satisfies(s -> {
                assertThat(s.isDirectory()).isTrue();
                assertThat(s.mode()).isEqualTo(0700);
            });
        }

        @Test
        void refuses_an_existing_directory() {
            CommandResult r = run(host, "mkdir", "/tmp");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("mkdir: /tmp: File exists\n");
        }

        @Test
        void refuses_a_missing_parent_without_p() {
            CommandResult r = run(host, "mkdir", "/a/b/c");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("mkdir: /a/b/c: No such file or directory\n");
            assertThat(host.stat("/a")).isEmpty();
        }

        @Test
        void p_creates_parents_and_accepts_existing_ones() {
            assertThat(ok(host, "mkdir", "-p", "/a/b/c", "/tmp")).isEmpty();

            assertThat(host.stat("/a/b/c")).isPresent();
        }

        @Test
        void p_fails_when_a_component_is_a_file() {
            host.writeText("/tmp/f", "x");

            CommandResult r = run(host, "mkdir", "-p", "/tmp/f/sub");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("mkdir: /tmp/f/sub: Not a directory\n");
        }

        @Test
        void keeps_going_after_a_failure() {
            CommandResult r = run(host, "mkdir", "/tmp", "/tmp/new");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(host.stat("/tmp/new")).isPresent();
        }

        @Test
        void usage_and_bad_options() {
            CommandResult none = run(host, "mkdir");
            assertThat(none.exitCode()).isEqualTo(64);
            assertThat(none.stderr()).isEqualTo("usage: mkdir [-pv] [-m mode] directory_name ...\n");

            CommandResult bad = run(host, "mkdir", "-z", "/x");
            assertThat(bad.exitCode()).isEqualTo(64);
            assertThat(bad.stderr()).startsWith("mkdir: illegal option -- z\nusage: mkdir");

            CommandResult mode = run(host, "mkdir", "-m", "99", "/x");
            assertThat(mode.exitCode()).isEqualTo(1);
            assertThat(mode.stderr()).isEqualTo("mkdir: invalid file mode: 99\n");
        }

        @Test
        void relative_paths_start_at_the_working_directory() {
            CommandResult r = host.run(Command.of("mkdir", "sub").withWorkingDirectory("/tmp"));

            assertThat(r.exitCode()).isZero();
            assertThat(host.stat("/tmp/sub")).isPresent();
        }
    }

    @Nested
    class Test_ {
        @Test
        void file_tests() {
            host.writeText("/tmp/f", "x");

            assertThat(run(host, "test", "-e", "/tmp/f").exitCode()).isZero();
            assertThat(run(host, "test", "-f", "/tmp/f").exitCode()).isZero();
            assertThat(run(host, "test", "-d", "/tmp/f").exitCode()).isEqualTo(1);
            assertThat(run(host, "test", "-d", "/tmp").exitCode()).isZero();
            assertThat(run(host, "test", "-e", "/nope").exitCode()).isEqualTo(1);
            assertThat(run(host, "test", "!", "-e", "/nope").exitCode()).isZero();
            assertThat(run(host, "test", "-s", "/etc/rc.conf").exitCode()).isEqualTo(1);
        }

        @Test
        void strings_and_errors() {
            assertThat(run(host, "test", "a", "=", "a").exitCode()).isZero();
            assertThat(run(host, "test", "a", "!=", "a").exitCode()).isEqualTo(1);
            assertThat(run(host, "test", "-z", "").exitCode()).isZero();
            CommandResult bad = run(host, "test", "a", "b");
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.stderr()).isEqualTo("test: a: unexpected operator\n");
        }
    }

    @Nested
    class Cat {
        @Test
        void prints_files_and_reports_missing_ones() {
            host.writeText("/tmp/a", "one\n");

            CommandResult r = run(host, "cat", "/tmp/a", "/tmp/missing", "/tmp");

            assertThat(r.stdout()).isEqualTo("one\n");
            assertThat(r.stderr()).isEqualTo("cat: /tmp/missing: No such file or directory\ncat: /tmp: Is a directory\n");
            assertThat(r.exitCode()).isEqualTo(1);
        }

        @Test
        void reads_standard_input_without_files() {
            CommandResult r = host.run(Command.of("cat").withStdin("piped\n"));

            assertThat(r.stdout()).isEqualTo("piped\n");
        }
    }

    @Nested
    class Rm {
        @Test
        void removes_files_and_complains_about_missing_ones_unless_forced() {
            host.writeText("/tmp/a", "x");

            assertThat(run(host, "rm", "/tmp/a").exitCode()).isZero();
            assertThat(host.stat("/tmp/a")).isEmpty();
            CommandResult missing = run(host, "rm", "/tmp/a");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.stderr()).isEqualTo("rm: /tmp/a: No such file or directory\n");
            assertThat(run(host, "rm", "-f", "/tmp/a").exitCode()).isZero();
        }

        @Test
        void refuses_directories_without_r() {
            ok(host, "mkdir", "-p", "/tmp/d/e");

            CommandResult r = run(host, "rm", "/tmp/d");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("rm: /tmp/d: is a directory\n");
            assertThat(run(host, "rm", "-rf", "/tmp/d").exitCode()).isZero();
            assertThat(host.stat("/tmp/d")).isEmpty();
        }

        @Test
        void a_mount_point_cannot_be_removed() {
            ok(host, "zfs", "create", "zdata/jails");
            host.writeText("/zdata/jails/file", "x");

            CommandResult r = run(host, "rm", "-rf", "/zdata/jails");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("rm: /zdata/jails: Device busy\n");
            assertThat(host.stat("/zdata/jails/file")).isEmpty();
            assertThat(host.stat("/zdata/jails")).isPresent();
        }
    }

    @Nested
    class Cp {
        @Test
        void copies_a_file_into_a_directory_or_to_a_name() {
            ok(host, "mkdir", "-p", "/tmp/t/etc");

            assertThat(ok(host, "cp", "/etc/resolv.conf", "/tmp/t/etc/")).isEmpty();
            assertThat(ok(host, "cp", "/etc/localtime", "/tmp/t/etc/localtime")).isEmpty();

            assertThat(host.readText("/tmp/t/etc/resolv.conf")).isEqualTo(host.readText("/etc/resolv.conf"));
            assertThat(host.readFile("/tmp/t/etc/localtime")).isEqualTo(host.readFile("/etc/localtime"));
        }

        @Test
        void reports_a_missing_source_or_target_directory() {
            CommandResult src = run(host, "cp", "/etc/nope", "/tmp/x");
            assertThat(src.exitCode()).isEqualTo(1);
            assertThat(src.stderr()).isEqualTo("cp: /etc/nope: No such file or directory\n");

            CommandResult dst = run(host, "cp", "/etc/resolv.conf", "/no/such/dir/resolv.conf");
            assertThat(dst.exitCode()).isEqualTo(1);
            assertThat(dst.stderr()).isEqualTo("cp: /no/such/dir/resolv.conf: No such file or directory\n");
        }

        @Test
        void a_directory_needs_r() {
            CommandResult r = run(host, "cp", "/etc", "/tmp/etc");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("cp: /etc is a directory (not copied).\n");
        }
    }
}
