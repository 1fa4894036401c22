package dev.jailspec.report;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the reports need to know about an argv without running it: where it runs (the host, a
 * jail, a chroot inside a jail), whether it only reads state (a probe), and whether it is one of
 * the long activities that get progress on the console. Only looks at the argv as it ran.
 */
final class CommandKinds {
    /** Long activities, as named by {@code Command.kind()} in the host package. */
    static final String DOWNLOAD = "download";
    static final String EXTRACT = "extract";
    static final String UPDATE = "update";
    static final String DNF = "dnf";

    private static final Set<String> READ_ONLY_PROGRAMS = Set.of(
            "jls", "kldstat", "freebsd-version", "uname", "id", "whoami", "cat", "test", "[", "ls", "stat",
            "getent", "sha256", "sha512", "md5", "df", "du", "netstat", "pwd", "printenv", "readlink", "realpath");

    private CommandKinds() {
    }

    /** The argv without {@code jexec [opts] JAIL}, {@code chroot [opts] DIR} and {@code env VAR=...} in front. */
    static List<String> inner(List<String> argv) {
        List<String> rest = argv;
        while (!rest.isEmpty()) {
            String program = rest.get(0);
            int skip = switch (program) {
                case "jexec" -> skipOptionsAndOneOperand(rest, Set.of("-u", "-U"));
                case "chroot" -> skipOptionsAndOneOperand(rest, Set.of("-u", "-g", "-G"));
                case "env" -> skipAssignments(rest);
                default -> 0;
            };
            if (skip == 0 || skip >= rest.size()) {
                return rest;
            }
            rest = rest.subList(skip, rest.size());
        }
        return rest;
    }

    /** "jail lrdev", "jail lrdev, chroot /compat/rocky" or "" for the host itself. */
    static String where(List<String> argv) {
        var where = new StringBuilder();
        List<String> rest = argv;
        while (!rest.isEmpty() && (rest.get(0).equals("jexec") || rest.get(0).equals("chroot"))) {
            int skip = skipOptionsAndOneOperand(rest, rest.get(0).equals("jexec") ? Set.of("-u", "-U") : Set.of("-u", "-g", "-G"));
            if (skip == 0 || skip >= rest.size()) {
                break;
            }
            where.append(where.length() == 0 ? "" : ", ")
                    .append(rest.get(0).equals("jexec") ? "jail " : "chroot ").append(rest.get(skip - 1));
            rest = rest.subList(skip, rest.size());
        }
        return where.toString();
    }

    private static int skipOptionsAndOneOperand(List<String> argv, Set<String> optionsWithValue) {
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-") && !argv.get(i).equals("--")) {
            i += optionsWithValue.contains(argv.get(i)) ? 2 : 1;
        }
        if (i < argv.size() && argv.get(i).equals("--")) {
            i++;
        }
        return i < argv.size() ? i + 1 : 0;
    }

    private static int skipAssignments(List<String> argv) {
        int i = 1;
        while (i < argv.size() && (argv.get(i).contains("=") || argv.get(i).startsWith("-"))) {
            i++;
        }
        return i;
    }

    /**
     * True for commands that only read state (zfs list, jls, sysrc NAME, ifconfig NAME, ...). Anything
     * not known to be read-only counts as a change: the runbook errs on the side of "this changes things".
     */
    static boolean isProbe(List<String> argv) {
        List<String> cmd = inner(argv);
        if (cmd.isEmpty()) {
            return false;
        }
        String program = cmd.get(0);
        List<String> args = cmd.subList(1, cmd.size());
        if (READ_ONLY_PROGRAMS.contains(program)) {
            return true;
        }
        return switch (program) {
            case "zfs" -> !args.isEmpty() && Set.of("list", "get", "version", "-V", "--version").contains(args.get(0));
            case "zpool" -> !args.isEmpty() && Set.of("list", "get", "status", "version").contains(args.get(0));
            case "sysrc" -> args.stream().noneMatch(a -> a.contains("=") || a.equals("-x") || a.equals("-X"));
            case "sysctl" -> args.stream().noneMatch(a -> a.contains("="));
            case "ifconfig" -> args.size() <= 1 || args.equals(List.of("-l")) || args.get(0).equals("-g");
            case "route" -> args.contains("get") || args.contains("show");
            case "mount" -> args.stream().allMatch(a -> a.equals("-p") || a.equals("-v"));
            case "hostname" -> args.isEmpty();
            case "service" -> args.size() >= 2 && Set.of("status", "enabled", "rcvar", "describe").contains(args.get(1));
            case "rpm" -> !args.isEmpty() && args.get(0).startsWith("-q");
            case "tar" -> !args.isEmpty() && bundledFlags(args.get(0)).contains("t");
            case "dnf", "yum" -> args.contains("--help") || args.contains("repolist") || args.contains("list")
                    || args.contains("info") || args.contains("search");
            default -> false;
        };
    }

    /** The long activity an argv is, if any: a download, an extraction, an update, dnf. */
    static Optional<String> longActivity(List<String> argv) {
        List<String> cmd = inner(argv);
        if (cmd.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = cmd.subList(1, cmd.size());
        return switch (cmd.get(0)) {
            case "fetch", "curl", "wget" -> Optional.of(DOWNLOAD);
            case "tar", "bsdtar" -> !args.isEmpty() && (bundledFlags(args.get(0)).contains("x") || args.contains("--extract"))
                    ? Optional.of(EXTRACT) : Optional.empty();
            case "freebsd-update", "pkg" -> Optional.of(UPDATE);
            case "dnf", "yum", "microdnf" -> isProbe(argv) ? Optional.empty() : Optional.of(DNF);
            default -> Optional.empty();
        };
    }

    static boolean isDnf(List<String> argv) {
        List<String> cmd = inner(argv);
        return !cmd.isEmpty() && Set.of("dnf", "yum", "microdnf").contains(cmd.get(0));
    }

    /** {@code cat .../os-release}, the way the steps read a userland's release. */
    static boolean isOsRelease(List<String> argv) {
        List<String> cmd = inner(argv);
        return cmd.size() == 2 && cmd.get(0).equals("cat") && cmd.get(1).endsWith("/os-release");
    }

    /** {@code zfs list} with named columns beyond the name: a listing worth showing as a table. */
    static Optional<List<String>> zfsListColumns(List<String> argv) {
        List<String> cmd = inner(argv);
        if (cmd.size() < 2 || !cmd.get(0).equals("zfs") || !cmd.get(1).equals("list")) {
            return Optional.empty();
        }
        int o = cmd.indexOf("-o");
        if (o < 0 || o + 1 >= cmd.size()) {
            return Optional.empty();
        }
        List<String> columns = List.of(cmd.get(o + 1).split(","));
        return columns.size() > 1 ? Optional.of(columns) : Optional.empty();
    }

    /** "xpf" for "-xpf" or "xpf" (tar's old bundled form); "" for anything else. */
    private static String bundledFlags(String first) {
        if (first.startsWith("--")) {
            return "";
        }
        String flags = first.startsWith("-") ? first.substring(1) : first;
        return flags.chars().allMatch(Character::isLetter) ? flags : "";
    }
}
