package dev.jailspec.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Every key jailspec knows, with its default on the simulated host, its default on a real
 * host ({@code null}: none, must be given or derived), the rule its value must follow and the
 * text that says what is allowed.
 *
 * <p>The simulated defaults are the seed how-to's values, so a sim run reads like the document.
 */
public enum Setting {
    TARGET("jailspec.target", "sim", "sim", Target::accepts, Target.ALLOWED),
    TARGETS("jailspec.targets", "", "", v -> Targets.problem(v).isEmpty(), Targets.ALLOWED),
    SSH_KNOWN_HOSTS("jailspec.ssh.knownHosts", "strict", "strict", oneOf("strict", "accept-new"),
            "strict (a host key not in ~/.ssh/known_hosts stops the run) or accept-new (it is added at the first"
                    + " login; a changed key still stops the run); target ssh:// only"),
    SSH_BECOME("jailspec.ssh.become", "none", "none", oneOf("none", "sudo", "doas"),
            "none (log in as root), sudo or doas: run every command with 'sudo -n' / 'doas -n', which needs a"
                    + " NOPASSWD rule for the login user; target ssh:// only"),
    ZFS_ROOT("jailspec.zfs.root", "zdata/jails", null, Rules.ZFS_ROOT,
            "a ZFS dataset name below a pool such as zroot/jailspec (letters, digits, _ - . : separated by /;"
                    + " not a whole pool)"),
    ZFS_MOUNTPOINT("jailspec.zfs.mountpoint", "/zdata/jails", null, Rules.MOUNTPOINT,
            "an absolute path without '..', e.g. /zroot/jailspec, that is not / or a system directory such as"
                    + " /usr or /var (default: / followed by jailspec.zfs.root)"),
    FREEBSD_RELEASE("jailspec.freebsd.release", "", "", Rules.OPTIONAL_RELEASE,
            "a FreeBSD release such as 14.5-RELEASE or 15.1-RELEASE (empty: on a real target the host's own"
                    + " freebsd-version -u without its patch level, on sim the simulated host's release)"),
    FREEBSD_ALLOW_EOL("jailspec.freebsd.allowEol", "false", "false", oneOf("true", "false"),
            "true to build a template of a release past its end of life on purpose (freebsd-update is then skipped"
                    + " and the template stays unpatched), or false"),
    // The kinds of template: the release's distribution sets (base.txz, freebsd-update) or, from 15.0
    // (ReleaseChange.PKGBASE_REPOSITORY), the base system's packages from the FreeBSD-base repository.
    FREEBSD_TEMPLATE("jailspec.freebsd.template", "dist", "dist", oneOf("dist", "pkgbase"),
            "dist (the release's base.txz, patched with freebsd-update) or pkgbase (FreeBSD 15.0 and later: the"
                    + " FreeBSD-set-minimal-jail packages of the FreeBSD-base repository installed and patched with pkg)"),
    // Real default: the host of FreeBSD.conf's FreeBSD-base url (usr.sbin/pkg/FreeBSD.conf.quarterly-release), taken
    // over plain https with mirror_type none [UNVERIFIED: that pkg.FreeBSD.org answers https without its SRV records].
    FREEBSD_PKG_MIRROR("jailspec.freebsd.pkgMirror", "", "https://pkg.FreeBSD.org", Rules.OPTIONAL_URL,
            "an http(s) URL above <ABI>/base_release_<minor>/ (e.g. FreeBSD:15:amd64/base_release_1/), the FreeBSD-base"
                    + " repository of a pkgbase template (on sim, empty: the embedded fixture mirror)"),
    FREEBSD_MIRROR("jailspec.freebsd.mirror", "", "https://download.freebsd.org/ftp", Rules.OPTIONAL_URL,
            "an http(s) URL above releases/amd64/amd64/<release>/ (on sim, empty: the embedded fixture mirror)"),
    // Real default: the archive's host and /pub/FreeBSD-Archive root are in public links (http://);
    // [UNVERIFIED: that it answers over https].
    FREEBSD_ARCHIVE_MIRROR("jailspec.freebsd.archiveMirror", "", "https://ftp-archive.freebsd.org/pub/FreeBSD-Archive",
            Rules.OPTIONAL_URL, "an http(s) URL above old-releases/amd64/amd64/<release>/, tried when the release"
                    + " directory is not on jailspec.freebsd.mirror (an end-of-life release moves there); on sim, empty:"
                    + " the embedded fixture mirror"),
    CLOCK("jailspec.clock", "now", "now", v -> RunClock.parse(v).isPresent(),
            "now (the system clock), or the date or instant the run takes as today, e.g. 2026-12-03 or"
                    + " 2026-12-03T10:00:00Z; it decides which FreeBSD releases are supported"),
    LINUX_DISTRIBUTION("jailspec.linux.distribution", "rocky", "rocky", Rules.NAME,
            "the Linux userland's distribution, by its name (dev.jailspec.linux.LinuxDistributions): rocky"),
    // Each distribution's own keys are jailspec.<name>.release, .mirror, .imageUrl, .checksumUrl and
    // jailspec.sim.<name>.format (Settings.linuxUserland reads them by the distribution's name).
    ROCKY_RELEASE("jailspec.rocky.release", "9", "9", Rules.ROCKY_RELEASE,
            "the Rocky Linux major release, 9 or 10"),
    ROCKY_MIRROR("jailspec.rocky.mirror", "", "https://dl.rockylinux.org/pub/rocky", Rules.OPTIONAL_URL,
            "an http(s) URL above <release>/images/x86_64/ (on sim, empty: the embedded fixture mirror)"),
    ROCKY_IMAGE_URL("jailspec.rocky.imageUrl", "", "", Rules.OPTIONAL_URL_OR_FILE,
            "the image to use: an http(s) URL, or a file name in the mirror's <release>/images/x86_64/"
                    + " (empty: Rocky-<release>-Container-Base.latest.x86_64.tar.xz)"),
    ROCKY_CHECKSUM_URL("jailspec.rocky.checksumUrl", "", "", Rules.OPTIONAL_URL_OR_FILE,
            "the CHECKSUM listing that image: an http(s) URL, or a file name next to the image (empty: CHECKSUM)"),
    CACHE_DIR("jailspec.cache", "", "", Rules.OPTIONAL_ABSOLUTE_PATH,
            "an absolute directory for downloads kept between runs (empty: ~/.cache/jailspec)"),
    JAIL_NAME("jailspec.jail.name", "lrdev", "lrdev", Rules.JAIL_NAME,
            "a jail name: a letter, then letters, digits, _ or -, at most 64 characters"),
    JAIL_ID("jailspec.jail.id", "253", "253", Rules.EPAIR_ID,
            "a number 0-32767, unique per host: the jail's epair is epair<id>"),
    BRIDGE("jailspec.bridge", "igc0bridge", "igc0bridge", Rules.INTERFACE,
            "a network interface name such as bridge0 or igc0bridge (at most 15 characters)"),
    JAIL_ADDRESS("jailspec.jail.address", "192.168.7.253/24", null, Rules.IPV4_CIDR,
            "an IPv4 address with prefix length, e.g. 192.168.7.253/24"),
    JAIL_GATEWAY("jailspec.jail.gateway", "192.168.7.221", null, Rules.IPV4,
            "an IPv4 address, e.g. 192.168.7.221"),
    TEARDOWN("jailspec.teardown", "always", "always", oneOf("always", "on-success", "never"),
            "always, on-success or never (never keeps the jail for debugging)"),
    TEARDOWN_HOST_CONFIG("jailspec.teardown.hostconfig", "restore", "restore", oneOf("restore", "keep"),
            "restore (rc.conf values jailspec changed are set back at teardown) or keep"),
    TEARDOWN_DYING_WAIT("jailspec.teardown.dying.wait", "10s", "5m", Rules.DURATION,
            "how long teardown waits for a removed jail that is still dying (jls -d) to be freed before it destroys"
                    + " the jail's dataset, e.g. 30s, 5m or PT5M"),
    LINUX_DEVFS_RULESET("jailspec.linux.devfsRuleset", "253", "253", Rules.DEVFS_RULESET,
            "a devfs ruleset number 6-65535 for the Linux /dev (devfs_vfsops.c takes 0-65535; 1-5 are"
                    + " /etc/defaults/devfs.rules' own), not used by another section of /etc/devfs.rules"),
    LINUX_HOST_DIRS("jailspec.linux.hostDirs", "", "", Rules.HOST_DIRS,
            "empty (the Linux /tmp and /home are the userland's own), or host directories to share read-write"
                    + " with the Linux userland, ','-separated, from /tmp and /home (e.g. /tmp,/home)"),
    LINUX_TEMPLATE("jailspec.linux.template", "true", "true", oneOf("true", "false"),
            "true (the Linux userland is extracted once into a kept, marked Linux template and each jail gets a"
                    + " zfs clone of its @base snapshot) or false (every jail extracts the image into its own clone)"),
    LOCK_WAIT("jailspec.lock.wait", "10s", "2m", Rules.DURATION,
            "how long a run waits for another run on the same host to finish, e.g. 30s, 2m or PT2M"),
    TIMEOUT_DEFAULT("jailspec.timeout.default", "5s", "2m", Rules.DURATION,
            "the timeout of a host command (zfs, sysrc, jexec, ...), e.g. 30s, 2m or PT2M; on sim commands answer at"
                    + " once, so it only bounds an injected hang"),
    TIMEOUT_JAIL("jailspec.timeout.jail", "5s", "5m", Rules.DURATION,
            "the timeout of service jail start/stop, which run the jail's /etc/rc (e.g. 5m)"),
    TIMEOUT_EXTRACT("jailspec.timeout.extract", "5s", "20m", Rules.DURATION,
            "the timeout of an archive extraction with tar (e.g. 20m)"),
    TIMEOUT_UPDATE("jailspec.timeout.update", "5s", "30m", Rules.DURATION,
            "the timeout of freebsd-update fetch install (e.g. 30m)"),
    TIMEOUT_DNF("jailspec.timeout.dnf", "5s", "20m", Rules.DURATION,
            "the timeout of a dnf command in the Linux userland (e.g. 20m)"),
    // Its form is checked here; the Linux axis's name and values once the distribution is known (RunMatrixIT).
    MATRIX("jailspec.matrix", "", "", v -> v.isEmpty() || Matrix.formProblem(v).isEmpty(),
            "empty (one run with the settings as they are), or the release matrix to run the features in, once per"
                    + " cell: axes freebsd, the Linux userland's (named after jailspec.linux.distribution: rocky), host"
                    + " (sim only) and template (dist, pkgbase), e.g. 'freebsd=14.4-RELEASE,14.5-RELEASE;rocky=9,10';"
                    + " groups separated by | add cells, e.g. '...|host=14.4-RELEASE;freebsd=14.5-RELEASE;rocky=9'"),
    RECORD("jailspec.record", "", "", Rules.OPTIONAL_PATH,
            "a directory (absolute, or relative to the project) to write every host command into as a transcript"
                    + " with its output and exit status (empty: no recording)"),
    SIM_ROOT("jailspec.sim.root", "", "", Rules.OPTIONAL_ABSOLUTE_PATH,
            "an absolute directory that keeps the simulated host between runs (empty: a fresh temporary one)"),
    SIM_RELEASE("jailspec.sim.release", "", "", Rules.OPTIONAL_RELEASE,
            "sim only: the simulated host's FreeBSD release, e.g. 14.4-RELEASE, one of the release catalogue's (empty:"
                    + " jailspec.freebsd.release if set, else the newest release the catalogue says is supported on the"
                    + " run's clock)"),
    SIM_ROCKY_FORMAT("jailspec.sim.rocky.format", "oci", "oci", oneOf("oci", "rootfs"),
            "oci (Rocky 9.7 and later: the Container-Base file is an OCI image archive) or rootfs (9.6 and"
                    + " earlier: a plain root file system tar); what the embedded mirror of the sim serves"),
    SIM_CPU("jailspec.sim.cpu", "x86-64-v3", "x86-64-v3", oneOf("x86-64-v2", "x86-64-v3"),
            "sim only: the simulated host's CPU, x86-64-v2 (a Westmere-like CPU without AVX: Rocky 10 stops in"
                    + " preflight) or x86-64-v3 (a Haswell-like CPU), as /var/run/dmesg.boot shows it"),
    SIM_DYING("jailspec.sim.dying", "1s", "1s", Rules.DURATION.or(Rules.ZERO_DURATION),
            "how long a simulated jail that made network connections stays dying after jail -r, e.g. 1s or 500ms;"
                    + " 0s: it is freed at once (target sim only)"),
    SIM_FAULTS("jailspec.sim.faults", "", "", v -> FaultRule.problem(v).isEmpty(),
            "empty, or rules separated by ';', each <command prefix>=fail|exit:N|hang|stderr:TEXT|dying:DURATION|linux-msg:TEXT, e.g."
                    + " 'zfs clone=exit:1;service jail start=fail;jexec=hang;jail -r=dying:5s' (target sim only)");

