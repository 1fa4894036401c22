package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jls(8), jexec(8) and mount(8) in a running jail (freebsd-facts 2.4, 2.5). */
class JailToolsTest {
    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void startLrdev() {
        host = freshHost(dir);
        ThinJailFixture.cloneJail(host);
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        ok(host, "service", "jail", "onestart", "lrdev");
    }

    @Nested
    class Jls {
        @Test
        void the_default_table_has_the_printf_widths() {
            assertThat(ok(host, "jls")).isEqualTo(
                    "   JID  IP Address      Hostname                      Path\n"
                            + "     1                  lrdev                         /zdata/jails/containers/lrdev\n");
        }

        @Test
        void with_no_jails_only_the_header() {
            ok(host, "service", "jail", "onestop", "lrdev");

            assertThat(ok(host, "jls")).isEqualTo("   JID  IP Address      Hostname                      Path\n");
        }

        @Test
        void verbose_has_the_layout_of_the_transcript() {
            String expected = String.join("\n",
                    "   JID  Hostname                      Path",
                    "        Name                          State",
                    "        CPUSetID",
                    "        IP Address(es)",
                    "     1  lrdev                         /zdata/jails/containers/lrdev",
                    "        lrdev                         ACTIVE",
                    "        3", "");
            String transcriptHeader = Transcript.load("jls-v/001.txt").output().lines().limit(4)
                    .reduce("", (a, b) -> a + b + "\n");

            assertThat(ok(host, "jls", "-v")).isEqualTo(expected).startsWith(transcriptHeader);
        }

        @Test
        void parameters_header_and_missing_jail() {
            assertThat(ok(host, "jls", "-j", "lrdev", "-h", "name", "jid", "path", "vnet")).isEqualTo(
                    "name jid path vnet\nlrdev 1 /zdata/jails/containers/lrdev new\n");
            // jls.c special_print: an empty address list is "-", "" only with -q, nothing after -n's "="
            assertThat(ok(host, "jls", "-j", "1", "ip4.addr")).isEqualTo("-\n");
            assertThat(ok(host, "jls", "-j", "1", "-q", "ip4.addr")).isEqualTo("\"\"\n");
            assertThat(ok(host, "jls", "-j", "1", "-n", "ip4.addr")).isEqualTo("ip4.addr=\n");
            assertThat(ok(host, "jls", "-n", "-j", "lrdev", "name", "persist")).isEqualTo("name=lrdev nopersist\n");

            CommandResult missing = run(host, "jls", "-j", "nope");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.stderr()).isEqualTo("jls: jail \"nope\" not found\n");
            CommandResult headed = run(host, "jls", "-j", "nope", "-h", "name", "jid");
            assertThat(headed.exitCode()).isEqualTo(1);
            assertThat(headed.stdout()).as("jls.c prints the -h header before it fetches the jail").isEqualTo("name jid\n");
            assertThat(run(host, "jls", "-j", "42").stderr()).isEqualTo("jls: jail 42 not found\n");
        }

        @Test
        void quoting_follows_quoted_print() {
            // jls.c quoted_print: ' -> "..."; " -> '...'; space or tab -> "..."; only with -q; no escapes
            assertThat(JlsTool.shown("host.hostname", "it's", true, false)).isEqualTo("\"it's\"");
            assertThat(JlsTool.shown("host.hostname", "say \"hi\"", true, false)).isEqualTo("'say \"hi\"'");
            assertThat(JlsTool.shown("path", "a\tb", true, false)).isEqualTo("\"a\tb\"");
            assertThat(JlsTool.shown("path", "C:\\x y", true, false)).isEqualTo("\"C:\\x y\"");
            assertThat(JlsTool.shown("path", "a b", false, false)).isEqualTo("a b");
            assertThat(JlsTool.shown("host.hostname", "", false, false)).isEqualTo("\"\"");
        }

        @Test
        void json_address_lists_are_arrays() {
            assertThat(ok(host, "jls", "-j", "lrdev", "--libxo", "json", "name", "ip4.addr"))
                    .isEqualTo("{\"__version\": \"2\", \"jail-information\": {\"jail\": [{\"name\":\"lrdev\","
                            + "\"ip4.addr\":[]}]}}\n");
        }

