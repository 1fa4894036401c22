package dev.jailspec.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads settings from, in rising priority: built-in defaults, {@code jailspec.properties} in
 * the project directory, {@code JAILSPEC_*} environment variables, {@code -Djailspec.*}
 * system properties. Fails at once, naming the key and its source, on an unknown key or a bad
 * value, and refuses a real target whose ZFS root was not set explicitly.
 */
public final class SettingsLoader {
    public static final String PROPERTIES_FILE = "jailspec.properties";
    private static final String PREFIX = "jailspec.";
    private static final String ENV_PREFIX = "JAILSPEC_";

    private SettingsLoader() {
    }

    public static Settings fromEnvironment(Path projectDir) {
        return load(projectDir, System.getenv(), System.getProperties());
    }

    public static Settings load(Path projectDir, Map<String, String> env, Properties systemProperties) {
        var given = new EnumMap<Setting, String>(Setting.class);
        var sources = new EnumMap<Setting, String>(Setting.class);

        Path file = projectDir.resolve(PROPERTIES_FILE);
        if (Files.isRegularFile(file)) {
            readKeys(loadProperties(file), PROPERTIES_FILE, given, sources);
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                Setting s = Setting.byEnvName(name).orElseThrow(() -> unknown(name, "environment", envNames()));
                put(s, value, "environment " + name, given, sources);
            }
        });
        readKeys(systemProperties, "-D system property", given, sources);

        Target target = target(given, sources);
        var values = new EnumMap<Setting, String>(Setting.class);
        for (Setting s : Setting.values()) {
            if (given.containsKey(s)) {
                values.put(s, given.get(s));
            } else {
                s.defaultFor(target).ifPresent(v -> {
                    values.put(s, v);
                    sources.put(s, "default");
                });
            }
        }
        applyRealTargetRules(target, values, sources);
        return new Settings(values, sources);
    }

    /**
     * The target whose defaults and rules apply: jailspec.target, or for a matrix spread over hosts
     * (jailspec.targets, which excludes jailspec.target) the first of them, as every cell runs on a
     * real host with the same settings.
     */
    private static Target target(Map<Setting, String> given, Map<Setting, String> sources) {
        String targets = given.getOrDefault(Setting.TARGETS, "");
        if (targets.isEmpty()) {
            return Target.parse(given.getOrDefault(Setting.TARGET, "sim"));
        }
        if (given.containsKey(Setting.TARGET)) {
            throw new SettingsException(Setting.TARGETS.key() + " (from " + sources.get(Setting.TARGETS) + ") spreads the"
                    + " matrix over its hosts, and " + Setting.TARGET.key() + " (from " + sources.get(Setting.TARGET)
                    + ") names one target: set one of them (each cell is given its host as jailspec.target)");
        }
        if (given.getOrDefault(Setting.MATRIX, "").isEmpty()) {
            throw new SettingsException(Setting.TARGETS.key() + " (from " + sources.get(Setting.TARGETS) + ") spreads the"
                    + " cells of " + Setting.MATRIX.key() + " over its hosts, but there is no matrix: give one with"
                    + " -D" + Setting.MATRIX.key() + "=..., or name the one host as " + Setting.TARGET.key());
        }
        if (PROPERTIES_FILE.equals(sources.get(Setting.TARGETS))) {
            throw new SettingsException(Setting.TARGETS.key() + " is set in " + PROPERTIES_FILE + ", which each cell's JVM"
                    + " reads too while it is given its one host as " + Setting.TARGET.key() + ": give the hosts with -D"
                    + Setting.TARGETS.key() + "=... (or " + Setting.TARGETS.envName() + ") instead");
        }
        if (Matrix.parse(given.get(Setting.MATRIX), null).cells().stream().anyMatch(c -> c.values().containsKey(Matrix.Axis.HOST))) {
            throw new SettingsException("the matrix's host axis sets the simulated host's release, but the cells of "
                    + Setting.TARGETS.key() + " run on real hosts, whose release is their own: leave the host axis out,"
                    + " or the hosts (the matrix then runs on sim)");
        }
        return Targets.parse(targets).hosts().get(0);
    }

    private static void applyRealTargetRules(Target target, Map<Setting, String> values, Map<Setting, String> sources) {
        if (!target.isReal()) {
            return;
        }
        if (!values.getOrDefault(Setting.SIM_FAULTS, "").isEmpty()) {
            throw new SettingsException(Setting.SIM_FAULTS.key() + " (from " + sources.get(Setting.SIM_FAULTS)
                    + ") injects faults into the simulated host only; target '" + target + "' is a real host: remove it");
        }
        if (!values.containsKey(Setting.ZFS_ROOT)) {
            throw new SettingsException("target '" + target + "' changes a real host, so jailspec.zfs.root must be set "
                    + "explicitly (e.g. -Djailspec.zfs.root=zroot/jailspec); jailspec only touches what it creates under it");
        }
        if (!values.containsKey(Setting.ZFS_MOUNTPOINT)) {
            values.put(Setting.ZFS_MOUNTPOINT, "/" + values.get(Setting.ZFS_ROOT));
            sources.put(Setting.ZFS_MOUNTPOINT, "derived from jailspec.zfs.root");
        }
        for (Setting s : List.of(Setting.JAIL_ADDRESS, Setting.JAIL_GATEWAY)) {
            if (!values.containsKey(s)) {
                throw new SettingsException("target '" + target + "' needs " + s.key() + " for the jail's network: "
                        + s.allowed());
            }
        }
    }

    private static void readKeys(Properties props, String source, Map<Setting, String> given, Map<Setting, String> sources) {
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                Setting s = Setting.byKey(name).orElseThrow(() -> unknown(name, source, keys()));
                put(s, props.getProperty(name), source, given, sources);
            }
        }
    }

    private static void put(Setting s, String value, String source, Map<Setting, String> given, Map<Setting, String> sources) {
        String v = value.strip();
        if (!s.accepts(v)) {
            String why = s.problem(v).map(p -> ": " + p).orElse("");
            throw new SettingsException("bad value for " + s.key() + " from " + source + ": '" + printable(v)
                    + "'" + why + "; allowed: " + s.allowed());
        }
        given.put(s, v);
        sources.put(s, source);
    }

    private static SettingsException unknown(String name, String source, List<String> known) {
        return new SettingsException("unknown setting " + name + " from " + source + "; known settings: "
                + String.join(", ", known));
    }

    private static List<String> keys() {
        var list = new ArrayList<String>();
        for (Setting s : Setting.values()) {
            list.add(s.key());
        }
        return list;
    }

    private static List<String> envNames() {
        var list = new ArrayList<String>();
        for (Setting s : Setting.values()) {
            list.add(s.envName());
        }
        return list;
    }

    private static String printable(String v) {
        return v.replace("\n", "\\n").replace("\r", "\\r");
    }

    private static Properties loadProperties(Path file) {
        var props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new SettingsException("cannot read " + file + ": " + e.getMessage());
        }
        return props;
    }
}
