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
                status |= set(inv, name, g.has('n'));
                continue;
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

    /**
     * {@code name=value} as sysctl.c parse() does it: the old value is printed first
     * ({@code name: old}), then {@code  -> new} on success; a kernel refusal ends the line and warns
     * {@code sysctl: name=value: <strerror>}, counted in the exit status. Only
     * {@code compat.linux.osrelease} on the host is modelled (its handler checks linux_map_osrel).
     * [UNVERIFIED: sbin/sysctl/sysctl.c read in an old unpinned copy, not at releng/14.x.]
     */
    private static int set(Invocation inv, String arg, boolean valuesOnly) {
        String name = arg.substring(0, arg.indexOf('='));
        String newValue = arg.substring(arg.indexOf('=') + 1).stripLeading();
        if (!name.equals("compat.linux.osrelease") || inv.ctx().inJail()) {
            throw new SimUnsupportedException("setting the sysctl " + name + (inv.ctx().inJail() ? " in a jail" : ""));
        }
        SimState st = inv.state();
        if (!Kld.linuxCompat(st)) {
            inv.err("sysctl: unknown oid '" + name + "'");
            return 1;
        }
        String old = LinuxAbi.hostOsrelease(st);
        Optional<String> error = LinuxAbi.osreleaseError(newValue);
        if (error.isPresent()) {
            inv.out(valuesOnly ? old : name + ": " + old);
            inv.err("sysctl: " + arg + ": " + error.get());
            return 1;
        }
        st.linuxOsrelease = newValue;
        inv.out((valuesOnly ? old : name + ": " + old) + " -> " + newValue);
        return 0;
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
                // CTLFLAG_PRISON: a jail reads its own copy (linux_mib.c linux_get_osrelease)
                return Kld.linuxCompat(st) ? Optional.of(LinuxAbi.osrelease(st, inv.ctx().jail())) : Optional.empty();
            case "compat.linux.osname":
                return Kld.linuxCompat(st) ? Optional.of(LinuxAbi.OSNAME) : Optional.empty();
            case "compat.linux.oss_version":
                return Kld.linuxCompat(st) ? Optional.of(Integer.toString(LinuxAbi.OSS_VERSION)) : Optional.empty();
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
