package dev.jailspec.freebsd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses sysrc(8) output (freebsd-facts 5.1, from the upstream ATF test's exact expectations).
 *
 * <ul>
 *   <li>query: {@code NAME: VALUE}, one line per variable; an empty value leaves a trailing
 *       space ({@code test2_list: });</li>
 *   <li>assignment: {@code NAME: BEFORE -> AFTER}; unset before gives {@code NAME:  -> AFTER}.</li>
 * </ul>
 */
public final class SysrcParser {
    private static final Pattern LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?");
    private static final String ARROW = " -> ";

    private SysrcParser() {
    }

    /** {@code sysrc NAME...}: the values by name, in output order. */
    public static Map<String, String> parseValues(String stdout) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = match(line);
            out.put(m.group(1), m.group(2) == null ? "" : m.group(2));
        }
        return out;
    }

    /**
     * {@code sysrc NAME=VALUE}: exactly one change line. The before/after split is at the first
     * {@code " -> "}; when the new value is known, use {@link #parseChange(String, String)}.
     */
    public static SysrcChange parseChange(String stdout) {
        String line = onlyLine(stdout);
        Matcher m = match(line);
        String rest = m.group(2) == null ? "" : m.group(2);
        int arrow = rest.indexOf(ARROW);
        if (arrow >= 0) {
            return new SysrcChange(m.group(1), rest.substring(0, arrow), rest.substring(arrow + ARROW.length()));
        }
        if (rest.endsWith(" ->")) {
            // "NAME:  -> " with the trailing space lost: empty after.
            return new SysrcChange(m.group(1), rest.substring(0, rest.length() - 3), "");
        }
        throw new IllegalArgumentException("not a sysrc change line (NAME: BEFORE -> AFTER): " + line);
    }

    /**
     * Like {@link #parseChange(String)} but splits before the known new value, so a value that
     * itself contains {@code " -> "} is read correctly.
     */
    public static SysrcChange parseChange(String stdout, String after) {
        String line = onlyLine(stdout);
        Matcher m = match(line);
        String rest = m.group(2) == null ? "" : m.group(2);
        String suffix = ARROW + after;
        if (rest.endsWith(suffix)) {
            return new SysrcChange(m.group(1), rest.substring(0, rest.length() - suffix.length()), after);
        }
        if (after.isEmpty() && rest.endsWith(" ->")) {
            return new SysrcChange(m.group(1), rest.substring(0, rest.length() - 3), "");
        }
        throw new IllegalArgumentException("sysrc did not report the new value '" + after + "': " + line);
    }

    private static String onlyLine(String stdout) {
        List<String> lines = stdout.lines().filter(l -> !l.isEmpty()).toList();
        if (lines.size() != 1) {
            throw new IllegalArgumentException("expected one sysrc change line, got " + lines.size() + ": " + stdout);
        }
        return lines.get(0);
    }

    private static Matcher match(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a sysrc output line (NAME: ...): " + line);
        }
        return m;
    }
}
