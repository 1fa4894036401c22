package dev.jailspec.freebsd;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises jexec(8)'s own failures in stderr (freebsd-facts 2.5). The exit status alone
 * cannot tell them apart from the command's: jexec exec()s the command, so a status of 1 may be
 * the command's own.
 */
public final class JexecParser {
    /**
     * jexec.c: {@code jail_getid()} fails and jexec prints {@code errx(1, "%s", jail_errmsg)}, the
     * kernel's text (kern_jail.c kern_jail_get [UNVERIFIED: an unpinned 14-era copy, not releng/14.3]): {@code
     * not found}, or
     * {@code is dying} for a jail removed whose prison is not freed yet (freebsd-facts 9.3).
     */
    private static final Pattern NOT_RUNNING = Pattern.compile(
            "(?m)^jexec: jail (?:\"(.*)\"|(\\d+)) (not found|is dying)$");

    private JexecParser() {
    }

    /**
     * The jail named in {@code jexec: jail "NAME" not found} (or {@code jail N not found}), or in
     * {@code jexec: jail "NAME" is dying}: either way it is not running.
     */
    public static Optional<String> missingJail(String stderr) {
        Matcher m = NOT_RUNNING.matcher(stderr);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** Whether jexec said the jail is dying rather than absent. */
    public static boolean dying(String stderr) {
        Matcher m = NOT_RUNNING.matcher(stderr);
        return m.find() && m.group(3).equals("is dying");
    }
}
