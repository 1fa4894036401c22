package dev.jailspec.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * GNU cat of a Rocky userland, without options: {@code cat: FILE: No such file or directory}, exit 1
 * [UNVERIFIED: coreutils' cat.c not read; the strerror texts are FreeBSD's (Errno), glibc's are the same
 * words for ENOENT and EISDIR]; transcript cat-etc-redhat-release for a file it prints.
 */
final class RockyCat implements SimTool {
    @Override
    public String name() {
        return "cat";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/cat");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        if (inv.args().isEmpty()) {
            inv.out().out(new String(inv.stdin(), StandardCharsets.UTF_8));
            return 0;
        }
        int status = 0;
        for (String f : inv.args()) {
            if (f.startsWith("-") && !f.equals("-")) {
                throw new SimUnsupportedException("GNU cat options (" + f + ")");
            }
            String abs = inv.abs(f);
            java.util.Optional<String> pseudo = Linprocfs.read(inv, abs);
            if (pseudo.isPresent()) {
                inv.out().out(pseudo.get());
            } else if (!LinuxUserland.exists(inv.fs(), abs)) {
                inv.err("cat: " + f + ": " + Errno.ENOENT);
                status = 1;
            } else if (inv.fs().isDirectory(abs)) {
                inv.err("cat: " + f + ": " + Errno.EISDIR);
                status = 1;
            } else {
                inv.out().out(new String(inv.fs().read(abs), StandardCharsets.UTF_8));
            }
        }
        return status;
    }
}
