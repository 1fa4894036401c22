package dev.jailspec.freebsd;

import dev.jailspec.event.CommandKind;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * pkg(8) building and patching a pkgbase template (FreeBSD 15.0 and later,
 * {@link ReleaseChange#PKGBASE_REPOSITORY}): the base system's packages from the FreeBSD-base
 * repository installed into a directory, and upgraded there instead of freebsd-update.
 *
 * <p>The command lines follow pkg's own option tables (freebsd/pkg src/main.c: the global
 * {@code -r/--rootdir} and {@code -R/--repo-conf-dir}, parsed with a leading "+" so they stand
 * before the command; src/install.c {@code "+ACfFgiIlMnqr:RUxy"} and src/upgrade.c
 * {@code "+CfFgiInqr:Uxyv"}: {@code -r/--repository}, {@code -y/--yes}) [UNVERIFIED: read in an
 * unpinned copy of freebsd/pkg, not the pkg 2.x a 15.x host installs]. The set a jail needs is
 * {@code FreeBSD-set-minimal-jail} (15.1R relnotes, System Packaging Changes; the same name in
 * public jail scripts). Groundwork for the pkgbase template of issue 16: not wired into the
 * procedure yet, and the simulator has no pkg.
 */
public final class Pkg {
    public static final String BASE_REPOSITORY = "FreeBSD-base";
    public static final String MINIMAL_JAIL_SET = "FreeBSD-set-minimal-jail";

    private final Host host;

    public Pkg(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** {@code pkg --rootdir ROOT --repo-conf-dir REPOS install --yes --repository FreeBSD-base PACKAGE...}. */
    public CommandResult installBase(String rootdir, String repoConfDir, List<String> packages) {
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("name at least one package, e.g. " + MINIMAL_JAIL_SET);
        }
        var argv = new ArrayList<>(global(rootdir, repoConfDir));
        argv.addAll(List.of("install", "--yes", "--repository", BASE_REPOSITORY));
        argv.addAll(packages);
        return host.run(Command.of(argv).withKind(CommandKind.EXTRACT));
    }

    /** {@code pkg --rootdir ROOT --repo-conf-dir REPOS upgrade --yes --repository FreeBSD-base}: the template's patches. */
    public CommandResult upgradeBase(String rootdir, String repoConfDir) {
        var argv = new ArrayList<>(global(rootdir, repoConfDir));
        argv.addAll(List.of("upgrade", "--yes", "--repository", BASE_REPOSITORY));
        return host.run(Command.of(argv).withKind(CommandKind.UPDATE));
    }

    private static List<String> global(String rootdir, String repoConfDir) {
        for (String dir : List.of(rootdir, repoConfDir)) {
            if (!dir.startsWith("/")) {
                throw new IllegalArgumentException("pkg needs absolute directories, got '" + dir + "'");
            }
        }
        return List.of("pkg", "--rootdir", rootdir, "--repo-conf-dir", repoConfDir);
    }

    /**
     * The FreeBSD-base repository as FreeBSD defines it (usr.sbin/pkg/FreeBSD.conf.quarterly-release:
     * url, mirror_type, signature_type, fingerprints), but enabled: the file jailspec puts in its
     * own repository directory, so the host's /etc/pkg and /usr/local/etc/pkg stay as they are.
     * [UNVERIFIED: read in an unpinned copy; ${ABI} and ${VERSION_MINOR} are pkg's, expanded from
     * the release pkg detects, the host's when the root is still empty]
     */
    public static String baseRepositoryConf() {
        return """
                FreeBSD-base: {
                  url: "pkg+https://pkg.FreeBSD.org/${ABI}/base_release_${VERSION_MINOR}",
                  mirror_type: "srv",
                  signature_type: "fingerprints",
                  fingerprints: "/usr/share/keys/pkgbase-${VERSION_MAJOR}",
                  enabled: yes
                }
                """;
    }

    /**
     * Where the base packages' signing keys are ({@code /usr/share/keys/pkgbase-15}): pkg reads
     * the fingerprints inside the root, so they are copied there before the first install (as the
     * 15.0 release notes' upgrade note copies {@code share/keys/pkgbase-15}, and public jail scripts do).
     */
    public static String keysDir(ReleaseVersion release) {
        if (release.major() < 15) {
            throw new IllegalArgumentException("pkgbase templates need FreeBSD 15.0 or later, got " + release);
        }
        return "/usr/share/keys/pkgbase-" + release.major();
    }
}
