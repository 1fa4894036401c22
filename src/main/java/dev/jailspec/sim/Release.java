package dev.jailspec.sim;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Version strings of the FreeBSD releases the simulator knows (freebsd-facts 5.2). */
final class Release {
    /** {@code uname -v}'s build tag of each release kernel, from real {@code uname -a} transcripts. */
    private static final Map<String, String> BUILD_TAGS = Map.of(
            "14.3-RELEASE", "releng/14.3-n271432-8c9ce319fef7",
            "14.1-RELEASE", "releng/14.1-n267679-10e31f0946d8",
            "13.2-RELEASE", "releng/13.2-n254617-525ecfdad597");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)-[A-Z0-9]+(-p\\d+)?");
    private static final Pattern USERLAND = Pattern.compile("(?m)^USERLAND_VERSION=\"?([^\"\\s]+)\"?\\s*$");

    private Release() {
    }

    /** {@code uname -v}: {@code FreeBSD 14.3-RELEASE releng/14.3-n271432-8c9ce319fef7 GENERIC}. */
    static String kernelVersion(String release) {
        String tag = BUILD_TAGS.get(release);
        if (tag == null) {
            throw new SimUnsupportedException("uname -v for FreeBSD " + release + " (its build tag is not known)");
        }
        return "FreeBSD " + release + " " + tag + " GENERIC";
    }

    /** __FreeBSD_version: 1403000 for 14.3. */
    static String osreldate(String release) {
        Matcher m = VERSION.matcher(release);
        if (!m.matches()) {
            throw new SimUnsupportedException("__FreeBSD_version of " + release);
        }
        return m.group(1) + String.format("%02d", Integer.parseInt(m.group(2))) + "000";
    }

    /** The {@code USERLAND_VERSION} a freebsd-version script has baked in. */
    static Optional<String> userlandOf(String script) {
        Matcher m = USERLAND.matcher(script);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** {@code script} with its USERLAND_VERSION line set to {@code version}. */
    static String withUserland(String script, String version) {
        return USERLAND.matcher(script).replaceFirst("USERLAND_VERSION=\"" + Matcher.quoteReplacement(version) + "\"");
    }
}
