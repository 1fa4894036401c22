package dev.jailspec.sim;

import dev.jailspec.freebsd.FreebsdRelease;
import dev.jailspec.freebsd.FreebsdReleases;
import dev.jailspec.freebsd.ReleaseVersion;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Version strings of the catalogued FreeBSD releases, as the simulator prints them (freebsd-facts 5.2). */
final class Release {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)-[A-Z0-9]+(-p\\d+)?");
    private static final Pattern USERLAND = Pattern.compile("(?m)^USERLAND_VERSION=\"?([^\"\\s]+)\"?\\s*$");

    private Release() {
    }

    /**
     * {@code uname -v}: {@code FreeBSD 14.5-RELEASE releng/14.5-n274872-4099b5c82880 GENERIC}, the
     * release's GENERIC kernel as the catalogue has it (each from a real uname -a transcript, see
     * FreebsdReleases). A patched kernel is built from the release's security branch with another
     * commit count and hash, which the catalogue does not hold.
     */
    static String kernelVersion(String release) {
        if (ReleaseVersion.parse(release).patch() > 0) {
            throw new SimUnsupportedException("uname -v of a patched kernel (FreeBSD " + release
                    + "): its build tag is not in the release catalogue");
        }
        return catalogued(release, "uname -v").build().unameV();
    }

    /** The catalogue's entry for the host's {@code release}, or unsupported: the sim models catalogued releases only. */
    static FreebsdRelease catalogued(String release, String what) {
        return FreebsdReleases.find(release).orElseThrow(() -> new SimUnsupportedException(what + " on FreeBSD "
                + release + " (not in the release catalogue, dev.jailspec.freebsd.FreebsdReleases)"));
    }

    /**
     * A jail's userland newer than the host's kernel. The Handbook (jails chapter) says "The FreeBSD
     * version running in the jail can not be newer than the version running in the host" (freebsd-facts
     * 4.4): the jail runs on the host's kernel. What the newer binaries then do (a system call the older
     * kernel lacks) was not found in a source, so it is not simulated: refused before jail(8) changes
     * anything. A root without freebsd-version is not checked.
     */
    static void requireUserlandNotNewer(SimFileSystem host, String jailPath, String jailName, String kernel)
            throws IOException {
        String script = jailPath.replaceAll("/+$", "") + FreebsdVersionTool.SCRIPT;
        if (!host.isRegularFile(script)) {
            return;
        }
        Optional<String> userland = userlandOf(host.readText(script));
        if (userland.isEmpty()) {
            return;
        }
        ReleaseVersion u = ReleaseVersion.parse(userland.get());
        ReleaseVersion k = ReleaseVersion.parse(kernel);
        if (u.isNewerReleaseThan(k)) {
            throw new SimUnsupportedException("starting jail " + jailName + " whose userland " + u + " is newer than the"
                    + " host's kernel " + k + ": FreeBSD does not support it (Handbook, jails: \""
                    + ReleaseVersion.JAIL_NOT_NEWER_THAN_HOST + "\"), and what its binaries then do is not simulated");
        }
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
