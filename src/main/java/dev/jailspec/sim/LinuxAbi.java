package dev.jailspec.sim;

import java.util.Optional;

/**
 * The Linux ABI's per-prison identity, as sys/compat/linux/linux_mib.c keeps it
 * [UNVERIFIED: read in an unpinned copy, not at releng/14.x]: prison0 has the host's
 * {@code compat.linux.osname} ("Linux"), {@code osrelease} and {@code oss_version} (0x030600);
 * a jail created without a {@code linux} parameter gets its own copy of its parent's values
 * (linux_prison_create: "different from JAIL_SYS_INHERIT which also inherits changes"), so
 * {@code jls} shows it {@code linux=new} with that copy, and a later change of the host's
 * sysctl does not reach it; jails that exist when linux.ko loads get a copy then
 * (linux_osd_jail_register). The sim does not model the {@code linux}, {@code linux.*} jail
 * parameters in jail.conf.
 */
final class LinuxAbi {
    static final String OSNAME = "Linux";
    /** linux_mib.c: {@code static int linux_oss_version = 0x030600}. */
    static final int OSS_VERSION = 0x030600;

    private LinuxAbi() {
    }

    /** The host's compat.linux.osrelease: what sysctl set, else the release's default. */
    static String hostOsrelease(SimState st) {
        return st.linuxOsrelease != null ? st.linuxOsrelease : SysctlTool.LINUX_OSRELEASE;
    }

    /** compat.linux.osrelease as a process in {@code jail} (null: the host) reads it; what the Linux uname(2) returns. */
    static String osrelease(SimState st, SimState.JailState jail) {
        return jail != null && jail.linuxOsrelease != null ? jail.linuxOsrelease : hostOsrelease(st);
    }

    /** linux_prison_create(): a new jail copies the host's values while linux.ko is loaded. */
    static void jailCreated(SimState st, SimState.JailState jail) {
        jail.linuxOsrelease = Kld.linuxCompat(st) ? hostOsrelease(st) : null;
    }

    /** linux_osd_jail_register(): loading linux.ko gives every existing jail its copy. */
    static void moduleLoaded(SimState st) {
        for (SimState.JailState j : st.jails) {
            if (j.linuxOsrelease == null) {
                j.linuxOsrelease = hostOsrelease(st);
            }
        }
    }

    /**
     * linux_map_osrel(): exactly {@code x.y.z} of decimal numbers, at least 1.0.0; otherwise
     * EINVAL. Empty when valid.
     */
    static Optional<String> osreleaseError(String value) {
        if (!value.matches("\\d+\\.\\d+\\.\\d+")) {
            return Optional.of(Errno.EINVAL);
        }
        String[] v = value.split("\\.");
        long n = Long.parseLong(v[0]) * 1_000_000 + Long.parseLong(v[1]) * 1_000 + Long.parseLong(v[2]);
        return n < 1_000_000 ? Optional.of(Errno.EINVAL) : Optional.empty();
    }
}
