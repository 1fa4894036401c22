package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rc.conf(5) variables as sh(1) would see them after sourcing {@code /etc/defaults/rc.conf} and
 * then each of {@code rc_conf_files}: later assignments win. Only plain assignments
 * ({@code name="value"}, {@code name='value'}, {@code name=value}) are understood; that is all
 * sysrc(8) writes (freebsd-facts 5.1). {@link #checkyesno} is rc.subr's test behind the
 * jail_enable check (freebsd-facts 2.3).
 */
final class RcConf {
    static final String DEFAULTS = "/etc/defaults/rc.conf";
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^\\s*([A-Za-z_][A-Za-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([^\\s#;]*))\\s*(?:[#;].*)?$");

    private RcConf() {
    }

    /** One {@code name=value} line found in a file. */
    record Assignment(String name, String value, int line) {
    }

    static List<Assignment> parse(String text) {
        List<Assignment> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ASSIGNMENT.matcher(lines[i]);
            if (m.matches()) {
                String value = m.group(3) != null ? unescape(m.group(3)) : m.group(4) != null ? m.group(4) : m.group(5);
                out.add(new Assignment(m.group(1), value, i));
            }
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replaceAll("\\\\(.)", "$1");
    }

    /** The variables of the given files, defaults first. Missing files are skipped, like sh's {@code [ -r ]} checks. */
    static Map<String, String> load(SimFileSystem fs, List<String> files) throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String file : files) {
            if (fs.isRegularFile(file)) {
                for (Assignment a : parse(fs.readText(file))) {
                    vars.put(a.name(), a.value());
                }
            }
        }
        return vars;
    }

    /** The files rc(8) reads after the defaults: {@code rc_conf_files} of the defaults file. */
    static List<String> rcConfFiles(SimFileSystem fs) throws IOException {
        String files = load(fs, List.of(DEFAULTS)).getOrDefault("rc_conf_files", "/etc/rc.conf /etc/rc.conf.local");
        return List.of(files.trim().split("\\s+"));
    }

    /** Everything rc.d scripts see: defaults, then rc_conf_files. */
    static Map<String, String> effective(SimFileSystem fs) throws IOException {
        List<String> files = new ArrayList<>();
        files.add(DEFAULTS);
        files.addAll(rcConfFiles(fs));
        return load(fs, files);
    }

    static Optional<String> value(SimFileSystem fs, String name) throws IOException {
        return Optional.ofNullable(effective(fs).get(name));
    }

    /** rc.subr's checkyesno: YES/TRUE/ON/1 are yes, NO/FALSE/OFF/0 are no, in any case. */
    static boolean checkyesno(String value) {
        return value != null && value.toUpperCase(java.util.Locale.ROOT).matches("YES|TRUE|ON|1");
    }
}
