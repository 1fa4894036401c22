package dev.jailspec.sim;

import java.util.List;

/**
 * id(1) for the simulated root user: {@code id -u} prints {@code 0}, {@code id -un} prints
 * {@code root}, plain {@code id} prints {@code uid=0(root) gid=0(wheel) groups=0(wheel),5(operator)}.
 * The harness runs as root on a real host, and so it does here. The layout is id_print() of
 * usr.bin/id/id.c ({@code uid=%u(%s)}, {@code gid=%u(%s)}, {@code groups=} joined by commas), root's
 * groups those of etc/group ({@code wheel:*:0:root}, {@code operator:*:5:root}) [UNVERIFIED: read in an
 * unpinned copy, not at releng/14.x].
 */
final class IdTool implements SimTool {
    static final String USAGE = "usage: id [user]\n       id -A\n       id -G [-n] [user]\n       id -M\n"
            + "       id -P [user]\n       id -c\n       id -g [-nr] [user]\n       id -p [user]\n"
            + "       id -u [-nr] [user]";

    @Override
    public String name() {
        return "id";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/id");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) {
        List<String> args = inv.args();
        if (args.isEmpty()) {
            inv.out("uid=0(root) gid=0(wheel) groups=0(wheel),5(operator)");
            return 0;
        }
        switch (String.join(" ", args)) {
            case "-u", "-g", "-ur", "-gr" -> inv.out("0");
            case "-un", "-u -n", "-nu" -> inv.out("root");
            case "-gn", "-g -n", "-ng" -> inv.out("wheel");
            default -> {
                if (args.get(0).startsWith("-")) {
                    inv.err(USAGE);
                    return 1;
                }
                throw new SimUnsupportedException("id for another user: " + String.join(" ", args));
            }
        }
        return 0;
    }
}
