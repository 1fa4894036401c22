package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ls(1) of the base system, only {@code ls [-1] [-A] DIR}: the names in one directory, one a
 * line, sorted. A directory that is a devfs mount point lists the nodes the mount's ruleset
 * leaves visible ({@link DevfsRulesets}); other mounted file systems are not modelled. A missing
 * directory: {@code ls: DIR: No such file or directory}, exit 1 [UNVERIFIED: bin/ls/ls.c not read].
 */
final class LsTool implements SimTool {

    @Override
    public String name() {
        return "ls";
    }

    @Override
    public List<String> paths() {
        return List.of("/bin/ls");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        boolean all = false;
        List<String> dirs = new ArrayList<>();
        for (String a : inv.args()) {
            if (a.matches("-[1A]+")) {
                all |= a.contains("A");
            } else if (a.startsWith("-")) {
                throw new SimUnsupportedException("ls " + a);
            } else {
                dirs.add(a);
            }
        }
        if (dirs.size() != 1) {
            throw new SimUnsupportedException("ls of " + dirs.size() + " operands");
        }
        String dir = inv.abs(dirs.get(0));
        Path real = inv.fs().resolve(dir);
        if (!Files.isDirectory(real)) {
            inv.err("ls: " + dirs.get(0) + ": " + Errno.ENOENT);
            return 1;
        }
        Optional<SimState.MountState> mounted = mountedOn(inv.machine(), real);
        if (mounted.isPresent() && mounted.get().fstype.equals("devfs")) {
            for (String node : DevfsRulesets.visible(inv.machine(), ruleset(mounted.get()))) {
                inv.out(node.endsWith("/") ? node.substring(0, node.length() - 1) : node);
            }
            return 0;
        }
        if (mounted.isPresent()) {
            throw new SimUnsupportedException("listing a " + mounted.get().fstype + " file system");
        }
        boolean dotFiles = all;
        try (Stream<Path> entries = Files.list(real)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> dotFiles || !n.startsWith(".")).sorted()
                    .forEach(inv::out);
        }
        return 0;
    }

    /** The last mount made on exactly this directory (a later mount covers an earlier one). */
    static Optional<SimState.MountState> mountedOn(SimMachine machine, Path real) throws IOException {
        SimState.MountState found = null;
        for (SimState.MountState m : machine.state().mounts) {
            if (machine.hostFs().resolve(m.mountpoint).equals(real)) {
                found = m;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The mount's {@code ruleset=N} option; 0 (no rules) without one. */
    static int ruleset(SimState.MountState m) {
        return m.options.stream().filter(o -> o.startsWith("ruleset=")).reduce((a, b) -> b)
                .flatMap(o -> DevfsRulesets.parseRulesetOption(o.substring("ruleset=".length()))).orElse(0);
    }
}
