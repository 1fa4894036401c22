package dev.jailspec.host.ssh;

import java.util.List;

/**
 * How a non-root login runs commands as root: never interactively ({@code -n}), so a rule that
 * wants a password ends the command at once with the tool's message instead of waiting for a
 * password nobody types.
 */
public enum Become {
    NONE(List.of(), List.of(), List.of(), "", ""),
    // sudo(8) -n: "If a password is required for the command to run, sudo will display an error
    // message and exit"; the message is "sudo: a password is required" (sudo's own test suite,
    // sudo-rs tests fails_if_password_needed, exit 1). Without -n and without a terminal sudo says
    // "a terminal is required to read the password"; a prompt is "[sudo] password for USER:".
    // A rule that does not cover the command: "Sorry, user U is not allowed to execute 'CMD' as root
    // on HOST." (exit 1). Both seen from Debian's sudo 1.9.13p3 in RealBecomeTest.
    SUDO(List.of("sudo", "-n"), List.of("sudo: a password is required", "sudo: a terminal is required",
            "[sudo] password for"), List.of("Sorry, user ", "is not in the sudoers file"),
            "allow it without a password, e.g. the line '%1$s ALL=(ALL) NOPASSWD: ALL' in"
                    + " /usr/local/etc/sudoers.d/jailspec (edit with visudo -f), or log in as root",
            "allow every command, e.g. the line '%1$s ALL=(ALL) NOPASSWD: ALL' in /usr/local/etc/sudoers.d/jailspec"
                    + " (edit with visudo -f)"),
    // doas(1) -n: "Non interactive mode, fail if the matching rule doesn't have the nopass option".
    // The text differs by build: FreeBSD's port security/doas (slicer69/doas doas.c, commit 014d865)
    // and OpenDoas without PAM say "Authorization required"; OpenBSD's doas.c and OpenDoas with PAM
    // (Debian's opendoas 6.8.2, seen in RealBecomeTest) "Authentication required". No matching permit
    // rule is errc(1, EPERM, NULL): "doas: Operation not permitted"; no config file is
    // "doas: doas is not enabled, <file>: No such file or directory" (parseconfig, err(1, ...)).
    DOAS(List.of("doas", "-n"), List.of("doas: Authorization required", "doas: Authentication required",
            "doas: a tty is required"), List.of("doas: Operation not permitted", "doas: doas is not enabled"),
            "allow it without a password with the line 'permit nopass %1$s as root' in /usr/local/etc/doas.conf,"
                    + " or log in as root",
            "permit it with the line 'permit nopass %1$s as root' in /usr/local/etc/doas.conf (pkg install doas)");

    private final List<String> prefix;
    private final List<String> passwordSigns;
    private final List<String> refusalSigns;
    private final String howToAllow;
    private final String howToPermit;

    Become(List<String> prefix, List<String> passwordSigns, List<String> refusalSigns, String howToAllow, String howToPermit) {
        this.prefix = prefix;
        this.passwordSigns = passwordSigns;
        this.refusalSigns = refusalSigns;
        this.howToAllow = howToAllow;
        this.howToPermit = howToPermit;
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

    /** Whether the stderr of a command run with {@link #prefix()} says that no rule lets the login user run it. */
    boolean refused(String stderr) {
        return refusalSigns.stream().anyMatch(sign -> stderr.lines().anyMatch(line -> line.contains(sign)));
    }

    /** What the user can do about a refusal, for {@code user} on the target. */
    String howToPermit(String user) {
        return String.format(howToPermit, user);
    }

    /** What the user can do about a password prompt, for {@code user} on the target. */
    String howToAllow(String user) {
        return String.format(howToAllow, user);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
