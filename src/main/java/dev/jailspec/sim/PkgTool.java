package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pkg(8), the package manager of the ports (/usr/local/sbin/pkg), as a pkgbase template needs it:
 * {@code pkg --rootdir ROOT --repo-conf-dir DIR -o NAME=VALUE ... install|upgrade ...} into a root.
 * The global options are src/main.c's ({@code getopt_long "+dj:c:C:R:r:lNvo:46"}, long forms
 * {@code --rootdir}, {@code --repo-conf-dir}, {@code --option}; an unknown one: "Invalid argument
 * provided", exit 1; {@code -r} with {@code -c} or {@code -j}: refused; a rootdir that does not exist:
 * {@code err(EXIT_FAILURE, "Invalid rootdir")}); {@code -o NAME=VALUE} sets pkg's configuration as
 * export_arg_option does; the commands are {@link PkgJobs} (src/install.c, src/upgrade.c). Read at
 * freebsd/pkg tag 2.7.5 (commit a3183b506a73), the pkg measured on a 15.1-RELEASE-p1 host bootstrapped
 * from the quarterly repository in August 2026 (a public work log, index id 63471793497); the same
 * options and messages at 2.4.2, the pkg of a 15.0 host (freebsd/pkg#2674: {@code pkg -v} 2.4.2), and at
 * 2.8.4, the newest tag. A host has the pkg of the quarterly branch it bootstrapped from, not one the
 * release fixes [UNVERIFIED: which pkg the quarterly branch carries today].
 *
 * <p>What is not modelled throws: -c, -j, -C, -l, -N, -v, -d, commands other than install and upgrade,
 * ABI detection from the root (a root without a base system cannot be detected; the caller passes
 * {@code -o ABI=}), the OSVERSION check ({@code -o IGNORE_OSVERSION=yes} is required) and a user other
 * than root (the simulated host runs everything as root, so "Insufficient privileges to install
 * packages" is never printed).
 */
final class PkgTool implements SimTool {
    static final String SELF = "/usr/local/sbin/pkg";

    /** The parsed global options. */
    record Globals(String rootdir, String repoConfDir, Map<String, String> options, List<String> rest) {
        boolean yes(String option) {
            return "yes".equalsIgnoreCase(options.getOrDefault(option, ""));
        }
    }

    @Override
    public String name() {
        return "pkg";
    }

    @Override
    public List<String> paths() {
        return List.of(SELF);
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Globals g = globals(inv);
        if (g == null) {
            return 1;
        }
        if (g.rest().isEmpty()) {
            throw new SimUnsupportedException("pkg's usage text (no command given)");
        }
        SimFileSystem fs = inv.machine().hostFs();
        String root = g.rootdir() == null ? "/" : SimFileSystem.absolute(inv.cwd(), g.rootdir()).replaceAll("(.)/+$", "$1");
        if (g.rootdir() != null && !fs.isDirectory(root)) {
            inv.err("pkg: Invalid rootdir: " + Errno.ENOENT);
            return 1;
        }
        if (g.rootdir() == null) {
            throw new SimUnsupportedException("pkg on the host's own root (only --rootdir is modelled)");
        }
        if (!g.options().containsKey("ABI")) {
            throw new SimUnsupportedException("pkg without -o ABI=...: detecting the ABI of " + root
                    + " (libpkg/pkg_abi.c pkg_abi_from_file reads the root's /usr/bin/uname, else /bin/sh) is not modelled");
        }
        osversionGuess(inv, g);
        if (!g.yes("IGNORE_OSVERSION")) {
            throw new SimUnsupportedException("pkg without -o IGNORE_OSVERSION=yes: the OSVERSION check of the"
                    + " packages against the root is not modelled");
        }
        String command = g.rest().get(0);
        List<String> args = g.rest().subList(1, g.rest().size());
        // main.c chdir()s into the rootdir before pkg_ini reads the repository directory.
        String repoDir = g.repoConfDir() == null ? null : SimFileSystem.absolute(root, g.repoConfDir());
        if (repoDir == null) {
            throw new SimUnsupportedException("pkg without --repo-conf-dir (the host's /etc/pkg is not modelled)");
        }
        var jobs = new PkgJobs(inv, fs, root, PkgRepository.read(fs, repoDir), g);
        return switch (command) {
            case "install" -> jobs.install(args);
            case "upgrade" -> jobs.upgrade(args);
            default -> throw new SimUnsupportedException("pkg " + command);
        };
    }

    /**
     * libpkg/pkg_config.c config_init_abi (freebsd/pkg tag 2.7.5, the same at 2.4.2 and 2.8.4): an ABI
     * without OSVERSION is "Setting ABI requires setting OSVERSION, guessing the OSVERSION as: N" on
     * stderr, N being pkg_abi_get_freebsd_osversion's major * 100000 + minor * 1000 of the ABI, whose
     * FreeBSD form names no minor (a 15.0-ALPHA2 host printed 1500000 for ABI=FreeBSD:15:amd64,
     * freebsd/pkg#2475).
     */
    private static void osversionGuess(Invocation inv, Globals g) {
        String abi = g.options().get("ABI");
        if (g.options().containsKey("OSVERSION") || !abi.matches("FreeBSD:\\d+:.+")) {
            throw new SimUnsupportedException("pkg -o ABI=" + abi + (g.options().containsKey("OSVERSION")
                    ? " with -o OSVERSION" : "") + " (only FreeBSD:N:ARCH without OSVERSION is modelled)");
        }
        int major = Integer.parseInt(abi.split(":")[1]);
        inv.err("pkg: Setting ABI requires setting OSVERSION, guessing the OSVERSION as: " + major * 100000);
    }

    /** src/main.c's getopt_long loop; null when it stopped with "Invalid argument provided". */
    private static Globals globals(Invocation inv) {
        String rootdir = null;
        String repoConfDir = null;
        String chroot = null;
        Map<String, String> options = new LinkedHashMap<>();
        List<String> a = inv.args();
        int i = 0;
        for (; i < a.size(); i++) {
            String w = a.get(i);
            if (!w.startsWith("-") || w.equals("-")) {
                break; // "+": the first operand ends the options
            }
            if (w.equals("--")) {
                i++;
                break;
            }
            String opt;
            String value = null;
            if (w.startsWith("--")) {
                int eq = w.indexOf('=');
                String name = eq < 0 ? w.substring(2) : w.substring(2, eq);
                opt = switch (name) {
                    case "rootdir" -> "r";
                    case "repo-conf-dir" -> "R";
                    case "option" -> "o";
                    case "chroot" -> "c";
                    case "jail" -> "j";
                    case "config" -> "C";
                    case "debug", "list", "version", "only-ipv4", "only-ipv6" ->
                            throw new SimUnsupportedException("pkg --" + name);
                    default -> null;
                };
                if (opt == null) {
                    inv.err("pkg: unrecognized option `" + w + "'");
                    inv.err("pkg: Invalid argument provided");
                    return null;
                }
                value = eq < 0 ? null : w.substring(eq + 1);
            } else {
                opt = w.substring(1, 2);
                if (!"dj:c:C:R:r:lNvo:46".contains(opt) || opt.equals(":")) {
                    inv.err("pkg: illegal option -- " + opt);
                    inv.err("pkg: Invalid argument provided");
                    return null;
                }
                if (!"jcCRro".contains(opt)) {
                    throw new SimUnsupportedException("pkg -" + opt);
                }
                value = w.length() > 2 ? w.substring(2) : null;
            }
            if (value == null) {
                if (i + 1 >= a.size()) {
                    inv.err("pkg: option requires an argument -- " + opt);
                    inv.err("pkg: Invalid argument provided");
                    return null;
                }
                value = a.get(++i);
            }
            switch (opt) {
                case "r" -> rootdir = value;
                case "R" -> repoConfDir = value;
                case "c" -> chroot = value;
                case "o" -> {
                    // export_arg_option: a name already set is overridden, with a warning; no '=' is ignored.
                    int eq = value.indexOf('=');
                    if (eq > 0) {
                        String name = value.substring(0, eq);
                        String old = options.put(name, value.substring(eq + 1));
                        if (old != null) {
                            inv.err("pkg: option " + name + " is defined in the environment to '" + old
                                    + "' but command line option redefines it");
                        }
                    }
                }
                default -> throw new SimUnsupportedException("pkg -" + opt);
            }
        }
        if (rootdir != null && chroot != null) {
            throw new SimUnsupportedException("pkg's usage text after \"-j, -c and/or -r cannot be used at the same time!\"");
        }
        if (chroot != null) {
            throw new SimUnsupportedException("pkg -c");
        }
        return new Globals(rootdir, repoConfDir, options, new ArrayList<>(a.subList(i, a.size())));
    }
}
