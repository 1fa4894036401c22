package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * glibc getent of a Rocky userland, {@code hosts} only. Names resolve through DNS, so only when
 * the userland's /etc/resolv.conf names a nameserver; then the simulator answers a fixed
 * address for the mirrors the harness uses (IPv4 documentation addresses, printed as glibc's
 * getent does: {@code %-15s %s}). Anything unresolved exits 2, silently, as getent does for a
 * key it cannot find. [UNVERIFIED: glibc's nss/getent.c not read here; the layout and exit 2 are as
 * getent(1) documents them.]
 */
final class RockyGetent implements SimTool {
    static final Map<String, String> ADDRESSES = Map.of(
            "dl.rockylinux.org", "192.0.2.10",
            "mirrors.rockylinux.org", "192.0.2.11",
            "dl.fedoraproject.org", "192.0.2.12",
            "mirrors.fedoraproject.org", "192.0.2.13",
            "download.freebsd.org", "192.0.2.14");

    @Override
    public String name() {
        return "getent";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/getent");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> a = inv.args();
        if (a.isEmpty() || !a.get(0).equals("hosts") || a.size() < 2) {
            throw new SimUnsupportedException("getent " + String.join(" ", a));
        }
        int status = 0;
        for (String name : a.subList(1, a.size())) {
            String addr = LinuxUserland.hasNameserver(inv.fs()) ? ADDRESSES.get(name) : null;
            if (addr == null) {
                status = 2;
                continue;
            }
            inv.out(String.format("%-15s %s", addr, name));
        }
        return status;
    }
}
