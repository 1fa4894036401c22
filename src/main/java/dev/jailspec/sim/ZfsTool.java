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

    /** `zfs version` per release (freebsd-facts 1.1). */
    private static final Map<String, String> VERSIONS = Map.of(
            "14.3", "zfs-2.2.7-FreeBSD_ge269af1b3\nzfs-kmod-2.2.7-FreeBSD_ge269af1b3\n",
            "14.2", "zfs-2.2.6-FreeBSD_g33174af15\nzfs-kmod-2.2.6-FreeBSD_g33174af15\n");

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

    private static int version(Invocation inv) {
        String release = inv.state().release.replaceAll("-RELEASE.*", "");
        String text = VERSIONS.get(release);
        if (text == null) {
            throw new SimUnsupportedException("zfs version on FreeBSD " + inv.state().release);
        }
        inv.out().out(text);
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

    /** zfs_open()'s error for a dataset that is not there. */
    static void cannotOpen(Invocation inv, String name) {
        inv.err("cannot open '" + name + "': dataset does not exist");
    }
}
