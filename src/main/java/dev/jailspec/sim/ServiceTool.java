package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * service(8) (usr.sbin/service/service.sh): {@code service SCRIPT ARGS...} runs /etc/rc.d/SCRIPT.
 * The simulated rc.d scripts are classes: {@link RcJail} for {@code jail} (freebsd-facts 2.3) and
 * {@link LinuxRcScript} for {@code linux} (3.1) and {@link DevfsRcScript} for {@code devfs}. Other base-system scripts are refused as not
 * simulated; a script that exists nowhere gets service.sh's two lines on stdout and exit 1
 * [UNVERIFIED: wording from service.sh, no transcript].
 */
final class ServiceTool implements SimTool {
    static final String LOCAL_STARTUP = "/usr/local/etc/rc.d";
    private static final Set<String> BASE_SCRIPTS_NOT_MODELLED = Set.of("sshd", "cron", "syslogd", "netif",
            "routing", "ntpd", "zfs", "ipfw", "pf", "sendmail", "local", "ldconfig", "hostname", "mountd",
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
        List<String> rest = args.subList(1, args.size());
        switch (script) {
            case "jail":
                if (rest.isEmpty()) {
                    inv.err("Usage: " + RcJail.SCRIPT + " [fast|force|one|quiet](start|stop|restart|rcvar|enable|disable"
                            + "|delete|enabled|describe|extracommands|config|console|status)");
                    return 1;
                }
                return new RcJail(inv).run(rest.get(0), rest.subList(1, rest.size()));
            case "devfs":
                if (rest.size() != 1) {
                    throw new SimUnsupportedException("service devfs " + String.join(" ", rest));
                }
                return DevfsRcScript.run(inv, rest.get(0));
            case "linux":
                if (rest.size() != 1) {
                    throw new SimUnsupportedException("service linux " + String.join(" ", rest));
                }
                return LinuxRcScript.run(inv, rest.get(0));
            default:
                if (BASE_SCRIPTS_NOT_MODELLED.contains(script)
                        || inv.fs().exists("/etc/rc.d/" + script) || inv.fs().exists(LOCAL_STARTUP + "/" + script)) {
                    throw new SimUnsupportedException("running the rc.d script " + script);
                }
                inv.out(script + " does not exist in /etc/rc.d or the local startup");
                inv.out("directories (" + LOCAL_STARTUP + "), or is not executable");
                return 1;
        }
    }
}
