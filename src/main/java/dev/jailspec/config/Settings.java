package dev.jailspec.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings in effect for one run: every {@link Setting} has a checked value and the name of
 * the source it came from. Built by {@link SettingsLoader}; immutable.
 */
public final class Settings {
    private final Map<Setting, String> values;
    private final Map<Setting, String> sources;

    Settings(Map<Setting, String> values, Map<Setting, String> sources) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
        this.sources = Collections.unmodifiableMap(new EnumMap<>(sources));
    }

    /**
     * The settings of the Linux userland jailspec.linux.distribution names, read from its own keys
     * {@code jailspec.<name>.release}, {@code .mirror}, {@code .imageUrl}, {@code .checksumUrl} and
     * {@code jailspec.sim.<name>.format}; empty when the distribution has no such keys.
     */
    public Optional<LinuxUserlandSettings> linuxUserland() {
        String name = get(Setting.LINUX_DISTRIBUTION);
        Optional<Setting> release = Setting.byKey("jailspec." + name + ".release");
        if (release.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LinuxUserlandSettings(name, get(release.get()), key(name, "mirror"),
                key(name, "imageUrl"), key(name, "checksumUrl"),
                Setting.byKey("jailspec.sim." + name + ".format").map(this::get).orElse("")));
    }

    private String key(String distribution, String what) {
        return Setting.byKey("jailspec." + distribution + "." + what).map(this::get).orElseThrow(() ->
                new IllegalStateException("jailspec." + distribution + ".release exists but jailspec." + distribution
                        + "." + what + " does not: a distribution declares all its keys in Setting"));
    }

    /** One distribution's settings: its release (major), mirror, image and checksum (URL or file name), sim image format. */
    public record LinuxUserlandSettings(String distribution, String release, String mirror, String imageUrl,
                                        String checksumUrl, String simFormat) {
    }

    public String get(Setting setting) {
        return values.get(setting);
    }

    public String sourceOf(Setting setting) {
        return sources.get(setting);
    }

    public Target target() {
        return Target.parse(get(Setting.TARGET));
    }

    /** The hosts of jailspec.targets, a matrix spread over several; empty when the run has the one jailspec.target. */
    public List<Target> targets() {
        String text = get(Setting.TARGETS);
        return text.isEmpty() ? List.of() : Targets.parse(text).hosts();
    }

    public String zfsRoot() {
        return get(Setting.ZFS_ROOT);
    }

    /** The ZFS pool of {@link #zfsRoot()}: its first component. */
    public String pool() {
        return zfsRoot().split("/", 2)[0];
    }

    public String zfsMountpoint() {
        return get(Setting.ZFS_MOUNTPOINT);
    }

    public String freebsdRelease() {
        return get(Setting.FREEBSD_RELEASE);
    }

    /** How the template is built: dist (base.txz) or pkgbase (jailspec.freebsd.template). */
    public TemplateKind templateKind() {
        return TemplateKind.of(get(Setting.FREEBSD_TEMPLATE));
    }

    /** Empty on sim when the embedded fixture mirror is meant (jailspec.freebsd.pkgMirror). */
    public String freebsdPkgMirror() {
        return get(Setting.FREEBSD_PKG_MIRROR);
    }

    /** Whether jails get their Linux userland as a clone of the kept Linux template (jailspec.linux.template=true). */
    public boolean linuxTemplate() {
        return get(Setting.LINUX_TEMPLATE).equals("true");
    }

    /** Whether a template of a release past its end of life may be built (jailspec.freebsd.allowEol=true). */
    public boolean allowEol() {
        return get(Setting.FREEBSD_ALLOW_EOL).equals("true");
    }

    /** Empty on sim when the embedded fixture mirror is meant. */
    public String freebsdArchiveMirror() {
        return get(Setting.FREEBSD_ARCHIVE_MIRROR);
    }

    /** The run's clock (jailspec.clock): the system clock, or a fixed date. */
    public java.time.Clock clock() {
        return RunClock.parse(get(Setting.CLOCK)).orElseThrow(
                () -> new SettingsException("bad value for " + Setting.CLOCK.key() + ": " + get(Setting.CLOCK)));
    }

    /** Empty unless jailspec.sim.release is set. */
    public String simRelease() {
        return get(Setting.SIM_RELEASE);
    }

    /**
     * These settings with {@code setting} set to a value derived from others (e.g. the release
     * from the run's clock), and {@code source} saying how; for what only a later layer can work out.
     */
    public Settings withDerived(Setting setting, String value, String source) {
        if (!setting.accepts(value)) {
            throw new SettingsException("derived value for " + setting.key() + " is not allowed: '" + value + "'; "
                    + setting.allowed());
        }
        var newValues = new EnumMap<>(values);
        var newSources = new EnumMap<>(sources);
        newValues.put(setting, value);
        newSources.put(setting, source);
        return new Settings(newValues, newSources);
    }

    /** Empty on sim when the embedded fixture mirror is meant. */
    public String freebsdMirror() {
        return get(Setting.FREEBSD_MIRROR);
    }

    public Path cacheDir() {
        String v = get(Setting.CACHE_DIR);
        return v.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache", "jailspec") : Path.of(v);
    }

    public String teardown() {
        return get(Setting.TEARDOWN);
    }

    public String jailName() {
        return get(Setting.JAIL_NAME);
    }

    public int jailId() {
        return Integer.parseInt(get(Setting.JAIL_ID));
    }

    public String bridge() {
        return get(Setting.BRIDGE);
    }

    public String jailAddress() {
        return get(Setting.JAIL_ADDRESS);
    }

    public String jailGateway() {
        return get(Setting.JAIL_GATEWAY);
    }

    /** Where to record every host command as a transcript (jailspec.record), if anywhere. */
    public Optional<Path> recordDir() {
        String v = get(Setting.RECORD);
        return v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v));
    }

    public Optional<Path> simRoot() {
        String v = get(Setting.SIM_ROOT);
        return v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v));
    }

    /** The fault rules the simulated host applies; empty unless jailspec.sim.faults is set. */
    public List<FaultRule> simFaults() {
        return FaultRule.parseAll(get(Setting.SIM_FAULTS));
    }

    /** Whether rc.conf values jailspec changed are left as they are at teardown (jailspec.teardown.hostconfig=keep). */
    /** The devfs ruleset of the Linux userland's /dev (jailspec's section of /etc/devfs.rules). */
    public int linuxDevfsRuleset() {
        return Integer.parseInt(get(Setting.LINUX_DEVFS_RULESET));
    }

    /** Host directories shared read-write with the Linux userland (nullfs); empty by default. */
    public java.util.List<String> linuxHostDirs() {
        String v = get(Setting.LINUX_HOST_DIRS);
        return v.isEmpty() ? java.util.List.of() : java.util.List.of(v.split(","));
    }

    public boolean keepHostConfig() {
        return get(Setting.TEARDOWN_HOST_CONFIG).equals("keep");
    }

    /** How long teardown waits for a dying jail to be freed (jailspec.teardown.dying.wait). */
    public Duration teardownDyingWait() {
        return duration(Setting.TEARDOWN_DYING_WAIT);
    }

    /** How long a simulated jail that made network connections stays dying (jailspec.sim.dying). */
    public Duration simDying() {
        return Setting.Rules.ZERO_DURATION.test(get(Setting.SIM_DYING)) ? Duration.ZERO : duration(Setting.SIM_DYING);
    }

    /** How long a run waits for the host's lock held by another run. */
    public Duration lockWait() {
        return duration(Setting.LOCK_WAIT);
    }

    /**
     * The timeout of each kind of host command ({@link dev.jailspec.config.Setting#TIMEOUT_DEFAULT} and
     * the jailspec.timeout.* keys): "default", "jail", "extract", "update", "dnf". Downloads run in the
     * JVM, not on the host, bounded by the downloader's own connect, response and stall timeouts.
     */
    public Map<String, Duration> timeouts() {
        var map = new LinkedHashMap<String, Duration>();
        map.put("default", duration(Setting.TIMEOUT_DEFAULT));
        map.put("jail", duration(Setting.TIMEOUT_JAIL));
        map.put("extract", duration(Setting.TIMEOUT_EXTRACT));
        map.put("update", duration(Setting.TIMEOUT_UPDATE));
        map.put("dnf", duration(Setting.TIMEOUT_DNF));
        return map;
    }

    private Duration duration(Setting s) {
        return Durations.parse(get(s)).orElseThrow(() -> new SettingsException("bad value for " + s.key() + ": " + get(s)));
    }

    /** Key to value, in declaration order: what the report and the console print. */
    public Map<String, String> asMap() {
        var map = new LinkedHashMap<String, String>();
        values.forEach((s, v) -> map.put(s.key(), v));
        return map;
    }

    public Map<String, String> sourcesByKey() {
        var map = new LinkedHashMap<String, String>();
        sources.forEach((s, v) -> map.put(s.key(), v));
        return map;
    }

    /** One line per setting, e.g. {@code jailspec.zfs.root = zdata/jails   (default)}. */
    public String describe() {
        var sb = new StringBuilder();
        for (Setting s : Setting.values()) {
            sb.append(String.format("  %-26s = %-28s (%s)%n", s.key(), values.get(s), sources.get(s)));
        }
        return sb.toString();
    }
}
