package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** df -h and netstat -rn, which the diagnosis of a failed scenario asks. */
class DiagnosisToolsTest {
    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
    }

    @Test
    void humanizedSizesAreTheOnesDfPrintsInTheUpstreamOutputs() {
        // shared/reference/upstream-doc vnet_thin_jail/df, linux_jail/df, linux_jail/ldev_jail_df
        assertThat(HumanizeNumber.bytes(0)).isEqualTo("0B");
        assertThat(HumanizeNumber.bytes(1024)).isEqualTo("1.0K");
        assertThat(HumanizeNumber.bytes(4096)).isEqualTo("4.0K");
        assertThat(HumanizeNumber.bytes(8192)).isEqualTo("8.0K");
        assertThat(HumanizeNumber.bytes(96 * 1024)).isEqualTo("96K");
        assertThat(HumanizeNumber.bytes(104 * 1024)).isEqualTo("104K");
        assertThat(HumanizeNumber.bytes(786L << 20)).isEqualTo("786M");
        assertThat(HumanizeNumber.bytes((1L << 30) - 4096)).isEqualTo("1.0G");
        assertThat(HumanizeNumber.bytes(6_700_000_000_000L)).isEqualTo("6.1T");
        // below 1000 a size stays in bytes; 1000 to 1023 bytes round to 1.0K; 9.96K is 10K
        assertThat(HumanizeNumber.bytes(512)).isEqualTo("512B");
        assertThat(HumanizeNumber.bytes(1000)).isEqualTo("1.0K");
        assertThat(HumanizeNumber.bytes(10_200)).isEqualTo("10K");
    }

    @Test
    void dfHumanisedListsTheMountedDatasetsInDfsColumns() {
        ok(host, "zfs", "create", "zdata/jails");
        String out = ok(host, "df", "-h");

        assertThat(out.lines().findFirst()).hasValue("Filesystem     Size    Used   Avail Capacity  Mounted on");
        // as vnet_thin_jail/df: "6.1T     96K    6.1T     0%    /zdata", the device padded to the longest
        assertThat(out).contains("\nzdata          100G      0B    100G     0%    /zdata\n",
                "\nzdata/jails    100G      0B    100G     0%    /zdata/jails\n",
                "\ndevfs          1.0K      0B    1.0K     0%    /dev\n");
    }

    @Test
    void dfWithOtherOptionsIsNotModelled() {
        assertThatThrownBy(() -> run(host, "df", "-k")).isInstanceOf(SimUnsupportedException.class)
                .hasMessageContaining("only df -h is modelled");
        assertThatThrownBy(() -> run(host, "df", "-h", "/zdata")).isInstanceOf(SimUnsupportedException.class);
    }

    @Test
    void netstatListsTheDefaultRouteThePrefixAndTheAddressOfTheStack() {
        String iface = ok(host, "ifconfig", "epair", "create").strip();
        ok(host, "ifconfig", iface, "inet", "192.168.7.1/24", "up");
        ok(host, "route", "add", "default", "192.168.7.254");

        String out = ok(host, "netstat", "-rn");

        assertThat(out).startsWith("Routing tables\n\nInternet:\n"
                + "Destination        Gateway            Flags     Netif Expire\n"
                + "default            192.168.7.254      UGS     epair0a\n");
        assertThat(out).containsPattern("\n192\\.168\\.7\\.0/24     link#\\d+ +U       epair0a\n")
                .containsPattern("\n192\\.168\\.7\\.1        link#\\d+ +UHS         lo0\n");
    }

    @Test
    void netstatWithOtherOptionsIsNotModelled() {
        assertThatThrownBy(() -> run(host, "netstat", "-r")).isInstanceOf(SimUnsupportedException.class)
                .hasMessageContaining("only netstat -rn is modelled");
    }
}
