package dev.jailspec.linux.rocky;

import java.net.URI;

/**
 * Where RPM Fusion's release packages are: the how-to's
 * {@code https://mirrors.rpmfusion.org/KIND/el/rpmfusion-KIND-release-$(rpm -E %rhel).noarch.rpm},
 * built here from what {@code rpm -E %rhel} printed instead of by a shell.
 */
public final class RpmFusion {
    public static final String MIRROR = "https://mirrors.rpmfusion.org/";

    private RpmFusion() {
    }

    /** The release RPM of repository {@code kind} ({@code free} or {@code nonfree}) for EL {@code major}. */
    public static URI releaseRpm(String kind, String major) {
        if (!kind.equals("free") && !kind.equals("nonfree")) {
            throw new IllegalArgumentException("RPM Fusion has the repositories free and nonfree, not '" + kind + "'");
        }
        if (!major.matches("\\d+")) {
            throw new IllegalArgumentException("'" + major + "' is not an EL major release: expected what"
                    + " `rpm -E %rhel` prints, e.g. 9");
        }
        return URI.create(MIRROR + kind + "/el/rpmfusion-" + kind + "-release-" + major + ".noarch.rpm");
    }
}
