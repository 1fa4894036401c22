package dev.jailspec.provision;

import dev.jailspec.host.Host;
import java.util.List;
import java.util.Optional;

/**
 * Reads /etc/rc.conf itself (not through sysrc, which also reports /etc/defaults/rc.conf), so
 * teardown can tell a value the admin set from one that was only a default.
 */
final class RcConfFile {
    static final String PATH = "/etc/rc.conf";
    private final Host host;

    RcConfFile(Host host) {
        this.host = host;
    }

    /** The value the file sets for {@code variable} (last assignment wins, as in sh), if any. */
    Optional<String> value(String variable) {
        if (host.stat(PATH).isEmpty()) {
            return Optional.empty();
        }
        String found = null;
        for (String line : host.readText(PATH).lines().toList()) {
            String l = line.strip();
            if (l.startsWith(variable + "=")) {
                found = unquote(l.substring(variable.length() + 1));
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The undos that put back how the file sets each of {@code variables} that is not YES yet, for a
     * step about to set them to YES; a variable that is YES already is not the step's change.
     */
    List<Undo> restoresOfNotYes(List<String> variables) {
        return variables.stream().filter(v -> !value(v).filter("YES"::equalsIgnoreCase).isPresent())
                .<Undo>map(v -> new Undo.RestoreRcConf(v, value(v).orElse(null))).toList();
    }

    private static String unquote(String v) {
        int hash = v.indexOf(" #");
        String value = hash >= 0 ? v.substring(0, hash).strip() : v;
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
