package dev.jailspec.sim;

import java.util.List;
import java.util.Optional;

/**
 * kldstat(8) of FreeBSD 14 (freebsd-facts 3.2): the file table, {@code -n file}, {@code -i id},
 * {@code -m module} and {@code -q}. The header is {@code printf("Id Refs Address%*c %8s
 * Name\n", POINTER_WIDTH - 7, ' ', "Size")}, each row {@code "%2d %4d %*p %8zx %s"}.
 *
 * <p>A missing file or module is warn()ed, so errno's text follows the name:
 * {@code kldstat: can't find file linux.ko: No such file or directory} (the facts file quotes
 * the line without it; kldstat.c's warn() adds it).
 */
final class KldstatTool implements SimTool {
    static final int POINTER_WIDTH = 18;
    static final String USAGE = "usage: kldstat [-d] [-h] [-q] [-v] [-i id] [-n filename]\n"
            + "       kldstat [-d] [-q] [-m modname]";

    @Override
    public String name() {
        return "kldstat";
    }

    @Override
    public List<String> paths() {
        return List.of("/sbin/kldstat");
    }

    @Override
    public int run(Invocation inv) {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "kldstat", "dhi:m:n:qv", USAGE);
        if (parsed.isEmpty()) {
            return 1;
        }
        Getopt g = parsed.get();
        if (!g.operands().isEmpty()) {
            inv.out().err(USAGE + "\n");
            return 1;
        }
        g.refuseUnsupported("kldstat", "dhv");
        boolean quiet = g.has('q');
        SimState state = inv.state();
        if (g.has('m')) {
            String module = g.last('m');
            Optional<SimState.KldState> f = Kld.fileWithModule(state, module);
            if (f.isEmpty()) {
                if (!quiet) {
                    inv.err("kldstat: can't find module " + module + ": " + Errno.ENOENT);
                }
                return 1;
            }
            if (quiet) {
                return 0;
            }
            throw new SimUnsupportedException("kldstat -m without -q (module ids are not modelled)");
        }
        List<SimState.KldState> files = Kld.files(state);
        if (g.has('n')) {
            Optional<SimState.KldState> f = Kld.loadedFile(state, g.last('n'));
            if (f.isEmpty()) {
                if (!quiet) {
                    inv.err("kldstat: can't find file " + g.last('n') + ": " + Errno.ENOENT);
                }
                return 1;
            }
            files = List.of(f.get());
        } else if (g.has('i')) {
            String id = g.last('i');
            Optional<SimState.KldState> f = id.matches("\\d+")
                    ? files.stream().filter(k -> k.id == Integer.parseInt(id)).findFirst() : Optional.empty();
            if (!id.matches("\\d+")) {
                inv.out().err(USAGE + "\n");
                return 1;
            }
            if (f.isEmpty()) {
                inv.err("kldstat: can't stat file id " + id + ": " + Errno.ENOENT);
                return 1;
            }
            files = List.of(f.get());
        }
        if (quiet) {
            return 0;
        }
        inv.out(String.format("Id Refs Address%" + (POINTER_WIDTH - 7) + "c %8s Name", ' ', "Size"));
        for (SimState.KldState f : files) {
            inv.out(row(f));
        }
        return 0;
    }

    static String row(SimState.KldState f) {
        return String.format("%2d %4d %" + POINTER_WIDTH + "s %8x %s", f.id, f.refs, "0x" + Long.toHexString(f.address),
                f.size, f.name);
    }
}
