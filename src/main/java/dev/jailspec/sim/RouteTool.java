package dev.jailspec.sim;

import java.util.List;
import java.util.Optional;

/**
 * route(8) for the default route of the network stack it runs in: {@code route add default GW},
 * {@code route delete default}, {@code route -n get default}. Output as route.c's newroute()
 * prints it ({@code add net default: gateway GW}); a failed write to the routing socket is
 * {@code route: writing to routing socket: <strerror>} on stderr with the reason repeated on
 * stdout, exit 1.
 */
final class RouteTool implements SimTool {

    @Override
    public String name() {
        return "route";
    }

    @Override
    public List<String> paths() {
        return List.of("/sbin/route");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) {
        List<String> args = inv.args().stream().filter(a -> !a.equals("-n") && !a.equals("-q")).toList();
        boolean quiet = inv.args().contains("-q");
        if (args.isEmpty()) {
            inv.err("usage: route [-46dnqtv] command [[modifiers] args]");
            return 64;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size()).stream().filter(a -> !a.equals("-net") && !a.equals("-inet")).toList();
        if (rest.isEmpty() || !(rest.get(0).equals("default") || rest.get(0).equals("0.0.0.0/0"))) {
            throw new SimUnsupportedException("route " + String.join(" ", inv.args()) + " (only the default route is modelled)");
        }
        String vnet = inv.ctx().vnet();
        return switch (command) {
            case "add" -> add(inv, vnet, rest, quiet);
            case "delete" -> delete(inv, vnet, quiet);
            case "get" -> get(inv, vnet);
            default -> throw new SimUnsupportedException("route " + command);
        };
    }

    private static int add(Invocation inv, String vnet, List<String> rest, boolean quiet) {
        if (rest.size() != 2) {
            throw new SimUnsupportedException("route add " + String.join(" ", rest));
        }
        String gateway = rest.get(1);
        if (Ipv4.parseAddress(gateway).isEmpty()) {
            inv.err("route: bad address: " + gateway);
            return 1;
        }
        String error = null;
        if (inv.state().defaultRoutes.containsKey(vnet)) {
            error = "File exists";
        } else if (interfaceFor(inv, vnet, gateway).isEmpty()) {
            error = "Network is unreachable";
        }
        if (error != null) {
            inv.err("route: writing to routing socket: " + error);
            if (!quiet) {
                inv.out("add net default: gateway " + gateway + ": "
                        + (error.equals("File exists") ? "route already in table" : error));
            }
            return 1;
        }
        inv.state().defaultRoutes.put(vnet, gateway);
        if (!quiet) {
            inv.out("add net default: gateway " + gateway);
        }
        return 0;
    }

    private static int delete(Invocation inv, String vnet, boolean quiet) {
        String gateway = inv.state().defaultRoutes.remove(vnet);
        if (gateway == null) {
            inv.err("route: writing to routing socket: No such process");
            if (!quiet) {
                inv.out("delete net default: not in table");
            }
            return 1;
        }
        if (!quiet) {
            inv.out("delete net default");
        }
        return 0;
    }

    /** print_getmsg() of route.c [UNVERIFIED: layout inferred from FreeBSD 13/14 output, no transcript]. */
    private static int get(Invocation inv, String vnet) {
        String gateway = inv.state().defaultRoutes.get(vnet);
        Optional<SimState.InterfaceState> iface = gateway == null ? Optional.empty() : interfaceFor(inv, vnet, gateway);
        if (gateway == null || iface.isEmpty()) {
            inv.err("route: route has not been found");
            return 1;
        }
        inv.out("   route to: default");
        inv.out("destination: default");
        inv.out("       mask: default");
        inv.out("    gateway: " + gateway);
        inv.out("        fib: 0");
        inv.out("  interface: " + iface.get().name);
        inv.out("      flags: <UP,GATEWAY,DONE,STATIC>");
        inv.out(" recvpipe  sendpipe  ssthresh  rtt,msec    mtu        weight    expire");
        inv.out(String.format("%8d  %8d  %8d  %8d  %8d  %8d  %8d ", 0, 0, 0, 0, iface.get().mtu, 1, 0));
        return 0;
    }

    /** The interface whose connected prefix holds the gateway. */
    static Optional<SimState.InterfaceState> interfaceFor(Invocation inv, String vnet, String gateway) {
        long gw = Ipv4.parseAddress(gateway).orElse(-1L);
        return inv.state().ifacesIn(vnet).stream()
                .filter(i -> i.inet.stream().anyMatch(c -> Ipv4.of(c).contains(gw)))
                .findFirst();
    }
}
