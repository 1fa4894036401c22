package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sysrc(8) against the ATF test transcripts (freebsd-facts 5.1). */
class SysrcTest {
    private static final String CONF = "/tmp/sysrc_test.conf";

    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
    }

    /** Runs a transcript's command with ${SYSRC_CONF} pointing at {@link #CONF}. */
    private CommandResult replay(Transcript t) {
        List<String> argv = new ArrayList<>();
        for (String w : t.argv()) {
            argv.add(w.equals("\"${SYSRC_CONF}\"") ? CONF : w);
        }
        return run(host, argv);
    }

    private static void assertMatches(CommandResult r, Transcript t) {
        assertThat(r.stdout() + r.stderr()).isEqualTo(t.output());
        assertThat(r.exitCode()).isEqualTo(t.exit().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sysrc-get/001.txt", "sysrc-get/002.txt", "sysrc-get/003.txt", "sysrc-get/004.txt"})
    void queries_match_the_transcripts(String transcript) {
        host.writeText(CONF, "test_enable=\"NO\"\ntest_list=\"item1 item2\"\ntest2_list=\"\"\n");
        Transcript t = Transcript.load(transcript);

        assertMatches(replay(t), t);
    }

    @Test
    void unknown_variable_goes_to_stderr() {
        CommandResult r = run(host, "sysrc", "noexist");

        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("sysrc: unknown variable 'noexist'\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void set_of_a_new_variable_shows_two_spaces() {
        Transcript t = Transcript.load("sysrc-set/001.txt");

        assertMatches(replay(t), t);
        assertThat(host.readText(CONF)).isEqualTo("test_enable=\"YES\"\n");
    }

    @Test
    void set_replaces_the_existing_line() {
        host.writeText(CONF, "# mine\ntest_enable=\"YES\"\nother=\"1\"\n");
        Transcript t = Transcript.load("sysrc-set/002.txt");

        assertMatches(replay(t), t);
        assertThat(host.readText(CONF)).isEqualTo("# mine\ntest_enable=\"NO\"\nother=\"1\"\n");
    }

    @Test
    void set_to_the_same_value_still_reports() {
        host.writeText(CONF, "test_enable=\"YES\"\n");
        Transcript t = Transcript.load("sysrc-set/003.txt");

        assertMatches(replay(t), t);
    }

    @Test
    void append_and_remove_list_items() {
        host.writeText(CONF, "test_list=\"item1\"\n");
        Transcript add = Transcript.load("sysrc-set/004.txt");
        assertMatches(replay(add), add);

        CommandResult again = run(host, "sysrc", "-f", CONF, "test_list+=item2");
        assertThat(again.stdout()).isEqualTo("test_list: item1 item2 -> item1 item2\n");

        Transcript remove = Transcript.load("sysrc-set/005.txt");
        assertMatches(replay(remove), remove);
        assertThat(host.readText(CONF)).isEqualTo("test_list=\"item1\"\n");
    }

    @Test
    void defaults_are_the_before_value_and_the_value_goes_to_rc_conf() {
        CommandResult r = run(host, "sysrc", "jail_enable=YES");

        assertThat(r.stdout()).isEqualTo("jail_enable: NO -> YES\n");
        assertThat(host.readText("/etc/rc.conf")).isEqualTo("jail_enable=\"YES\"\n");
        assertThat(run(host, "sysrc", "-n", "jail_enable").stdout()).isEqualTo("YES\n");
        assertThat(run(host, "sysrc", "jail_parallel_start=\"YES\"").stdout())
                .isEqualTo("jail_parallel_start: NO -> \"YES\"\n");
    }

    @Test
    void defaults_count_even_with_f() {
        CommandResult r = run(host, "sysrc", "-f", "/tmp/jail", "jail_enable=yes");

        assertThat(r.stdout()).isEqualTo("jail_enable: NO -> yes\n");
        assertThat(host.readText("/tmp/jail")).isEqualTo("jail_enable=\"yes\"\n");
        assertThat(host.readText("/etc/rc.conf")).isEmpty();
    }

    @Test
    void x_deletes_and_rejects_unknown_names() {
        run(host, "sysrc", "nginx_enable=YES");

        CommandResult del = run(host, "sysrc", "-x", "nginx_enable");
        assertThat(del.exitCode()).isZero();
        assertThat(del.stdout()).isEmpty();
        assertThat(host.readText("/etc/rc.conf")).doesNotContain("nginx_enable");

        CommandResult unknown = run(host, "sysrc", "-x", "nginx_enable");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo("sysrc: unknown variable 'nginx_enable'\n");
    }

    @Test
    void several_arguments_keep_going_after_an_error() {
        CommandResult r = run(host, "sysrc", "jail_enable", "noexist", "jail_list");

        assertThat(r.stdout()).isEqualTo("jail_enable: NO\njail_list: \n");
        assertThat(r.stderr()).isEqualTo("sysrc: unknown variable 'noexist'\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void no_arguments_is_a_usage_error() {
        CommandResult r = run(host, "sysrc");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("Usage: sysrc [OPTIONS]");
    }
}
