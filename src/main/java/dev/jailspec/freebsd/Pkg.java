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
 * <p>The command lines follow pkg's own option tables: freebsd/pkg src/main.c, global options
 * {@code "+dj:c:C:R:r:lNvo:46"} with {@code --rootdir} ({@code -r}), {@code --repo-conf-dir}
 * ({@code -R}) and {@code -o NAME=VALUE} (exported to the environment as pkg's configuration),
 * parsed with a leading "+" so they stand before the command; src/install.c
 * {@code "+ACfFgiIlMnqr:RUxy"} and src/upgrade.c {@code "+CfFgiInqr:Uxyv"}: {@code -r/--repository},
 * {@code -y/--yes}; read at freebsd/pkg tag 2.7.5 (the pkg of a 15.1 host bootstrapped from the
 * quarterly repository in 2026) and the same at 2.4.2 (a 15.0 host's) and 2.8.4. src/globals.c sets the
 * {@code yes} of every question from ASSUME_ALWAYS_YES, so {@code -o ASSUME_ALWAYS_YES=yes} answers what
 * {@code --yes} does not reach. The {@code -o} options are those a pkgbase bootstrap into an empty root passes
 * (BastilleBSD/bastille tag 1.4.4, commit 2280556b785a, usr/local/share/bastille/bootstrap.sh, its pkgbase
 * bootstrap: {@code -o IGNORE_OSVERSION="yes" -o ABI="${abi}" -o ASSUME_ALWAYS_YES="yes"}): pkg cannot detect
 * the ABI of a root that holds no base system yet, and the packages' OSVERSION is checked against
 * the host's unless IGNORE_OSVERSION is set. pkg keeps the root's package database in
 * {@code ROOT/var/db/pkg}. The set a jail needs is {@code FreeBSD-set-minimal-jail} (15.1R relnotes,
 * System Packaging Changes; the same name in public jail scripts).
 */
public final class Pkg {
    /**
     * pkg(8) as the port installs it (ports-mgmt/pkg, PREFIX /usr/local), run by its path: root's PATH
     * has /usr/sbin first, where {@code pkg} is pkg(7), freebsd-src's bootstrapper, which runs pkg(8)
     * when it is installed and otherwise offers to fetch it [UNVERIFIED: what pkg(7), usr.sbin/pkg/pkg.c,
     * does at releng/15.x with these options when pkg(8) is missing; only an old copy was readable]. By its
     * path a host without pkg(8) is sh's "not found", exit 127, which the step names.
     */
    public static final String PROGRAM = "/usr/local/sbin/pkg";
    public static final String BASE_REPOSITORY = "FreeBSD-base";
    public static final String MINIMAL_JAIL_SET = "FreeBSD-set-minimal-jail";
    /** The one architecture jailspec builds for (the release's files are under releases/amd64/amd64). */
    public static final String ARCH = "amd64";
    /** The name of jailspec's repository file in its own repository directory. */
    public static final String REPOSITORY_FILE = BASE_REPOSITORY + ".conf";

    /** Where pkg works: the template's root, jailspec's repository directory and the release the root gets. */
    public record Target(String rootdir, String repoConfDir, ReleaseVersion release) {
        public Target {
            for (String dir : List.of(rootdir, repoConfDir)) {
                if (!dir.startsWith("/")) {
                    throw new IllegalArgumentException("pkg needs absolute directories, got '" + dir + "'");
                }
            }
            requirePkgbase(release);
        }
    }

    private final Host host;

    public Pkg(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * {@code pkg --rootdir ROOT --repo-conf-dir REPOS -o ABI=FreeBSD:N:amd64 -o IGNORE_OSVERSION=yes
     * -o ASSUME_ALWAYS_YES=yes install --yes --repository FreeBSD-base PACKAGE...}.
     */
    public CommandResult installBase(Target target, List<String> packages) {
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("name at least one package, e.g. " + MINIMAL_JAIL_SET);
        }
        var argv = new ArrayList<>(global(target));
        argv.addAll(List.of("install", "--yes", "--repository", BASE_REPOSITORY));
        argv.addAll(packages);
        return host.run(Command.of(argv).withKind(CommandKind.EXTRACT));
    }

    /** The same global options, {@code upgrade --yes --repository FreeBSD-base}: the template's patches. */
    public CommandResult upgradeBase(Target target) {
        var argv = new ArrayList<>(global(target));
        argv.addAll(List.of("upgrade", "--yes", "--repository", BASE_REPOSITORY));
        return host.run(Command.of(argv).withKind(CommandKind.UPDATE));
    }

    private static List<String> global(Target t) {
        return List.of(PROGRAM, "--rootdir", t.rootdir(), "--repo-conf-dir", t.repoConfDir(),
                "-o", "ABI=" + abi(t.release()), "-o", "IGNORE_OSVERSION=yes", "-o", "ASSUME_ALWAYS_YES=yes");
    }

    /** pkg's ABI string of a release, {@code FreeBSD:15:amd64} (the ${ABI} of FreeBSD.conf's urls). */
    public static String abi(ReleaseVersion release) {
        return "FreeBSD:" + release.major() + ":" + ARCH;
    }

    /**
     * The FreeBSD-base repository of {@code release} on {@code mirror}: FreeBSD.conf's
     * {@code ${ABI}/base_release_${VERSION_MINOR}} written out for the release, so the repository
     * does not depend on what pkg would detect (freebsd-src usr.sbin/pkg/FreeBSD.conf.quarterly-release at
     * commit 0dcfecbf4757, the same FreeBSD-base block a 15.0 host's /etc/pkg/FreeBSD.conf holds as quoted
     * in freebsd/pkg#2565, 2025-12-04).
     */
    public static String repositoryUrl(String mirror, ReleaseVersion release) {
        requirePkgbase(release);
        return mirror.replaceAll("/+$", "") + "/" + abi(release) + "/base_release_" + release.minor();
    }

    /**
     * jailspec's FreeBSD-base repository: FreeBSD.conf's definition (signature_type fingerprints,
     * the fingerprints of {@code /usr/share/keys/pkgbase-N}) with the release's url and
     * {@code mirror_type: "none"} (the url is taken as it is, not looked up by SRV records), and
     * enabled. It goes in jailspec's own repository directory, so the host's /etc/pkg and
     * /usr/local/etc/pkg stay as they are (with {@code --repo-conf-dir} pkg reads that directory only,
     * libpkg/pkg_config.c load_repositories). {@code fingerprintsDir} is the path inside the root
     * ({@link #keysDir}): pkg opens a repository's fingerprints relative to {@code --rootdir}
     * (libpkg/pkg_repo.c pkg_repo_load_fingerprints_from_path, {@code openat(ctx.rootfd, ...)}, freebsd/pkg
     * tags 2.4.2 and 2.7.5; 2.8.4 falls back to the host's path only when the root has none), so the keys
     * are copied into the root first ({@code CopyPkgbaseKeys}).
     */
    public static String baseRepositoryConf(String url, String fingerprintsDir) {
        if (!fingerprintsDir.startsWith("/")) {
            throw new IllegalArgumentException("the fingerprints directory is a path inside the root, from /, got '"
                    + fingerprintsDir + "'");
        }
        return BASE_REPOSITORY + ": {\n"
                + "  url: \"" + url + "\",\n"
                + "  mirror_type: \"none\",\n"
                + "  signature_type: \"fingerprints\",\n"
                + "  fingerprints: \"" + fingerprintsDir + "\",\n"
                + "  enabled: yes\n"
                + "}\n";
    }

    /**
     * Where the base packages' signing keys are ({@code /usr/share/keys/pkgbase-15}, with
     * {@code trusted/} and {@code revoked/}; freebsd-src share/keys/pkgbase-15): copied into the root
     * before the first install, so the template, and every jail cloned from it, can check the
     * repository itself (as the 15.0 release notes' upgrade note copies {@code share/keys/pkgbase-15}).
     */
    public static String keysDir(ReleaseVersion release) {
        requirePkgbase(release);
        return "/usr/share/keys/pkgbase-" + release.major();
    }

    private static void requirePkgbase(ReleaseVersion release) {
        if (release.compareTo(ReleaseChange.PKGBASE_REPOSITORY.since()) < 0) {
            throw new IllegalArgumentException("pkgbase templates need FreeBSD "
                    + ReleaseChange.PKGBASE_REPOSITORY.since() + " or later, got " + release);
        }
    }
}