    private final String key;
    private final String simDefault;
    private final String realDefault;
    private final Predicate<String> rule;
    private final String allowed;

    Setting(String key, String simDefault, String realDefault, Predicate<String> rule, String allowed) {
        this.key = key;
        this.simDefault = simDefault;
        this.realDefault = realDefault;
        this.rule = rule;
        this.allowed = allowed;
    }

    public String key() {
        return key;
    }

    /** The environment variable that sets this key: jailspec.zfs.root is JAILSPEC_ZFS_ROOT. */
    public String envName() {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    public Optional<String> defaultFor(Target target) {
        return Optional.ofNullable(target.isReal() ? realDefault : simDefault);
    }

    public boolean accepts(String value) {
        return rule.test(value);
    }

    public String allowed() {
        return allowed;
    }

    /**
     * What is wrong with {@code value} beyond "not allowed", e.g. which fault rule is malformed;
     * empty when the value is accepted or there is nothing more to say.
     */
    public Optional<String> problem(String value) {
        if (accepts(value)) {
            return Optional.empty();
        }
        return switch (this) {
            case SIM_FAULTS -> FaultRule.problem(value);
            case TARGETS -> Targets.problem(value);
            default -> Optional.empty();
        };
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public static Optional<Setting> byEnvName(String name) {
        return Arrays.stream(values()).filter(s -> s.envName().equals(name)).findFirst();
    }

    private static Predicate<String> oneOf(String... allowed) {
        return v -> Arrays.asList(allowed).contains(v);
    }

    /** Value rules; each refuses shell metacharacters, newlines and '..' by construction. */
    static final class Rules {
        static final Predicate<String> DATASET = Pattern.compile(
                "[A-Za-z][A-Za-z0-9_.:-]*(/[A-Za-z0-9_:-][A-Za-z0-9_.:-]*)*").asMatchPredicate()
                .and(v -> !v.contains("..") && v.length() <= 200);
        static final Predicate<String> ZFS_ROOT = DATASET.and(v -> v.indexOf('/') > 0);
        static final Predicate<String> ABSOLUTE_PATH = Pattern.compile("(/[A-Za-z0-9_.:+-]+)+/?").asMatchPredicate()
                .and(v -> !Arrays.asList(v.split("/")).contains(".."));
        /** Directories of hier(7) a jail tree must never be mounted over. */
        static final java.util.Set<String> SYSTEM_DIRS = java.util.Set.of("/", "/bin", "/boot", "/compat", "/dev",
                "/etc", "/home", "/lib", "/libexec", "/media", "/mnt", "/net", "/proc", "/rescue", "/root", "/sbin",
                "/tmp", "/usr", "/var", "/usr/bin", "/usr/include", "/usr/lib", "/usr/lib32", "/usr/libexec",
                "/usr/local", "/usr/ports", "/usr/sbin", "/usr/share", "/usr/src", "/var/db", "/var/log", "/var/run",
                "/var/tmp");
        static final Predicate<String> MOUNTPOINT = ABSOLUTE_PATH
                .and(v -> !SYSTEM_DIRS.contains(v.replaceAll("(.)/+$", "$1")));
        static final Predicate<String> DURATION = v -> Durations.parse(v).isPresent();
        /** A duration of nothing, where a setting allows it: 0, 0s, 0ms, PT0S. */
        static final Predicate<String> ZERO_DURATION = Pattern.compile("0+(ms|s|m|h)?|PT0+S").asMatchPredicate();
        static final Predicate<String> OPTIONAL_ABSOLUTE_PATH = v -> v.isEmpty() || ABSOLUTE_PATH.test(v);
        static final Predicate<String> OPTIONAL_PATH = v -> v.isEmpty()
                || Pattern.compile("/?[A-Za-z0-9_.:+-]+(/[A-Za-z0-9_.:+-]+)*/?").matcher(v).matches()
                && !Arrays.asList(v.split("/")).contains("..");
        static final Predicate<String> OPTIONAL_URL = v -> v.isEmpty() || Pattern.compile(
                "https?://[A-Za-z0-9.-]+(:\\d{1,5})?(/[A-Za-z0-9._~%+-]+)*/?").matcher(v).matches();
        static final Predicate<String> OPTIONAL_URL_OR_FILE = v -> OPTIONAL_URL.test(v)
                || Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*").matcher(v).matches() && !v.contains("..");
        static final Predicate<String> NAME = Pattern.compile("[a-z][a-z0-9]{0,31}").asMatchPredicate();
        static final Predicate<String> ROCKY_RELEASE = Pattern.compile("\\d{1,2}").asMatchPredicate();
        static final Predicate<String> RELEASE = Pattern.compile(
                "\\d{1,2}\\.\\d-(RELEASE|BETA\\d?|RC\\d?|STABLE|CURRENT|ALPHA\\d?)").asMatchPredicate();
        static final Predicate<String> OPTIONAL_RELEASE = v -> v.isEmpty() || RELEASE.test(v);
        static final Predicate<String> JAIL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}").asMatchPredicate();
        static final Predicate<String> EPAIR_ID = Pattern.compile("\\d{1,5}").asMatchPredicate()
                .and(v -> Integer.parseInt(v) <= 32767);
        static final Predicate<String> DEVFS_RULESET = Pattern.compile("\\d{1,5}").asMatchPredicate()
                .and(v -> Integer.parseInt(v) >= 6 && Integer.parseInt(v) <= 65535);
        static final java.util.List<String> SHAREABLE_HOST_DIRS = java.util.List.of("/tmp", "/home");
        static final Predicate<String> HOST_DIRS = v -> v.isEmpty() || Arrays.stream(v.split(",", -1))
                .allMatch(SHAREABLE_HOST_DIRS::contains) && Arrays.stream(v.split(",")).distinct().count() == v.split(",").length;
        static final Predicate<String> INTERFACE = Pattern.compile("[a-z][a-z0-9_]{0,14}").asMatchPredicate();
        private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
        static final Predicate<String> IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}").asMatchPredicate();
        static final Predicate<String> IPV4_CIDR = Pattern.compile(
                OCTET + "(\\." + OCTET + "){3}/(3[0-2]|[12]?\\d)").asMatchPredicate();

        private Rules() {
        }
    }
}
