package dev.jailspec.sim;

import java.util.List;
import java.util.Optional;

/**
 * kldload(8): {@code kldload [-nqv] file ...}. A file that is loaded already (or a module that
 * is in the kernel) fails with EEXIST, which kldload.c reports as
 * {@code kldload: can't load linux64: module already loaded or in kernel} (exit 1); {@code -n}
 * makes that a success. Loading a file loads what it depends on (linux_common.ko for linux and
 * linux64), as the kernel linker does.
 */
final class KldloadTool implements SimTool {
    static final String USAGE = "usage: kldload [-nqv] file ...";

    @Override
    public String name() {
        return "kldload";
    }

    @Override
    public List<String> paths() {
        return List.of("/sbin/kldload");
    }

    @Override
    public int run(Invocation inv) {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "kldload", "nqv", USAGE);
        if (parsed.isEmpty()) {
            return 1;
        }
        Getopt g = parsed.get();
        if (g.operands().isEmpty()) {
            inv.err(USAGE);
            return 1;
        }
        int status = 0;
        for (String arg : g.operands()) {
            String file = Kld.fileName(arg);
            String module = file.substring(0, file.length() - ".ko".length());
            boolean present = Kld.loadedFile(inv.state(), file).isPresent() || Kld.fileWithModule(inv.state(), module).isPresent();
            if (present) {
                if (g.has('n')) {
                    continue;
                }
                if (!g.has('q')) {
                    inv.err("kldload: can't load " + arg + ": module already loaded or in kernel");
                }
                status = 1;
                continue;
            }
            if (!Kld.CATALOG.containsKey(file)) {
                if (Kld.isKnownButUnmodelled(arg)) {
                    throw new SimUnsupportedException("kldload " + arg);
                }
                if (!g.has('q')) {
                    inv.err("kldload: can't load " + arg + ": " + Errno.ENOENT);
                }
                status = 1;
                continue;
            }
            SimState.KldState f = Kld.load(inv.state(), file);
            if (g.has('v')) {
                inv.out("Loaded " + arg + ", id=" + f.id);
            }
        }
        return status;
    }
}
