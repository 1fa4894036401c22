package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * freebsd-version(1), a sh script (freebsd-facts 5.2): {@code -k} the installed kernel,
 * {@code -r} the running kernel, {@code -u} the userland version baked into the script at
 * build time, {@code -j jail} the userland of a jail (by running the jail's own script with
 * jexec). Lines come in the order k, r, u, jails whatever the flag order; no flag means -u.
 *
 * <p>Which script runs depends on the root: in a jail or a chroot it is that tree's
 * /bin/freebsd-version, whose {@code USERLAND_VERSION} line is read (freebsd-update rewrites
 * it). On the host, whose simulated tree has no such file, the host release of the
 * {@link SimHostSpec} is the userland unless the host tree holds the script.
 */
final class FreebsdVersionTool implements SimTool {
    static final String USAGE = "usage: freebsd-version [-kru] [-j jail]";
    static final String SCRIPT = "/bin/freebsd-version";
    static final String KERNEL = "/boot/kernel/kernel";
    /** KERNEL_RE of the script, applied to what(1)'s output of the kernel file. */
    private static final Pattern KERNEL_VERSION = Pattern.compile("@\\(#\\)FreeBSD ([-.0-9A-Za-z]+) ");

    @Override
    public String name() {
        return "freebsd-version";
    }

    @Override
    public List<String> paths() {
        return List.of(SCRIPT);
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        boolean k = false;
        boolean r = false;
        boolean u = false;
        List<String> jails = new ArrayList<>();
        List<String> args = inv.args();
        int i = 0;
        // sh's getopts "kruj:" (FreeBSD /bin/sh prints "Illegal option -x" itself).
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            i++;
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                switch (c) {
                    case 'k' -> k = true;
                    case 'r' -> r = true;
                    case 'u' -> u = true;
                    case 'j' -> {
                        if (j + 1 < a.length()) {
                            jails.add(a.substring(j + 1));
                        } else if (i < args.size()) {
                            jails.add(args.get(i++));
                        } else {
                            inv.err("No arg for -j option");
                            inv.err(USAGE);
                            return 1;
                        }
                        j = a.length();
                    }
                    default -> {
                        inv.err("Illegal option -" + c);
                        inv.err(USAGE);
                        return 1;
                    }
                }
            }
        }
        if (i < args.size()) {
            inv.err(USAGE);
            return 1;
        }
        if (!k && !r && !u && jails.isEmpty()) {
            u = true;
        }
        if (k) {
            boolean hostRoot = !inv.ctx().inJail() && inv.fs().realRoot().equals(inv.machine().hostFs().realRoot());
            if (!inv.fs().isRegularFile(KERNEL) && !hostRoot) {
                inv.err("freebsd-version: unable to locate kernel");
                return 1;
            }
            installedKernel(inv).ifPresent(inv::out);
        }
        if (r) {
            inv.out(inv.state().release);
        }
        if (u) {
            inv.out(userland(inv.ctx()));
        }
        for (String name : jails) {
            Optional<SimState.JailState> jail = inv.state().jail(name);
            if (jail.isEmpty()) {
                inv.err("jexec: jail \"" + name + "\" not found");
                return 1;
            }
            SimContext jctx = inv.machine().jailContext(jail.get());
            if (!jctx.fs().isRegularFile(SCRIPT)) {
                inv.err("jexec: execvp: freebsd-version: " + Errno.ENOENT);
                return 1;
            }
            inv.out(userland(jctx));
        }
        return 0;
    }

    /** The userland version the script in {@code ctx}'s root prints. */
    static String userland(SimContext ctx) throws IOException {
        if (ctx.fs().isRegularFile(SCRIPT)) {
            Optional<String> v = Release.userlandOf(ctx.fs().readText(SCRIPT));
            if (v.isPresent()) {
                return v.get();
            }
            throw new SimUnsupportedException(SCRIPT + " without a USERLAND_VERSION line");
        }
        if (ctx.inJail() || !ctx.fs().realRoot().equals(ctx.machine().hostFs().realRoot())) {
            throw new SimUnsupportedException("freebsd-version in a root without " + SCRIPT);
        }
        return ctx.machine().state().release;
    }

    /**
     * -k: the version what(1) finds in the kernel file (none: the line is empty, as KERNEL_RE
     * then matches nothing); the host's simulated tree has no kernel file and answers its release.
     */
    private static Optional<String> installedKernel(Invocation inv) throws IOException {
        if (!inv.fs().isRegularFile(KERNEL)) {
            return Optional.of(inv.state().release);
        }
        Matcher m = KERNEL_VERSION.matcher(new String(inv.fs().read(KERNEL), java.nio.charset.StandardCharsets.ISO_8859_1));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
