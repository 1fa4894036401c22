package dev.jailspec.sim;

import dev.jailspec.freebsd.FreebsdRelease;
import dev.jailspec.freebsd.FreebsdReleases;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Version strings of the FreeBSD releases the simulator knows (freebsd-facts 5.2). */
final class Release {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)-[A-Z0-9]+(-p\\d+)?");
    private static final Pattern USERLAND = Pattern.compile("(?m)^USERLAND_VERSION=\"?([^\"\\s]+)\"?\\s*$");

    private Release() {
    }

    /**
     * {@code uname -v}: {@code FreeBSD 14.5-RELEASE releng/14.5-n274872-4099b5c82880 GENERIC}, the build
     * tag from the release table (each from a real uname -a transcript, see FreebsdReleases).
     */
    static String kernelVersion(String release) {
        String tag = FreebsdReleases.find(release).flatMap(FreebsdRelease::build).map(FreebsdRelease.Build::unameTag)
                .orElseThrow(() -> new SimUnsupportedException("uname -v for FreeBSD " + release
                        + " (its build tag is not in the release table)"));
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
