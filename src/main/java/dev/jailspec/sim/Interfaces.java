package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The network interfaces of the simulated host and its VNET jails: cloning and destroying
 * epairs and bridges (freebsd-facts 4.1), moving interfaces between network stacks (the VNET of
 * freebsd-facts 2.2/4.2), and ifconfig(8)'s report (bridge layout from transcripts ifconfig-bridge).
 */
final class Interfaces {
    private static final String[] FLAG_NAMES = new String[25];

    static {
        String[] names = {"UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", null, "RUNNING", "NOARP", "PROMISC",
            "ALLMULTI", "OACTIVE", "SIMPLEX", "LINK0", "LINK1", "LINK2", "MULTICAST", null, "PPROMISC", "MONITOR",
            "STATICARP", "STICKYARP", "DYING", "RENAMING", "NOGROUP", "LOWER_UP"};
        System.arraycopy(names, 0, FLAG_NAMES, 0, names.length);
    }

    private final SimState state;

    Interfaces(SimState state) {
        this.state = state;
    }

    /** A stable MAC for an interface name (58:9c:fc is the OUI FreeBSD gives generated addresses). */
    static String macFor(String name) {
        int h = name.hashCode();
        return String.format("58:9c:fc:%02x:%02x:%02x", (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff);
    }

    Optional<SimState.InterfaceState> find(String vnet, String name) {
        return state.iface(vnet, name);
    }

    /** The lowest free unit of a cloner, as the kernel's unit allocator hands them out. */
    int freeUnit(String cloner) {
        for (int unit = 0; ; unit++) {
            String base = cloner + unit;
            boolean taken = cloner.equals("epair")
                    ? state.ifaceAnywhere(base + "a").isPresent() || state.ifaceAnywhere(base + "b").isPresent()
                    : state.ifaceAnywhere(base).isPresent();
            if (!taken) {
                return unit;
            }
        }
    }

    boolean unitTaken(String cloner, int unit) {
        return cloner.equals("epair")
                ? state.ifaceAnywhere("epair" + unit + "a").isPresent() || state.ifaceAnywhere("epair" + unit + "b").isPresent()
                : state.ifaceAnywhere(cloner + unit).isPresent();
    }

    /** Creates epairNa/epairNb in {@code vnet}; returns the a side. */
    SimState.InterfaceState createEpair(String vnet, int unit) {
        SimState.InterfaceState a = add(vnet, "epair" + unit + "a", "epair");
        SimState.InterfaceState b = add(vnet, "epair" + unit + "b", "epair");
        a.peer = b.name;
        b.peer = a.name;
        return a;
    }

    SimState.InterfaceState createBridge(String vnet, int unit) {
        return add(vnet, "bridge" + unit, "bridge");
    }

    SimState.InterfaceState add(String vnet, String name, String kind) {
        SimState.InterfaceState i = new SimState.InterfaceState();
        i.name = name;
        i.kind = kind;
        i.vnet = vnet;
        i.homeVnet = vnet;
        i.index = ++state.lastIfIndex;
        i.mac = kind.equals("loopback") ? null : macFor(name + i.index);
        i.mtu = kind.equals("loopback") ? 16384 : 1500;
        state.interfaces.add(i);
        return i;
    }

    /** Destroys an interface (both ends of an epair) and takes it out of every bridge. */
    void destroy(SimState.InterfaceState i) {
        List<SimState.InterfaceState> gone = new ArrayList<>();
        gone.add(i);
        if (i.peer != null) {
            state.ifaceAnywhere(i.peer).ifPresent(gone::add);
        }
        for (SimState.InterfaceState g : gone) {
            leaveBridges(g);
            state.interfaces.remove(g);
        }
    }

    void leaveBridges(SimState.InterfaceState member) {
        for (SimState.InterfaceState b : state.interfaces) {
            if (b.kind.equals("bridge") && b.vnet.equals(member.vnet)) {
                b.members.remove(member.name);
            }
        }
    }

    /**
     * if_vmove(): the interface leaves its network stack for another; it loses its addresses
     * and its bridge membership on the way, and is attached anew (a new index, listed last).
     */
    void move(SimState.InterfaceState i, String toVnet) {
        leaveBridges(i);
        i.inet.clear();
        i.vnet = toVnet;
        i.index = ++state.lastIfIndex;
    }

    int flags(SimState.InterfaceState i) {
        int f = 0x8000; // MULTICAST
        boolean loopback = i.kind.equals("loopback");
        if (i.up) {
            f |= 0x1 | 0x40; // UP, RUNNING
            if (linkUp(i)) {
                f |= 0x1000000; // LOWER_UP
            }
        }
        if (loopback) {
            f |= 0x8;
        } else {
            f |= 0x2 | 0x800; // BROADCAST, SIMPLEX
        }
        if (isBridgeMember(i)) {
            f |= 0x100; // PROMISC
        }
        return f;
    }

    /** Link state: an epair's link is up from its creation (if_epair.c sets LINK_STATE_UP). */
    private static boolean linkUp(SimState.InterfaceState i) {
        return true;
    }

    boolean isBridgeMember(SimState.InterfaceState i) {
        return state.interfaces.stream().anyMatch(b -> b.kind.equals("bridge") && b.vnet.equals(i.vnet)
                && b.members.contains(i.name));
    }

    static String flagText(int flags) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < FLAG_NAMES.length; bit++) {
            if ((flags & (1 << bit)) != 0 && FLAG_NAMES[bit] != null) {
                names.add(FLAG_NAMES[bit]);
            }
        }
        return Integer.toHexString(flags) + "<" + String.join(",", names) + ">";
    }

    /**
     * ifconfig(8)'s block for one interface. The flags line and the inet, description, bridge
     * and member lines follow FreeBSD 14's format (the bridge lines as in the transcripts,
     * without 15's "bridge flags" and VLAN words); options/media/nd6 lines are FreeBSD's usual
     * ones for the interface kind [UNVERIFIED: inferred, no 14.3 transcript of epair output].
     */
    String report(SimState.InterfaceState i) {
        StringBuilder sb = new StringBuilder();
        sb.append(i.name).append(": flags=").append(flagText(flags(i))).append(" metric 0 mtu ").append(i.mtu).append('\n');
        if (i.description != null) {
            sb.append("\tdescription: ").append(i.description).append('\n');
        }
        switch (i.kind) {
            case "epair" -> sb.append("\toptions=8<VLAN_MTU>\n");
            case "loopback" -> sb.append("\toptions=680003<RXCSUM,TXCSUM,LINKSTATE,RXCSUM_IPV6,TXCSUM_IPV6>\n");
            case "bridge" -> sb.append("\toptions=0\n");
            default -> sb.append("\toptions=4e507bb<RXCSUM,TXCSUM,VLAN_MTU,VLAN_HWTAGGING,JUMBO_MTU,VLAN_HWCSUM,TSO4,"
                    + "TSO6,LRO,VLAN_HWFILTER,VLAN_HWTSO,RXCSUM_IPV6,TXCSUM_IPV6,NOMAP>\n");
        }
        if (i.mac != null) {
            sb.append("\tether ").append(i.mac).append('\n');
        }
        for (String cidr : i.inet) {
            Ipv4 a = Ipv4.of(cidr);
            sb.append("\tinet ").append(a.addressText()).append(" netmask ").append(a.hexMask());
            if (!i.kind.equals("loopback")) {
                sb.append(" broadcast ").append(Ipv4.dotted(a.broadcast()));
            }
            sb.append('\n');
        }
        if (i.kind.equals("bridge")) {
            sb.append("\tid ").append(i.mac).append(" priority 32768 hellotime 2 fwddelay 15\n");
            sb.append("\tmaxage 20 holdcnt 6 proto rstp maxaddr 2000 timeout 1200\n");
            sb.append("\troot id ").append(i.mac).append(" priority 32768 ifcost 0 port 0\n");
            for (String m : i.members) {
                int port = state.ifaceAnywhere(m).map(x -> x.index).orElse(0);
                sb.append("\tmember: ").append(m).append(" flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n");
                sb.append("\t        ifmaxaddr 0 port ").append(port).append(" priority 128 path cost 2000\n");
            }
        }
        switch (i.kind) {
            case "epair" -> sb.append("\tgroups: epair\n");
            case "bridge" -> sb.append("\tgroups: bridge\n");
            case "loopback" -> sb.append("\tgroups: lo\n");
            default -> { }
        }
        if (i.kind.equals("epair")) {
            sb.append("\tmedia: Ethernet 10Gbase-T (10Gbase-T <full-duplex>)\n");
            sb.append("\tstatus: active\n");
        } else if (i.kind.equals("ether")) {
            sb.append("\tmedia: Ethernet autoselect (1000baseT <full-duplex>)\n");
            sb.append("\tstatus: active\n");
        }
        sb.append(i.kind.equals("loopback") || i.kind.equals("bridge")
                ? "\tnd6 options=9<PERFORMNUD,IFDISABLED>\n"
                : "\tnd6 options=29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>\n");
        return sb.toString();
    }
}
