package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ifconfig(8) and route(8) of the simulated host (freebsd-facts 4.1). */
class NetworkToolsTest {
    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
    }

    @Nested
    class Cloning {
        @Test
        void epair_create_prints_the_a_side_with_the_next_free_unit() {
            Transcript first = Transcript.load("ifconfig-epair-create/001.txt");
            Transcript second = Transcript.load("ifconfig-epair-create/002.txt");

            assertThat(ok(host, first.argv().toArray(String[]::new))).isEqualTo(first.output());
            assertThat(ok(host, second.argv().toArray(String[]::new))).isEqualTo(second.output());
            ok(host, "ifconfig", "epair0a", "destroy");
            assertThat(ok(host, "ifconfig", "epair", "create")).isEqualTo("epair0a\n");
        }

        @Test
        void bridge_create_matches_the_transcript() {
            Transcript t = Transcript.load("ifconfig-bridge-create/001.txt");

            assertThat(ok(host, t.argv().toArray(String[]::new))).isEqualTo(t.output());
        }

        @Test
        void a_named_epair_prints_its_a_side_and_takes_further_commands() {
            assertThat(ok(host, "ifconfig", "epair154", "create", "up")).isEqualTo("epair154a\n");

            assertThat(ok(host, "ifconfig", "epair154a")).startsWith("epair154a: flags=1008843<UP,BROADCAST,RUNNING,"
                    + "SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n");
            assertThat(ok(host, "ifconfig", "epair154b")).startsWith("epair154b: flags=8802<BROADCAST,SIMPLEX,MULTICAST>");
        }

        @Test
        void an_existing_unit_cannot_be_created_again() {
            ok(host, "ifconfig", "epair154", "create");

            CommandResult r = run(host, "ifconfig", "epair154", "create");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("ifconfig: interface epair154 already exists\n");
        }

        @Test
        void destroying_one_side_destroys_both() {
            ok(host, "ifconfig", "epair3", "create");

            ok(host, "ifconfig", "epair3b", "destroy");

            assertThat(ok(host, "ifconfig", "-l")).isEqualTo("igc0 igc0bridge lo0\n");
        }
    }

    @Nested
    class Configuring {
        @Test
        void a_missing_interface() {
            CommandResult r = run(host, "ifconfig", "epair253a", "up");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("ifconfig: interface epair253a does not exist\n");
            assertThat(r.stdout()).isEmpty();
        }

        @Test
        void description_address_and_flags_in_the_report() {
            ok(host, "ifconfig", "epair5", "create", "up");
            ok(host, "ifconfig", "epair5a", "up", "descr", "jail:lrdev");
            ok(host, "ifconfig", "epair5a", "inet", "10.0.0.1/24");

            String report = ok(host, "ifconfig", "epair5a");

            assertThat(report).startsWith("epair5a: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n"
                    + "\tdescription: jail:lrdev\n");
            assertThat(report).contains("\tinet 10.0.0.1 netmask 0xffffff00 broadcast 10.0.0.255\n", "\tgroups: epair\n");
        }

        @Test
        void a_word_that_is_neither_command_nor_address() {
            CommandResult r = run(host, "ifconfig", "igc0", "frobnicate");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("ifconfig: frobnicate: bad value\n");
        }

        @Test
        void a_port_cannot_be_destroyed() {
            CommandResult r = run(host, "ifconfig", "igc0", "destroy");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("ifconfig: SIOCIFDESTROY: Invalid argument\n");
        }

        @Test
        void rename_prints_the_new_name() {
            ok(host, "ifconfig", "bridge", "create");

            assertThat(ok(host, "ifconfig", "bridge0", "name", "em0bridge")).isEqualTo("em0bridge\n");
            assertThat(run(host, "ifconfig", "bridge0").exitCode()).isEqualTo(1);
        }
    }

    @Nested
    class Bridge {
        @Test
        void the_seeded_bridge_holds_its_port() {
            String report = ok(host, "ifconfig", "igc0bridge");

            assertThat(report).startsWith("igc0bridge: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n");
            assertThat(report).contains("\tmember: igc0 flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n", "\tgroups: bridge\n");
        }

        @Test
        void addm_lists_the_newest_member_first_and_deletem_removes_it() {
            ok(host, "ifconfig", "epair253", "create", "up");

            assertThat(ok(host, "ifconfig", "igc0bridge", "addm", "epair253a", "up")).isEmpty();
            String report = ok(host, "ifconfig", "igc0bridge");
            assertThat(report.indexOf("member: epair253a")).isLessThan(report.indexOf("member: igc0"));
            assertThat(ok(host, "ifconfig", "epair253a")).contains("PROMISC");

            ok(host, "ifconfig", "igc0bridge", "deletem", "epair253a");
            assertThat(ok(host, "ifconfig", "igc0bridge")).doesNotContain("epair253a");
        }

        @Test
        void addm_and_deletem_errors() {
            CommandResult missing = run(host, "ifconfig", "igc0bridge", "addm", "epair253a");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.stderr()).isEqualTo("ifconfig: BRDGADD epair253a: No such file or directory\n");

            CommandResult twice = run(host, "ifconfig", "igc0bridge", "addm", "igc0");
            assertThat(twice.stderr()).isEqualTo("ifconfig: BRDGADD igc0: File exists\n");

            CommandResult notMember = run(host, "ifconfig", "igc0bridge", "deletem", "lo0");
            assertThat(notMember.exitCode()).isEqualTo(1);
            assertThat(notMember.stderr()).isEqualTo("ifconfig: BRDGDEL lo0: No such file or directory\n");
        }
    }

    @Nested
    class Route {
        @Test
        void a_gateway_needs_a_connected_network() {
            CommandResult r = run(host, "route", "add", "default", "192.168.7.221");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("route: writing to routing socket: Network is unreachable\n");
            assertThat(r.stdout()).isEqualTo("add net default: gateway 192.168.7.221: Network is unreachable\n");
        }

        @Test
        void add_get_duplicate_and_delete() {
            ok(host, "ifconfig", "igc0bridge", "inet", "192.168.7.201/24");

            assertThat(ok(host, "route", "add", "default", "192.168.7.221")).isEqualTo("add net default: gateway 192.168.7.221\n");
            assertThat(ok(host, "route", "-n", "get", "default")).contains("    gateway: 192.168.7.221\n", "  interface: igc0bridge\n");
            CommandResult twice = run(host, "route", "add", "default", "192.168.7.221");
            assertThat(twice.exitCode()).isEqualTo(1);
            assertThat(twice.stderr()).isEqualTo("route: writing to routing socket: File exists\n");
            assertThat(twice.stdout()).isEqualTo("add net default: gateway 192.168.7.221: route already in table\n");
            assertThat(ok(host, "route", "delete", "default")).isEqualTo("delete net default\n");
            CommandResult none = run(host, "route", "-n", "get", "default");
            assertThat(none.exitCode()).isEqualTo(1);
            assertThat(none.stderr()).isEqualTo("route: route has not been found\n");
        }
    }
}
