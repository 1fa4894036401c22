package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * service(8): runs an rc.d script. Only {@code jail} is simulated (see {@link RcJail}); other
 * base-system scripts are refused as not simulated, unknown names get service(8)'s message
 * [wording from service.sh, no transcript]. freebsd-facts 2.3 for what {@code service jail} does.
 */
final class ServiceTool implements SimTool {
    private static final Set<String> BASE_SCRIPTS_NOT_MODELLED = Set.of("linux", "sshd", "cron", "syslogd", "netif",
            "routing", "ntpd", "zfs", "devfs", "ipfw", "pf", "sendmail", "local", "ldconfig", "hostname", "mountd",
            "nfsd", "nginx", "dhclient", "resolv", "sysctl", "kld", "moused", "powerd");

    @Override
    public String name() {
        return "service";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/sbin/service");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> args = inv.args();
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            throw new SimUnsupportedException("service " + String.join(" ", args));
        }
        String script = args.get(0);
        if (script.equals("jail")) {
            if (args.size() < 2) {
                inv.err("Usage: " + RcJail.SCRIPT + " [fast|force|one|quiet](start|stop|restart|rcvar|enable|disable|delete"
                        + "|enabled|describe|extracommands|config|console|status)");
                return 1;
            }
            return new RcJail(inv).run(args.get(1), args.subList(2, args.size()));
        }
        if (BASE_SCRIPTS_NOT_MODELLED.contains(script)) {
            throw new SimUnsupportedException("service " + script);
        }
        inv.out(script + " does not exist in /etc/rc.d or the local startup");
        inv.out("directories (/usr/local/etc/rc.d), or is not executable");
        return 1;
    }
}
