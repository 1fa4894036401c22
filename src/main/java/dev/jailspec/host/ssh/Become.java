package dev.jailspec.host.ssh;

import java.util.List;

/**
 * How a non-root login runs commands as root: never interactively ({@code -n}), so a rule that
 * wants a password ends the command at once with the tool's message instead of waiting for a
 * password nobody types.
 */
public enum Become {
    NONE(List.of(), List.of(), ""),
    // sudo(8) -n: "If a password is required for the command to run, sudo will display an error
    // message and exit"; the message is "sudo: a password is required" (sudo's own test suite,
    // sudo-rs tests fails_if_password_needed, exit 1). Without -n and without a terminal sudo says
    // "a terminal is required to read the password"; a prompt is "[sudo] password for USER:".
    SUDO(List.of("sudo", "-n"), List.of("sudo: a password is required", "sudo: a terminal is required",
            "[sudo] password for"),
            "allow it without a password, e.g. the line '%1$s ALL=(ALL) NOPASSWD: ALL' in"
                    + " /usr/local/etc/sudoers.d/jailspec (edit with visudo -f), or log in as root"),
    // doas(1) -n: "Non interactive mode, fail if the matching rule doesn't have the nopass option".
    // [UNVERIFIED: the exact text; OpenBSD doas.c says "Authorization required" (errx, exit 1)]
    DOAS(List.of("doas", "-n"), List.of("doas: Authorization required", "doas: a password is required"),
            "allow it without a password with the line 'permit nopass %1$s as root' in /usr/local/etc/doas.conf,"
                    + " or log in as root");

    private final List<String> prefix;
    private final List<String> passwordSigns;
    private final String howToAllow;

    Become(List<String> prefix, List<String> passwordSigns, String howToAllow) {
        this.prefix = prefix;
        this.passwordSigns = passwordSigns;
        this.howToAllow = howToAllow;
    }

    public static Become parse(String value) {
        return switch (value) {
            case "none" -> NONE;
            case "sudo" -> SUDO;
            case "doas" -> DOAS;
            default -> throw new IllegalArgumentException("become '" + value + "': use none, sudo or doas");
        };
    }

    /** The words put in front of every command's argv. */
    public List<String> prefix() {
        return prefix;
    }

    /** Whether the stderr of a command run with {@link #prefix()} says that it wanted a password. */
    boolean askedForPassword(String stderr) {
        return passwordSigns.stream().anyMatch(sign -> stderr.lines().anyMatch(line -> line.startsWith(sign)));
    }

    /** What the user can do about it, for {@code user} on the target. */
    String howToAllow(String user) {
        return String.format(howToAllow, user);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
