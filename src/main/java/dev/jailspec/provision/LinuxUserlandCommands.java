package dev.jailspec.provision;

import dev.jailspec.event.CommandKind;
import dev.jailspec.event.Highlight;
import dev.jailspec.host.Command;
import dev.jailspec.host.ShellQuote;
import dev.jailspec.linux.LinuxDistribution;
import java.util.List;
import java.util.Set;

/**
 * The commands a feature runs in the Linux userland, as written in its text ({@code "dnf -y
 * makecache"}), turned into commands that carry what jailspec knows of them: dnf gets the dnf
 * timeout and its whole output in the report; what only reads state (dnf's listings, {@code rpm
 * -q...}, {@code cat}) is a probe; an os-release read is shown under its path.
 */
final class LinuxUserlandCommands {
    private static final Set<String> READ_ONLY_PROGRAMS = Set.of("cat", "ls", "stat", "id", "uname", "getent", "test",
            "df", "readlink", "printenv");

    private LinuxUserlandCommands() {
    }

    /** {@code argv} in the userland of {@code distribution}, whose package manager it may call. */
    static Command of(LinuxDistribution distribution, List<String> argv) {
        Command c = Command.of(argv);
        String program = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        if (distribution.packageManagers().contains(program)) {
            c = c.withKind(CommandKind.DNF).withHighlight(new Highlight.Output(ShellQuote.join(argv) + ": output"));
            return args.stream().anyMatch(distribution.packageManagerReads()::contains) ? c.readingOnly() : c;
        }
        boolean rpmQuery = program.equals("rpm") && !args.isEmpty() && (args.get(0).startsWith("-q") || args.get(0).equals("-E"));
        if (rpmQuery || READ_ONLY_PROGRAMS.contains(program)) {
            c = c.readingOnly();
        }
        if (program.equals("cat") && args.size() == 1 && args.get(0).endsWith("/os-release")) {
            c = c.withHighlight(new Highlight.Stdout(args.get(0)));
        }
        return c;
    }
}
