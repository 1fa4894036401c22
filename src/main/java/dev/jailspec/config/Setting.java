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
    TARGET("jailspec.target", "sim", "sim", oneOf("sim", "local"), "sim or local"),
    ZFS_ROOT("jailspec.zfs.root", "zdata/jails", null, Rules.DATASET,
            "a ZFS dataset name such as zroot/jailspec (letters, digits, _ - . : separated by /)"),
    ZFS_MOUNTPOINT("jailspec.zfs.mountpoint", "/zdata/jails", null, Rules.ABSOLUTE_PATH,
            "an absolute path without '..', e.g. /zroot/jailspec (default: / followed by jailspec.zfs.root)"),
    FREEBSD_RELEASE("jailspec.freebsd.release", "14.3-RELEASE", "14.3-RELEASE", Rules.RELEASE,
            "a FreeBSD release such as 14.3-RELEASE or 15.0-RELEASE"),
    FREEBSD_MIRROR("jailspec.freebsd.mirror", "", "https://download.freebsd.org/ftp", Rules.OPTIONAL_URL,
            "an http(s) URL above releases/amd64/amd64/<release>/ (on sim, empty: the embedded fixture mirror)"),
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
    SIM_ROOT("jailspec.sim.root", "", "", Rules.OPTIONAL_ABSOLUTE_PATH,
            "an absolute directory that keeps the simulated host between runs (empty: a fresh temporary one)");

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
        static final Predicate<String> ABSOLUTE_PATH = Pattern.compile("(/[A-Za-z0-9_.:+-]+)+/?").asMatchPredicate()
                .and(v -> !Arrays.asList(v.split("/")).contains(".."));
        static final Predicate<String> OPTIONAL_ABSOLUTE_PATH = v -> v.isEmpty() || ABSOLUTE_PATH.test(v);
        static final Predicate<String> OPTIONAL_URL = v -> v.isEmpty() || Pattern.compile(
                "https?://[A-Za-z0-9.-]+(:\\d{1,5})?(/[A-Za-z0-9._~%+-]+)*/?").matcher(v).matches();
        static final Predicate<String> RELEASE = Pattern.compile(
                "\\d{1,2}\\.\\d-(RELEASE|BETA\\d?|RC\\d?|STABLE|CURRENT|ALPHA\\d?)").asMatchPredicate();
        static final Predicate<String> JAIL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}").asMatchPredicate();
        static final Predicate<String> EPAIR_ID = Pattern.compile("\\d{1,5}").asMatchPredicate()
                .and(v -> Integer.parseInt(v) <= 32767);
        static final Predicate<String> INTERFACE = Pattern.compile("[a-z][a-z0-9_]{0,14}").asMatchPredicate();
        private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
        static final Predicate<String> IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}").asMatchPredicate();
        static final Predicate<String> IPV4_CIDR = Pattern.compile(
                OCTET + "(\\." + OCTET + "){3}/(3[0-2]|[12]?\\d)").asMatchPredicate();

        private Rules() {
        }
    }
}
