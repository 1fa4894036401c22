package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandFailedException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IfconfigTest {
    private final ScriptedHost host = new ScriptedHost();
    private final Ifconfig ifconfig = new Ifconfig(host);

    @AfterEach
    void everyExpectedCommandRan() {
        host.assertAllRan();
    }

    @Test
    void coversEveryTranscript() {
        assertThat(Transcript.filesOf("ifconfig-bridge")).containsExactly("ifconfig-bridge/001.txt", "ifconfig-bridge/002.txt");
        assertThat(Transcript.filesOf("ifconfig-bridge-create")).containsExactly("ifconfig-bridge-create/001.txt");
        assertThat(Transcript.filesOf("ifconfig-epair-create")).containsExactly(
                "ifconfig-epair-create/001.txt", "ifconfig-epair-create/002.txt");
    }

    @Test
    void freshBridgeIsDownWithoutMembers() {
        InterfaceInfo b = IfconfigParser.parse(Transcript.load("ifconfig-bridge/001.txt").output());

        assertThat(b.name()).isEqualTo("bridge0");
        assertThat(b.flags()).containsExactly("BROADCAST", "SIMPLEX", "MULTICAST");
        assertThat(b.isUp()).isFalse();
        assertThat(b.mtu()).isEqualTo(1500);
        assertThat(b.ether()).contains("58:9c:fc:10:12:5b");
        assertThat(b.members()).isEmpty();
        assertThat(b.groups()).containsExactly("bridge");
        assertThat(b.inet()).isEmpty();
    }

    @Test
    void bridgeWithMembers() {
        InterfaceInfo b = IfconfigParser.parse(Transcript.load("ifconfig-bridge/002.txt").output());

        assertThat(b.isUp()).isTrue();
        assertThat(b.flags()).contains("RUNNING", "LOWER_UP");
        assertThat(b.members()).extracting(BridgeMember::name).containsExactly("em1", "em0");
        assertThat(b.members().get(1).flags()).containsExactly("LEARNING", "DISCOVER", "STP", "AUTOEDGE", "PTP", "AUTOPTP");
        assertThat(b.hasMember("em0")).isTrue();
        assertThat(b.hasMember("epair0a")).isFalse();
    }

    @Test
    void createReturnsPrintedName() {
        host.expect("ifconfig", "epair", "create").stdout(Transcript.load("ifconfig-epair-create/001.txt").output());
        host.expect("ifconfig", "epair", "create").stdout(Transcript.load("ifconfig-epair-create/002.txt").output());
        host.expect("ifconfig", "bridge", "create").stdout(Transcript.load("ifconfig-bridge-create/001.txt").output());

        assertThat(ifconfig.create("epair")).isEqualTo("epair0a");
        assertThat(ifconfig.create("epair")).isEqualTo("epair1a");
        assertThat(ifconfig.create("bridge")).isEqualTo("bridge0");
    }

    @Test
    void inetDescriptionAndGroupsLines() {
        // FreeBSD ifconfig prints the netmask in hex; not in the corpus, shape as ifconfig(8) prints it
        String out = "epair154a: flags=8863<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 1500\n"
                + "\tdescription: jail:vnet\n"
                + "\toptions=8<VLAN_MTU>\n"
                + "\tether 02:a0:98:2b:9e:0a\n"
                + "\tinet 192.168.1.154 netmask 0xffffff00 broadcast 192.168.1.255\n"
                + "\tinet 10.0.0.1 netmask 0xffffffff\n"
                + "\tgroups: epair\n";
        InterfaceInfo i = IfconfigParser.parse(out);

        assertThat(i.description()).contains("jail:vnet");
        assertThat(i.inet()).containsExactly(
                new IfconfigInet("192.168.1.154", "0xffffff00", Optional.of("192.168.1.255")),
                new IfconfigInet("10.0.0.1", "0xffffffff", Optional.empty()));
        assertThat(i.inet().get(0).prefixLength()).isEqualTo(24);
        assertThat(i.inet().get(0).cidr()).isEqualTo("192.168.1.154/24");
        assertThat(i.inet().get(1).prefixLength()).isEqualTo(32);
    }

    @Test
    void parseAllSplitsBlocks() {
        String two = Transcript.load("ifconfig-bridge/001.txt").output()
                + "lo0: flags=1008049<UP,LOOPBACK,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 16384\n"
                + "\tinet 127.0.0.1 netmask 0xff000000\n";
        List<InterfaceInfo> all = IfconfigParser.parseAll(two);
        assertThat(all).extracting(InterfaceInfo::name).containsExactly("bridge0", "lo0");
        assertThat(all.get(1).inet().get(0).prefixLength()).isEqualTo(8);
    }

    @Test
    void existsAndWiring() {
        host.expect("ifconfig", "bridge0").stdout(Transcript.load("ifconfig-bridge/001.txt").output());
        host.expect("ifconfig", "epair9a").exit(1).stderr("ifconfig: interface epair9a does not exist\n");
        host.expect("ifconfig", "bridge0", "addm", "epair0a");
        host.expect("ifconfig", "bridge0", "deletem", "epair0a");
        host.expect("ifconfig", "epair0a", "up");
        host.expect("ifconfig", "epair0a", "destroy");

        assertThat(ifconfig.exists("bridge0")).isTrue();
        assertThat(ifconfig.exists("epair9a")).isFalse();
        ifconfig.addMember("bridge0", "epair0a");
        ifconfig.deleteMember("bridge0", "epair0a");
        ifconfig.up("epair0a");
        ifconfig.destroy("epair0a");
    }

    @Test
    void failuresAndBadNames() {
        host.expect("ifconfig", "bridge0", "addm", "em9").exit(1).stderr("ifconfig: BRDGADD em9: No such file or directory\n");

        assertThatThrownBy(() -> ifconfig.addMember("bridge0", "em9")).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("BRDGADD");
        assertThatThrownBy(() -> ifconfig.create("epair create; reboot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ifconfig.destroy("-a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ifconfig.describe("averyveryverylongname0")).isInstanceOf(IllegalArgumentException.class);
        assertThat(host.ran()).hasSize(1);
    }
}
