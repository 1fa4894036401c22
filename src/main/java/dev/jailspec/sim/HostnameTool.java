package dev.jailspec.sim;

import java.util.List;

/**
 * hostname(1) without arguments: the host's name, or the jail's host.hostname inside a jail (as
 * {@code jexec ioc-pkg-repo hostname} prints {@code pkg-repo} in transcript jexec/001).
 */
final class HostnameTool implements SimTool {

    @Override
    public String name() {
        return "hostname";
    }

    @Override
    public List<String> paths() {
        return List.of("/bin/hostname");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) {
        if (!inv.args().isEmpty()) {
            throw new SimUnsupportedException("hostname " + String.join(" ", inv.args()));
        }
        SimState.JailState jail = inv.ctx().jail();
        inv.out(jail != null ? jail.hostname : inv.state().hostname);
        return 0;
    }
}
