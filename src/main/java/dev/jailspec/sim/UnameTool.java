package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * uname(1) of FreeBSD (usr.bin/uname/uname.c): the fields print in the fixed order s n r v m p i
 * K U, whatever order the flags came in; {@code -a} is {@code -mnrsv}; no flag means {@code -s}
 * (freebsd-facts 5.2: {@code FreeBSD host 14.3-RELEASE FreeBSD 14.3-RELEASE
 * releng/14.3-n271432-8c9ce319fef7 GENERIC amd64}). The kernel is the host's everywhere; in a
 * jail the node name is the jail's host name.
 */
final class UnameTool implements SimTool {
    static final String USAGE = "usage: uname [-abiKmnoprsUv]";

    @Override
    public String name() {
        return "uname";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/uname");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "uname", "abiKmnoprsUv", USAGE);
        if (parsed.isEmpty()) {
            return 1;
        }
        Getopt g = parsed.get();
        if (!g.operands().isEmpty()) {
            inv.err(USAGE);
            return 1;
        }
        if (g.has('b')) {
            throw new SimUnsupportedException("uname -b (the kernel's build id)");
        }
        boolean all = g.has('a');
        boolean s = all || g.has('s') || g.has('o');
        boolean n = all || g.has('n');
        boolean r = all || g.has('r');
        boolean v = all || g.has('v');
        boolean m = all || g.has('m');
        boolean p = g.has('p');
        boolean i = g.has('i');
        boolean k = g.has('K');
        boolean u = g.has('U');
        if (!(s || n || r || v || m || p || i || k || u)) {
            s = true;
        }
        String release = inv.state().release;
        List<String> out = new ArrayList<>();
        if (s) {
            out.add("FreeBSD");
        }
        if (n) {
            out.add(inv.ctx().inJail() ? inv.ctx().jail().hostname : inv.state().hostname);
        }
        if (r) {
            out.add(release);
        }
        if (v) {
            out.add(Release.kernelVersion(release));
        }
        if (m) {
            out.add("amd64");
        }
        if (p) {
            out.add("amd64");
        }
        if (i) {
            out.add("GENERIC");
        }
        if (k) {
            out.add(Release.osreldate(release));
        }
        if (u) {
            out.add(Release.osreldate(release));
        }
        inv.out(String.join(" ", out));
        return 0;
    }
}
