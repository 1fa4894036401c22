package dev.jailspec.sim;

import java.util.List;
import java.util.Optional;

/**
 * sysctl(8) for the few OIDs the harness reads: {@code kern.ostype}, {@code kern.osrelease},
 * {@code kern.osreldate}, {@code kern.hostname}, {@code security.jail.jailed} and, only while
 * linux_common.ko is loaded, {@code compat.linux.osrelease} and {@code compat.linux.emul_path}
 * (freebsd-facts 3.3: otherwise {@code sysctl: unknown oid 'compat.linux.osrelease'}, exit 1).
 * {@code -n} prints values only. Other OIDs are not guessed.
 */
final class SysctlTool implements SimTool {
    /**
     * compat.linux.osrelease of 14.x: 5.15.0, as a 14.x/15.x transcript shows; the facts file
     * leaves 4.4.0 open for early 14.x (freebsd-facts 3.3, 8.1).
     */
    static final String LINUX_OSRELEASE = "5.15.0";

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public List<String> paths() {
        return List.of("/sbin/sysctl");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "sysctl", "AabB:deFf:hiJjlNnoqTtWxX",
                "usage: sysctl [-j jail] [-bdeFhiJlNnoqTtWx] [ -B <bufsize> ] [-f filename] name[=value] ...\n"
                        + "       sysctl [-j jail] [-bdeFhJlNnoqTtWx] [ -B <bufsize> ] -a");
        if (parsed.isEmpty()) {
            return 1;
        }
        Getopt g = parsed.get();
        g.refuseUnsupported("sysctl", "AabBdeFfhiJjlNoqTtWxX");
        if (g.operands().isEmpty()) {
            throw new SimUnsupportedException("sysctl without a name");
        }
        int status = 0;
        for (String name : g.operands()) {
            if (name.contains("=")) {
                throw new SimUnsupportedException("setting a sysctl (" + name + ")");
            }
            Optional<String> value = value(inv, name);
            if (value.isEmpty()) {
                inv.err("sysctl: unknown oid '" + name + "'");
                status = 1;
                continue;
            }
            inv.out(g.has('n') ? value.get() : name + ": " + value.get());
        }
        return status;
    }

    private static Optional<String> value(Invocation inv, String name) {
        SimState st = inv.state();
        switch (name) {
            case "kern.ostype":
                return Optional.of("FreeBSD");
            case "kern.osrelease":
                return Optional.of(st.release);
            case "kern.osreldate":
                return Optional.of(Release.osreldate(st.release));
            case "kern.hostname":
                return Optional.of(inv.ctx().inJail() ? inv.ctx().jail().hostname : st.hostname);
            case "security.jail.jailed":
                return Optional.of(inv.ctx().inJail() ? "1" : "0");
            case "compat.linux.osrelease":
                return Kld.linuxCompat(st) ? Optional.of(LINUX_OSRELEASE) : Optional.empty();
            case "compat.linux.emul_path":
                return Kld.linuxCompat(st) ? Optional.of("/compat/linux") : Optional.empty();
            default:
                if (name.equals("compat.linux") || name.startsWith("compat.linux.")) {
                    if (!Kld.linuxCompat(st)) {
                        return Optional.empty();
                    }
                }
                throw new SimUnsupportedException("sysctl " + name);
        }
    }
}
