package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * zfs(8) of OpenZFS 2.2.7 (FreeBSD 14.3): create, destroy, snapshot, clone, list, get, set,
 * inherit and version. Errors are libzfs's {@code "cannot <action> '<name>': <reason>"} on
 * stderr with status 1, bad usage prints the usage with status 2 (freebsd-facts 1.5).
 */
final class ZfsTool implements SimTool {
    private static final Set<String> NOT_MODELLED = Set.of("rollback", "promote", "rename", "bookmark", "program",
            "upgrade", "userspace", "groupspace", "projectspace", "project", "mount", "unmount", "share", "unshare",
            "send", "receive", "allow", "unallow", "hold", "holds", "release", "diff", "load-key", "unload-key",
            "change-key", "redact", "wait", "jail", "unjail", "help");
    private static final Map<String, String> ALIASES = Map.of("snap", "snapshot", "recv", "receive",
            "umount", "unmount", "-V", "version", "--version", "version");

    @Override
    public String name() {
        return "zfs";
    }

    @Override
    public List<String> paths() {
        return List.of("/sbin/zfs");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        if (inv.args().isEmpty()) {
            inv.err("missing command");
            inv.out().err(ZfsUsage.general());
            return ZfsUsage.EXIT;
        }
        String command = ALIASES.getOrDefault(inv.args().get(0), inv.args().get(0));
        List<String> args = inv.args().subList(1, inv.args().size());
        Zfs zfs = new Zfs(inv.machine());
        return switch (command) {
            case "version" -> version(inv);
            case "create" -> new ZfsCreate(inv, zfs).run(args);
            case "destroy" -> new ZfsDestroy(inv, zfs).run(args);
            case "snapshot" -> new ZfsSnapshot(inv, zfs).run(args);
            case "clone" -> new ZfsClone(inv, zfs).run(args);
            case "list" -> new ZfsList(inv, zfs).run(args);
            case "get" -> new ZfsGet(inv, zfs).run(args);
            case "set" -> new ZfsSet(inv, zfs).set(args);
            case "inherit" -> new ZfsSet(inv, zfs).inherit(args);
            default -> {
                if (NOT_MODELLED.contains(command)) {
                    throw new SimUnsupportedException("zfs " + command);
                }
                inv.err("unrecognized command '" + command + "'");
                inv.out().err(ZfsUsage.general());
                yield ZfsUsage.EXIT;
            }
        };
    }

    /**
     * {@code zfs version}: the release's OpenZFS from the catalogue (freebsd-facts 1.1 for the line
     * format); a git revision no source shows is printed as a bracketed not-verified marker, so a
     * report never passes a guess off as a real revision.
     */
    private static int version(Invocation inv) {
        if (inv.args().size() > 1) {
            throw new SimUnsupportedException("zfs version " + String.join(" ", inv.args().subList(1, inv.args().size())));
        }
        inv.out().out(Release.catalogued(inv.state().release, "zfs version").openZfs().versionOutput());
        return 0;
    }

    /**
     * getopt(3) the way zfs_main.c runs it, with {@code opterr = 0} and each subcommand's own
     * optstring, as at zfs-2.2.7 (cmd/zfs/zfs_main.c, read at the tag): a bad option prints
     * {@code invalid option 'x'}; a missing argument is reported as such only where the optstring
     * starts with ':' (getopt returns ':'), as {@code missing argument for 'x' option}, or for
     * create, whose ':' case says {@code missing size argument}; elsewhere getopt returns '?' and
     * the option is "invalid". Then the usage. Returns null after printing.
     */
    static Getopt options(Invocation inv, String command, List<String> args, String optstring) {
        try {
            return Getopt.parse(args, optstring);
        } catch (Getopt.GetoptException e) {
            boolean colon = optstring.startsWith(":");
            inv.err(!e.missingArgument() || !colon ? "invalid option '" + e.option() + "'"
                    : command.equals("create") ? "missing size argument"
                    : "missing argument for '" + e.option() + "' option");
            inv.out().err(ZfsUsage.of(command));
            return null;
        }
    }

    /** strtol(opt, &end, 0)'s words: blanks, a sign, then hexadecimal, octal or decimal digits. */
    private static final java.util.regex.Pattern STRTOL =
            java.util.regex.Pattern.compile("[ \\t\\n\\x0B\\f\\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)");

    /**
     * -d of get and list: parse_depth() of zfs_main.c at zfs-2.2.7. strtol(opt, &tmp, 0) must use the
     * whole word ({@code X is not an integer}) and the depth must not be negative
     * ({@code Depth can not be negative.}), each followed by the usage; an empty word is depth 0.
     * Empty after printing.
     */
    static java.util.OptionalInt depth(Invocation inv, String command, String opt) {
        java.util.regex.Matcher m = STRTOL.matcher(opt);
        if (!opt.isEmpty() && !m.matches()) {
            inv.err(opt + " is not an integer");
            ZfsUsage.fail(inv, command);
            return java.util.OptionalInt.empty();
        }
        long value = 0;
        if (!opt.isEmpty()) {
            String digits = m.group(2);
            java.math.BigInteger v = digits.startsWith("0x") || digits.startsWith("0X")
                    ? new java.math.BigInteger(digits.substring(2), 16)
                    : digits.length() > 1 && digits.startsWith("0") ? new java.math.BigInteger(digits.substring(1), 8)
                    : new java.math.BigInteger(digits);
            value = (m.group(1).equals("-") ? v.negate() : v).max(java.math.BigInteger.valueOf(Integer.MIN_VALUE))
                    .min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).longValue();
        }
        if (value < 0) {
            inv.err("Depth can not be negative.");
            ZfsUsage.fail(inv, command);
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of((int) value);
    }

    /** zfs_open()'s error for a dataset that is not there. */
    static void cannotOpen(Invocation inv, String name) {
        inv.err("cannot open '" + name + "': dataset does not exist");
    }
}
