package dev.jailspec.sim;

import java.util.Map;
import java.util.Set;

/**
 * zfs(8)'s usage text (get_usage() of cmd/zfs/zfs_main.c, OpenZFS 2.2 as in FreeBSD 14.3; the
 * commands' lines, the property table for set/get/inherit/list and the three hints of usage()
 * compared with the file at zfs-2.2.7): printed to stderr with exit status 2 on bad usage
 * (freebsd-facts 1.5).
 */
final class ZfsUsage {
    static final int EXIT = 2;

    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("version", "\tversion\n"),
            Map.entry("create", "\tcreate [-Pnpuv] [-o property=value] ... <filesystem>\n"
                    + "\tcreate [-Pnpsv] [-b blocksize] [-o property=value] ... -V <size> <volume>\n"),
            Map.entry("destroy", "\tdestroy [-fnpRrv] <filesystem|volume>\n"
                    + "\tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%<snap>][,...]\n"
                    + "\tdestroy <filesystem|volume>#<bookmark>\n"),
            Map.entry("snapshot", "\tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ...\n"),
            Map.entry("clone", "\tclone [-p] [-o property=value] ... <snapshot> <filesystem|volume>\n"),
            Map.entry("list", "\tlist [-Hp] [-r|-d max] [-o property[,...]] [-s property]...\n"
                    + "\t    [-S property]... [-t type[,...]] [filesystem|volume|snapshot] ...\n"),
            Map.entry("set", "\tset [-u] <property=value> ... <filesystem|volume|snapshot> ...\n"),
            Map.entry("get", "\tget [-rHp] [-d max] [-o \"all\" | field[,...]]\n"
                    + "\t    [-t type[,...]] [-s source[,...]]\n"
                    + "\t    <\"all\" | property[,...]> [filesystem|volume|snapshot|bookmark] ...\n"),
            Map.entry("inherit", "\tinherit [-rS] <property> <filesystem|volume|snapshot> ...\n"));

    private static final Set<String> WITH_PROPERTY_TABLE = Set.of("set", "get", "inherit", "list");

    private ZfsUsage() {
    }

    /** usage(B_FALSE) inside a command: the command's usage, then the property table or the help hints. */
    static String of(String command) {
        StringBuilder sb = new StringBuilder("usage:\n").append(COMMANDS.get(command));
        if (WITH_PROPERTY_TABLE.contains(command)) {
            sb.append(ZfsProps.usageTable());
        } else {
            sb.append("\nFor the property list, run: zfs set|get\n");
            sb.append("\nFor the delegated permission list, run: zfs allow|unallow\n");
            sb.append("\nFor further help on a command or topic, run: zfs help [<topic>]\n");
        }
        return sb.toString();
    }

    /** Prints the usage of {@code command} to stderr and returns zfs(8)'s exit status for it. */
    static int fail(Invocation inv, String command) {
        inv.out().err(of(command));
        return EXIT;
    }

    /** usage(B_FALSE) outside any command (no or unknown command); lists the modelled commands only. */
    static String general() {
        StringBuilder sb = new StringBuilder("usage: zfs command args ...\nwhere 'command' is one of the following:\n\n");
        for (String c : new String[] {"version", null, "create", "destroy", null, "snapshot", "clone", null, "list",
            null, "set", "get", "inherit"}) {
            sb.append(c == null ? "\n" : COMMANDS.get(c));
        }
        sb.append("\nEach dataset is of the form: pool/[dataset/]*dataset[@name]\n");
        sb.append("\nFor the property list, run: zfs set|get\n");
        sb.append("\nFor the delegated permission list, run: zfs allow|unallow\n");
        sb.append("\nFor further help on a command or topic, run: zfs help [<topic>]\n");
        return sb.toString();
    }
}
