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
    private static final Pattern NOT_FOUND = Pattern.compile("(?m)^jexec: jail (?:\"(.*)\"|(\\d+)) not found$");

    private JexecParser() {
    }

    /** The jail named in {@code jexec: jail "NAME" not found} (or {@code jail N not found}). */
    public static Optional<String> missingJail(String stderr) {
        Matcher m = NOT_FOUND.matcher(stderr);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }
}
