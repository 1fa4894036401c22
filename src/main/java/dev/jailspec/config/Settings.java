package dev.jailspec.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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

    public String get(Setting setting) {
        return values.get(setting);
    }

    public String sourceOf(Setting setting) {
        return sources.get(setting);
    }

    public Target target() {
        return Target.parse(get(Setting.TARGET));
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

    public Optional<Path> simRoot() {
        String v = get(Setting.SIM_ROOT);
        return v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v));
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
