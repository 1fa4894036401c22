package dev.jailspec.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command as it ran, for every event about it: the argv the transport ran, the argv as the
 * caller wrote it before a jail or chroot view put {@code jexec NAME} or {@code chroot DIR} in
 * front ({@code innerArgv}), those views from outside in ({@code within}, e.g. {@code ["jail lrdev",
 * "chroot /compat/rocky"]}, empty on the host itself), the variables it sets, and its intent.
 */
public record CommandInfo(List<String> argv, List<String> innerArgv, List<String> within, Map<String, String> env,
                          CommandIntent intent) {
    public CommandInfo {
        argv = List.copyOf(argv);
        innerArgv = List.copyOf(innerArgv);
        within = List.copyOf(within);
        env = Map.copyOf(env);
        Objects.requireNonNull(intent, "intent");
        if (argv.isEmpty() || innerArgv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program name: " + argv);
        }
    }

    /** A command run on the host itself, as written. */
    public static CommandInfo onHost(List<String> argv, CommandIntent intent) {
        return new CommandInfo(argv, argv, List.of(), Map.of(), intent);
    }

    /** "jail lrdev, chroot /compat/rocky", or "" on the host itself. */
    public String where() {
        return String.join(", ", within);
    }
}