        @Test
        void libxo_json() {
            String expected = "{\"__version\": \"2\", \"jail-information\": {\"jail\": [{\"jid\":1,\"ipv4\":\"\","
                    + "\"hostname\":\"lrdev\",\"path\":\"/zdata/jails/containers/lrdev\"}]}}\n";

            assertThat(ok(host, "jls", "--libxo", "json")).isEqualTo(expected);
            assertThat(ok(host, "jls", "--libxo=json")).isEqualTo(expected);
            assertThat(ok(host, "jls", "-j", "lrdev", "--libxo", "json", "name", "path"))
                    .isEqualTo("{\"__version\": \"2\", \"jail-information\": {\"jail\": [{\"name\":\"lrdev\","
                            + "\"path\":\"/zdata/jails/containers/lrdev\"}]}}\n");
        }

        @Test
        void usage_and_unknown_parameters() {
            CommandResult bad = run(host, "jls", "-x");
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.stderr()).isEqualTo("jls: illegal option -- x\nusage: jls [-dhNnqv] [-j jail] [param ...]\n");

            CommandResult unknown = run(host, "jls", "nosuch.param");
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.stderr()).isEqualTo("jls: unknown parameter: nosuch.param\n");
        }
    }

    @Nested
    class Jexec {
        @Test
        void runs_inside_the_jail_with_its_own_network() {
            assertThat(ok(host, "jexec", "lrdev", "hostname")).isEqualTo("lrdev\n");
            assertThat(ok(host, "jexec", "1", "ifconfig", "-l")).isEqualTo("lo0 epair253b\n");
            assertThat(ok(host, "jexec", "lrdev", "cat", "/etc/resolv.conf")).isEqualTo(host.readText("/etc/resolv.conf"));
        }

        @Test
        void a_missing_jail_as_in_the_transcript() {
            Transcript t = Transcript.load("jexec-error/001.txt");

            CommandResult r = run(host, t.argv());

            assertThat(r.stderr()).isEqualTo(t.output());
            assertThat(r.exitCode()).isEqualTo(1);
        }

        @Test
        void a_program_the_jail_does_not_have() {
            CommandResult r = run(host, "jexec", "lrdev", "zfs", "list");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("jexec: execvp: zfs: No such file or directory\n");
        }

        @Test
        void the_exit_status_is_the_command_s() {
            CommandResult r = run(host, "jexec", "lrdev", "cat", "/nope");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("cat: /nope: No such file or directory\n");
            assertThat(run(host, "jexec", "lrdev", "test", "-d", "/etc").exitCode()).isZero();
        }

        @Test
        void usage_and_users() {
            CommandResult usage = run(host, "jexec");
            assertThat(usage.exitCode()).isEqualTo(1);
            assertThat(usage.stderr()).isEqualTo("usage: jexec [-l] [-u username | -U username] jail [command ...]\n");

            CommandResult user = run(host, "jexec", "-u", "nobody", "lrdev", "hostname");
            assertThat(user.exitCode()).isEqualTo(1);
            assertThat(user.stderr()).isEqualTo("jexec: nobody: no such user\n");
            assertThat(ok(host, "jexec", "-l", "-u", "root", "lrdev", "hostname")).isEqualTo("lrdev\n");
        }

        @Test
        void a_program_that_exists_but_is_not_simulated_is_refused_loudly() {
            host.writeFile(ThinJailFixture.JAIL_PATH + "/usr/bin/uptime", "#!ELF\n".getBytes(), 0555);

            assertThatThrownBy(() -> run(host, "jexec", "lrdev", "uptime"))
                    .isInstanceOf(SimUnsupportedException.class)
                    .hasMessageContaining("/usr/bin/uptime");
        }
    }

    @Nested
    class MountListing {
        @Test
        void enforce_statfs_1_shows_the_jail_s_root_and_what_is_below_it() {
            assertThat(ok(host, "jexec", "lrdev", "mount")).isEqualTo(
                    "zdata/jails/containers/lrdev on / (zfs, local, nfsv4acls)\n"
                            + "devfs on /dev (devfs)\n");
        }

        @Test
        void the_host_sees_the_devfs_of_the_jail() {
            assertThat(ok(host, "mount")).contains("devfs on /dev (devfs)\n",
                    "devfs on /zdata/jails/containers/lrdev/dev (devfs)\n");
        }
    }
}
