package dev.jailspec.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jailspec's section of {@code /etc/devfs.rules}: the ruleset of the Linux userland's /dev.
 * It shows what the jail's own ruleset 4 shows, plus {@code shm} (the tmpfs mount point that
 * linux_common.ko makes, which ruleset 4 hides) and {@code fd} (fdescfs' mount point; also in
 * ruleset 4, named here so the Linux mounts do not depend on it).
 *
 * <p>Format from sbin/devfs/devfs.rules (freebsd-src 1b1334b1, installed as
 * /etc/defaults/devfs.rules): a {@code [name=N]} line starts a ruleset, other lines are devfs(8)
 * rule commands, {@code $name} is a ruleset defined before. rc.subr devfs_rulesets_from_file()
 * skips lines that start with {@code #}, so the section's mark lines are comments. Ruleset 4
 * ({@code devfsrules_jail}) = hide all, unhide basic (null zero crypto random urandom), unhide
 * login (pty/tty, ptmx, pts, fd, stdin/out/err), fuse, zfs.
 */
public final class DevfsRules {
    public static final String PATH = "/etc/devfs.rules";
    public static final String NAME = "jailspec_linux";
    private static final String BEGIN = JailConfTemplate.MARK + " run=";
    private static final String END = JailConfTemplate.MARK + " end";
    /** rc.subr: {@code expr "$line" : "\[.*=\([0-9]*\)\]"} on lines matching {@code \[*\]*}. */
    private static final Pattern RULESET_LINE = Pattern.compile("^\\s*\\[(.*)=([0-9]*)\\]");

    private DevfsRules() {
    }

    /** The section this run writes for ruleset {@code n}, ending in a newline. */
    public static String section(String runId, int n) {
        return BEGIN + runId + " begin: the Linux /dev of jailspec's jail; teardown removes this block\n"
                + "[" + NAME + "=" + n + "]\n"
                + "add include $devfsrules_jail\n"
                + "add path fd unhide\n"
                + "add path 'fd/*' unhide\n"
                + "add path shm unhide\n"
                + "add path 'shm/*' unhide\n"
                + END + "\n";
    }

    /** {@code content} with jailspec's section replaced by {@code section}, or with it appended. */
    public static String with(String content, String section) {
        String rest = without(content);
        if (rest.isEmpty()) {
            return section;
        }
        return rest + (rest.endsWith("\n") ? "" : "\n") + section;
    }

    /** {@code content} without jailspec's section (of any run); unchanged when there is none. */
    public static String without(String content) {
        List<String> kept = new ArrayList<>();
        boolean inside = false;
        for (String line : content.split("\n", -1)) {
            if (!inside && line.startsWith(BEGIN)) {
                inside = true;
            } else if (inside && line.equals(END)) {
                inside = false;
            } else if (!inside) {
                kept.add(line);
            }
        }
        String out = String.join("\n", kept);
        return out.equals("\n") ? "" : out;
    }

    /** Whether {@code content} holds jailspec's section. */
    public static boolean hasSection(String content) {
        return !without(content).equals(content);
    }

    /** The name of a ruleset outside jailspec's section that has number {@code n}, if any. */
    public static Optional<String> otherRulesetNumbered(String content, int n) {
        for (String line : without(content).lines().toList()) {
            Matcher m = RULESET_LINE.matcher(line);
            if (m.find() && m.group(2).equals(Integer.toString(n))) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
