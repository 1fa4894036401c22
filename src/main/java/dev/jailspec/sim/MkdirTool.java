package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * mkdir(1) of FreeBSD's bin/mkdir: {@code mkdir [-pv] [-m mode] directory_name ...}. Not in
 * freebsd-facts: errors are mkdir.c's {@code warn("%s", path)}, e.g. {@code mkdir: /x: File exists},
 * status 1; usage is status 64 (EX_USAGE).
 */
final class MkdirTool implements SimTool {
    static final String USAGE = "usage: mkdir [-pv] [-m mode] directory_name ...";
    private static final int EX_USAGE = 64;

    @Override
    public String name() {
        return "mkdir";
    }

    @Override
    public List<String> paths() {
        return List.of("/bin/mkdir");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "mkdir", "m:pv", USAGE);
        if (parsed.isEmpty()) {
            return EX_USAGE;
        }
        Getopt g = parsed.get();
        if (g.operands().isEmpty()) {
            inv.err(USAGE);
            return EX_USAGE;
        }
        int mode = 0755;
        if (g.has('m')) {
            String m = g.last('m');
            if (m.matches("[0-7]{1,4}")) {
                mode = Integer.parseInt(m, 8) & 07777;
            } else if (m.matches("[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*")) {
                throw new SimUnsupportedException("mkdir -m with a symbolic mode (" + m + ")");
            } else {
                inv.err("mkdir: invalid file mode: " + m);
                return 1;
            }
        }
        int status = 0;
        for (String dir : g.operands()) {
            boolean ok = g.has('p') ? makePath(inv, dir, mode, g.has('v')) : makeOne(inv, dir, mode, g.has('v'));
            if (!ok) {
                status = 1;
            }
        }
        return status;
    }

    private static boolean makeOne(Invocation inv, String dir, int mode, boolean verbose) throws IOException {
        try {
            inv.fs().mkdir(inv.abs(dir), mode);
        } catch (IOException e) {
            inv.err("mkdir: " + dir + ": " + Errno.of(e));
            return false;
        }
        if (verbose) {
            inv.out(dir);
        }
        return true;
    }

    /** {@code mkdir -p}: build() in mkdir.c; the mode applies to the last directory only. */
    private static boolean makePath(Invocation inv, String dir, int mode, boolean verbose) throws IOException {
        String abs = inv.abs(dir);
        List<String> parts = new ArrayList<>(List.of(abs.split("/")));
        parts.removeIf(String::isEmpty);
        StringBuilder current = new StringBuilder();
        StringBuilder shown = new StringBuilder(dir.startsWith("/") ? "/" : "");
        String[] typed = dir.split("/");
        int typedOffset = parts.size() - (int) java.util.Arrays.stream(typed).filter(s -> !s.isEmpty()).count();
        for (int i = 0; i < parts.size(); i++) {
            current.append('/').append(parts.get(i));
            if (i >= typedOffset) {
                if (shown.length() > 0 && shown.charAt(shown.length() - 1) != '/') {
                    shown.append('/');
                }
                shown.append(parts.get(i));
            }
            boolean last = i == parts.size() - 1;
            Path real = inv.fs().resolve(current.toString());
            if (Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                    inv.err("mkdir: " + dir + ": " + (last ? Errno.EEXIST : Errno.ENOTDIR));
                    return false;
                }
                continue;
            }
            try {
                inv.fs().mkdir(current.toString(), last ? mode : 0755);
            } catch (IOException e) {
                inv.err("mkdir: " + dir + ": " + Errno.of(e));
                return false;
            }
            if (verbose) {
                inv.out(shown.toString());
            }
        }
        return true;
    }
}
