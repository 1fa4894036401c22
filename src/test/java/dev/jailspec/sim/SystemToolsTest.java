package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.CommandResult;
import dev.jailspec.sim.fixtures.FixtureArchives;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemToolsTest {
    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
    }

    @Nested
    class FreebsdVersion {
        @Test
        void prints_kernel_running_and_userland_in_that_order_whatever_the_flag_order() {
            Transcript t = Transcript.load("freebsd-version-kru/001.txt");

            assertThat(ok(host, "freebsd-version", "-ukr")).isEqualTo(t.output());
            assertThat(ok(host, t.argv().toArray(String[]::new))).isEqualTo(t.output());
        }

        @Test
        void without_flags_prints_the_userland() {
            assertThat(ok(host, "freebsd-version")).isEqualTo("14.3-RELEASE\n");
        }

        @Test
        void in_a_chroot_the_trees_own_script_answers_u_and_a_missing_kernel_fails_k() {
            host.writeFile("/zdata/base.txz", FixtureArchives.freebsd("14.2-RELEASE").base().bytes(), 0644);
            ok(host, "mkdir", "/zdata/old");
            ok(host, "tar", "-xf", "/zdata/base.txz", "-C", "/zdata/old");

            assertThat(ok(host, "chroot", "/zdata/old", "freebsd-version", "-ru")).isEqualTo("14.3-RELEASE\n14.2-RELEASE\n");
            CommandResult r = run(host, "chroot", "/zdata/old", "freebsd-version", "-k");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("freebsd-version: unable to locate kernel\n");
        }

        @Test
        void a_bad_option_is_sh_getopts_message_then_the_usage() {
            CommandResult r = run(host, "freebsd-version", "-x");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("Illegal option -x\nusage: freebsd-version [-kru] [-j jail]\n");
        }

        @Test
        void an_unknown_jail_is_jexecs_error() {
            CommandResult r = run(host, "freebsd-version", "-j", "nope");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("jexec: jail \"nope\" not found\n");
        }
    }

    @Nested
    class Uname {
        @Test
        void a_prints_the_facts_line() {
            assertThat(ok(host, "uname", "-a")).isEqualTo(
                    "FreeBSD jailhost 14.3-RELEASE FreeBSD 14.3-RELEASE releng/14.3-n271432-8c9ce319fef7 GENERIC amd64\n");
        }

        @Test
        void single_fields_and_the_default() {
            assertThat(ok(host, "uname")).isEqualTo("FreeBSD\n");
            assertThat(ok(host, "uname", "-r")).isEqualTo("14.3-RELEASE\n");
            assertThat(ok(host, "uname", "-m")).isEqualTo("amd64\n");
            assertThat(ok(host, "uname", "-n")).isEqualTo("jailhost\n");
            assertThat(ok(host, "uname", "-r", "-s")).isEqualTo("FreeBSD 14.3-RELEASE\n");
        }

        @Test
        void a_bad_option_prints_the_usage() {
            CommandResult r = run(host, "uname", "-z");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("uname: illegal option -- z\nusage: uname [-abiKmnoprsUv]\n");
        }
    }

    @Nested
    class Modules {
        @Test
        void a_fresh_host_lists_the_kernel_and_zfs() {
            assertThat(ok(host, "kldstat")).isEqualTo("""
                    Id Refs Address                Size Name
                     1    2 0xffffffff80200000  1f6b618 kernel
                     2    1 0xffffffff82200000   5f6d40 zfs.ko
                    """);
        }

        @Test
        void kldload_loads_linux64_with_linux_common_and_refuses_it_twice() {
            assertThat(run(host, "kldstat", "-q", "-m", "linux64").exitCode()).isEqualTo(1);

            assertThat(ok(host, "kldload", "linux64")).isEmpty();
            CommandResult again = run(host, "kldload", "linux64");

            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.stderr()).isEqualTo("kldload: can't load linux64: module already loaded or in kernel\n");
            assertThat(run(host, "kldload", "-n", "linux64").exitCode()).isZero();
            assertThat(run(host, "kldstat", "-q", "-n", "linux64.ko").exitCode()).isZero();
            assertThat(ok(host, "kldstat", "-n", "linux64.ko")).endsWith(" linux64.ko\n");
            assertThat(ok(host, "kldstat")).contains(" linux_common.ko\n");
        }

        @Test
        void linux64_ko_registers_linux64elf_and_not_its_version_tag() {
            // linux_sysvec.c: moduledata_t linux64_elf_mod = {"linux64elf"}; MODULE_VERSION(linux64, 1) is a tag.
            ok(host, "kldload", "linux64");

            assertThat(run(host, "kldstat", "-q", "-m", "linux64elf").exitCode()).isZero();
            CommandResult tag = run(host, "kldstat", "-m", "linux64");
            assertThat(tag.exitCode()).isEqualTo(1);
            assertThat(tag.stderr()).isEqualTo("kldstat: can't find module linux64: No such file or directory\n");
            assertThat(run(host, "kldstat", "-q", "-m", "linux").exitCode()).isEqualTo(1);
            assertThat(run(host, "kldstat", "-q", "-m", "linux_common").exitCode()).isZero();
        }

        @Test
        void kldstat_n_of_a_file_not_loaded_warns_unless_quiet() {
            CommandResult r = run(host, "kldstat", "-n", "linux.ko");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("kldstat: can't find file linux.ko: No such file or directory\n");

            CommandResult q = run(host, "kldstat", "-q", "-n", "linux");
            assertThat(q.exitCode()).isEqualTo(1);
            assertThat(q.stderr()).isEmpty();
        }

        @Test
        void kldload_of_a_file_that_does_not_exist() {
            CommandResult r = run(host, "kldload", "nosuchmod");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("kldload: can't load nosuchmod: No such file or directory\n");
        }
    }

    @Nested
    class Sysctl {
        @Test
        void compat_linux_is_unknown_until_linux_is_loaded() {
            CommandResult before = run(host, "sysctl", "compat.linux.osrelease");
            assertThat(before.exitCode()).isEqualTo(1);
            assertThat(before.stderr()).isEqualTo("sysctl: unknown oid 'compat.linux.osrelease'\n");

            ok(host, "kldload", "linux64");
            Transcript t = Transcript.load("sysctl-compat-linux-osrelease/001.txt");

            assertThat(ok(host, t.argv().toArray(String[]::new))).isEqualTo(t.output());
            assertThat(ok(host, "sysctl", "-n", "compat.linux.osrelease")).isEqualTo("5.15.0\n");
        }

        @Test
        void kern_oids() {
            assertThat(ok(host, "sysctl", "kern.ostype", "kern.osrelease"))
                    .isEqualTo("kern.ostype: FreeBSD\nkern.osrelease: 14.3-RELEASE\n");
            assertThat(ok(host, "sysctl", "-n", "kern.osrelease")).isEqualTo("14.3-RELEASE\n");
        }
    }

    @Nested
    class ServiceLinux {
        @Test
        void start_without_linux_enable_is_refused_with_exit_zero() {
            CommandResult r = run(host, "service", "linux", "start");

            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEqualTo("Cannot 'start' linux. Set linux_enable to YES in /etc/rc.conf or use"
                    + " 'onestart' instead of 'start'.\n");
            assertThat(run(host, "kldstat", "-q", "-n", "linux64").exitCode()).isEqualTo(1);
        }

        @Test
        void start_with_linux_enable_loads_the_modules_silently_and_mounts_the_compat_file_systems() {
            ok(host, "sysrc", "linux_enable=YES");

            CommandResult r = run(host, "service", "linux", "start");

            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).isEmpty();
            for (String f : new String[] {"linux.ko", "linux64.ko", "linux_common.ko", "linprocfs.ko"}) {
                assertThat(run(host, "kldstat", "-q", "-n", f).exitCode()).as(f).isZero();
            }
            assertThat(host.stat("/compat/linux/dev/shm")).isPresent();
            assertThat(ok(host, "sysctl", "-n", "compat.linux.osrelease")).isEqualTo("5.15.0\n");
            assertThat(ok(host, "service", "linux", "start")).isEmpty();
        }

        @Test
        void onestart_ignores_linux_enable() {
            assertThat(ok(host, "service", "linux", "onestart")).isEmpty();

            assertThat(run(host, "kldstat", "-q", "-m", "linuxelf").exitCode()).isZero();
            assertThat(run(host, "kldstat", "-q", "-m", "linux64elf").exitCode()).isZero();
        }

        @Test
        void an_unknown_script_gets_service_shs_two_lines() {
            CommandResult r = run(host, "service", "nosuch", "start");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stdout()).isEqualTo("nosuch does not exist in /etc/rc.d or the local startup\n"
                    + "directories (/usr/local/etc/rc.d), or is not executable\n");
        }
    }
}
