package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * cp(1) of bin/cp (not in freebsd-facts; the how-to's step 8 copies resolv.conf and localtime into
 * the template, freebsd-facts 4.4): {@code cp [-R] [-f] [-p] [-v] source target} and
 * {@code cp ... source ... directory}.
 */
final class CpTool implements SimTool {
    static final String USAGE = "usage: cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] source_file target_file\n"
            + "       cp [-R [-H | -L | -P]] [-f | -i | -n] [-alpsvx] source_file ... target_directory";
    private static final int EX_USAGE = 64;

    @Override
    public String name() {
        return "cp";
    }

    @Override
    public List<String> paths() {
        return List.of("/bin/cp");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "cp", "HLPRafilnprsvx", USAGE);
        if (parsed.isEmpty()) {
            return EX_USAGE;
        }
        Getopt g = parsed.get();
        g.refuseUnsupported("cp", "HLPailnsx");
        boolean recursive = g.has('R') || g.has('r');
        List<String> ops = g.operands();
        if (ops.size() < 2) {
            inv.err(USAGE);
            return EX_USAGE;
        }
        String target = ops.get(ops.size() - 1);
        List<String> sources = ops.subList(0, ops.size() - 1);
        Path targetReal = inv.fs().resolve(inv.abs(target));
        boolean targetIsDir = Files.isDirectory(targetReal, LinkOption.NOFOLLOW_LINKS);
        if (sources.size() > 1 && !targetIsDir) {
            inv.err("cp: " + target + " is not a directory");
            return 1;
        }
        int status = 0;
        for (String source : sources) {
            Path from = inv.fs().resolve(inv.abs(source));
            if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                inv.err("cp: " + source + ": " + Errno.ENOENT);
                status = 1;
                continue;
            }
            String shownTarget = targetIsDir ? join(target, from.getFileName().toString()) : target;
            Path to = targetIsDir ? targetReal.resolve(from.getFileName().toString()) : targetReal;
            if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                if (!recursive) {
                    inv.err("cp: " + source + " is a directory (not copied).");
                    status = 1;
                    continue;
                }
                Trees.copy(from, to, Set.of());
            } else {
                if (from.equals(to)) {
                    inv.err("cp: " + source + " and " + shownTarget + " are identical (not copied).");
                    status = 1;
                    continue;
                }
                if (!Files.isDirectory(to.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                    inv.err("cp: " + shownTarget + ": " + Errno.ENOENT);
                    status = 1;
                    continue;
                }
                if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
                    inv.err("cp: " + shownTarget + ": " + Errno.EISDIR);
                    status = 1;
                    continue;
                }
                boolean existed = Files.exists(to, LinkOption.NOFOLLOW_LINKS);
                if (g.has('p')) {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                } else {
                    // Without -p an existing target keeps its mode; a new one gets the source's.
                    Files.write(to, Files.readAllBytes(from));
                    if (!existed) {
                        SimFileSystem.setMode(to, SimFileSystem.modeOf(Files.getPosixFilePermissions(from)));
                    }
                }
            }
            if (g.has('v')) {
                inv.out(source + " -> " + shownTarget);
            }
        }
        return status;
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
