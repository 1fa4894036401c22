package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;

/**
 * rpm 4.16 of a Rocky 9 userland, and 4.19 of Rocky 10: {@code rpm -qa} (the package list in
 * install order), {@code rpm -q NAME} and {@code rpm -E %rhel} (the major version, from
 * os-release VERSION_ID). Checked against Debian's rpm 4.18 by RealDnfDifferentialTest ({@code -qa},
 * {@code -q}, {@code -E}) [UNVERIFIED: Rocky 9's rpm 4.16 itself; for 4.19, that these three print
 * as 4.16 does (no Rocky 10 transcript was read)].
 */
final class RockyRpm implements SimTool {
    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/rpm");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> a = inv.args();
        if (a.equals(List.of("-qa"))) {
            LinuxUserland.packages(inv.fs()).forEach(inv::out);
            return 0;
        }
        if (a.size() == 2 && a.get(0).equals("-E")) {
            if (!a.get(1).equals("%rhel")) {
                throw new SimUnsupportedException("rpm -E " + a.get(1));
            }
            String version = LinuxUserland.osRelease(inv.fs()).map(m -> m.get("VERSION_ID")).orElse(null);
            if (version == null) {
                throw new SimUnsupportedException("rpm -E %rhel without an os-release VERSION_ID");
            }
            inv.out(version.split("\\.")[0]);
            return 0;
        }
        if (a.size() >= 2 && a.get(0).equals("-q")) {
            List<String> installed = LinuxUserland.packages(inv.fs());
            int status = 0;
            for (String name : a.subList(1, a.size())) {
                List<String> hits = installed.stream()
                        .filter(p -> LinuxUserland.nameOf(p).equals(name) || p.equals(name)).toList();
                if (hits.isEmpty()) {
                    inv.out("package " + name + " is not installed");
                    status = 1;
                } else {
                    hits.forEach(inv::out);
                }
            }
            return status;
        }
        throw new SimUnsupportedException("rpm " + String.join(" ", a));
    }
}
