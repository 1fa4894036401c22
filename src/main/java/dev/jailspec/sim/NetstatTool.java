package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * netstat(1) {@code -rn} (also {@code -nr}, {@code -r -n}): the IPv4 routing table of the network
 * stack it runs in, as routepr() and p_rtable_sysctl() of usr.bin/netstat/route.c print it
 * without -W: {@code Routing tables}, a blank line, {@code Internet:}, the header of pr_rthdr()
 * ({@code %-18.18s %-18.18s %-6.6s %8.8s %6s}: Destination Gateway Flags Netif Expire) and per
 * route p_rtentry_sysctl(): the destination left-justified in 18 (numeric: a longer one protrudes
 * into the next column), the gateway in 18, the flags in 6 in bits[] order (U G H R D M d X S
 * ...), the interface right-justified and cut at 8 (so {@code epair253b} shows as
 * {@code epair253}), no expire for routes that have none [UNVERIFIED: read in an unpinned 14-era
 * copy (sobomax/freebsd14_vendor, the sysctl dump; 14.x may dump through netlink with the same
 * layout), not at releng/14.x].
 *
 * <p>The routes are what the kernel adds for the addresses and the default route the sim holds,
 * in the radix tree's order (by address, the network before the host): {@code default GW UGS if}
 * (route add), for an address {@code a/p} on interface N its prefix {@code net/p link#N U if} and
 * the address itself {@code a link#N UHS lo0}, for a loopback address {@code a link#N UH lo0}
 * [UNVERIFIED: the routes in.c installs were not read; taken from the FreeBSD-based listing at
 * https://kb.aztcofirewall.com/articles/viewing-routes (netstat -rWn) and
 * https://serverfault.com/questions/832061 ({@code link#1 UHS lo0})]. The Internet6 table is not
 * printed: the sim's interfaces carry no IPv6 addresses [UNVERIFIED: a real lo0 also has ::1 and
 * fe80::1%lo0, whose routes are not modelled]. Other options throw.
 */
final class NetstatTool implements SimTool {
    private static final int WID_DST = 18;
    private static final int WID_GW = 18;
    private static final int WID_FLAGS = 6;
    private static final int WID_IF = 8;

    /** One route as the dump gives it. */
    record Route(long key, int prefix, String destination, String gateway, String flags, String netif) {
    }

    @Override
    public String name() {
        return "netstat";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/netstat");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) {
        List<String> a = inv.args();
        if (!(a.equals(List.of("-rn")) || a.equals(List.of("-nr")) || a.equals(List.of("-r", "-n"))
                || a.equals(List.of("-n", "-r")))) {
            throw new SimUnsupportedException("netstat " + String.join(" ", a) + " (only netstat -rn is modelled)");
        }
        List<Route> routes = routes(inv);
        inv.out("Routing tables");
        if (routes.isEmpty()) {
            return 0;
        }
        inv.out("");
        inv.out("Internet:");
        inv.out(String.format("%-18.18s %-18.18s %-6.6s %8.8s %6s", "Destination", "Gateway", "Flags", "Netif", "Expire"));
        for (Route r : routes) {
            StringBuilder line = new StringBuilder();
            int protrusion = column(line, r.destination(), WID_DST);
            protrusion = column(line, r.gateway(), WID_GW - protrusion);
            column(line, r.flags(), WID_FLAGS - protrusion);
            String netif = r.netif().length() > WID_IF ? r.netif().substring(0, WID_IF) : r.netif();
            line.append(String.format("%" + WID_IF + "s", netif));
            inv.out(line.toString());
        }
        return 0;
    }

    /** {@code {[:-W}%s{]:} }: left-justified in W, then a space; returns how far it ran over. */
    private static int column(StringBuilder line, String text, int width) {
        line.append(width > 0 ? String.format("%-" + width + "s", text) : text).append(' ');
        return Math.max(0, text.length() - Math.max(width, 0));
    }

    static List<Route> routes(Invocation inv) {
        String vnet = inv.ctx().vnet();
        List<SimState.InterfaceState> ifaces = inv.state().ifacesIn(vnet).stream()
                .sorted(Comparator.comparingInt(i -> i.index)).toList();
        Optional<SimState.InterfaceState> loopback = ifaces.stream().filter(i -> i.kind.equals("loopback")).findFirst();
        List<Route> routes = new ArrayList<>();
        String gateway = inv.state().defaultRoutes.get(vnet);
        if (gateway != null) {
            String via = RouteTool.interfaceFor(inv, vnet, gateway).map(i -> i.name).orElse("---");
            routes.add(new Route(0, 0, "default", gateway, "UGS", via));
        }
        for (SimState.InterfaceState i : ifaces) {
            String link = "link#" + i.index;
            for (String cidr : i.inet) {
                Ipv4 ip = Ipv4.of(cidr);
                if (i.kind.equals("loopback")) {
                    routes.add(new Route(ip.address(), 32, ip.addressText(), link, "UH", i.name));
                    continue;
                }
                if (ip.prefix() == 32 || loopback.isEmpty()) {
                    throw new SimUnsupportedException("netstat -rn for " + cidr + " on " + i.name
                            + (loopback.isEmpty() ? " without a loopback interface" : " (a host address)"));
                }
                routes.add(new Route(ip.network(), ip.prefix(), Ipv4.dotted(ip.network()) + "/" + ip.prefix(), link, "U", i.name));
                routes.add(new Route(ip.address(), 32, ip.addressText(), link, "UHS", loopback.get().name));
            }
        }
        routes.sort(Comparator.comparingLong(Route::key).thenComparingInt(Route::prefix));
        for (int k = 1; k < routes.size(); k++) {
            if (routes.get(k).key() == routes.get(k - 1).key() && routes.get(k).prefix() == routes.get(k - 1).prefix()) {
                throw new SimUnsupportedException("netstat -rn with two routes to " + routes.get(k).destination());
            }
        }
        return routes;
    }
}
