package dev.jailspec.jailconf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A loaded configuration: the root file, the files it includes, and the jails they define. */
public final class JailConfSet {

    private final List<LoadedConfFile> files;
    private final JailTable table;

    JailConfSet(List<LoadedConfFile> files, JailTable table) {
        this.files = List.copyOf(files);
        this.table = table;
    }

    public String rootPath() {
        return table.rootPath();
    }

    public JailConf root() {
        return files.get(0).conf();
    }

    /** The files in the order jail(8) opened them (a file included twice appears twice). */
    public List<LoadedConfFile> files() {
        return files;
    }

    /** Jails defined across all files, in order of first definition; no wildcards, no duplicates. */
    public List<String> jailNames() {
        Set<String> names = new LinkedHashSet<>();
        for (JailTable.Jail jail : table.jails()) {
            if (!jail.isWildcard()) {
                names.add(jail.name());
            }
        }
        return List.copyOf(names);
    }

    /**
     * The parameters jail(8) would use for {@code jailName}: global parameters, matching wildcard
     * blocks and the jail's block, in definition order (a wildcard block defined after the jail
     * comes after it, as in config.c), with variables substituted for this jail. A name defined
     * twice gives the first definition, the one {@code jail -c NAME} creates.
     *
     * @return empty if no jail of that name is defined
     * @throws JailConfException when jail(8) would refuse the jail, e.g.
     *                           {@code jail: web: exec.start: variable "ip" not found}
     */
    public Optional<JailParameters> effective(String jailName) {
        return table.jails().stream()
                .filter(jail -> !jail.isWildcard() && jail.name().equals(jailName))
                .findFirst()
                .map(jail -> ParameterResolver.resolve(jail, table.jails()));
    }

    /**
     * What jail(8) prints on stderr while loading this configuration, before it starts anything:
     * config.c resolves every jail, so one jail's bad variable is reported even when another jail
     * is started. Empty when every jail resolves.
     */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (JailTable.Jail jail : table.jails()) {
            if (!jail.isWildcard()) {
                try {
                    ParameterResolver.resolve(jail, table.jails());
                } catch (JailConfException failed) {
                    lines.addAll(failed.lines());
                }
            }
        }
        return List.copyOf(lines);
    }

    /**
     * Whether an {@code .include} of the root file covers {@code absPathOrDir}: a file its pattern
     * matches, or the directory its pattern looks in. This is rc.d/jail's question "does
     * /etc/jail.conf include /etc/jail.conf.d/?".
     */
    public boolean includesPath(String absPathOrDir) {
        String path = absPathOrDir.length() > 1 && absPathOrDir.endsWith("/")
                ? absPathOrDir.substring(0, absPathOrDir.length() - 1)
                : absPathOrDir;
        for (String target : root().includes()) {
            String pattern = JailConfLoader.absoluteTarget(rootPath(), target);
            int slash = pattern.lastIndexOf('/');
            String directory = slash <= 0 ? "/" : pattern.substring(0, slash);
            if (Glob.matches(pattern, path) || Glob.matches(directory, path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "JailConfSet[" + rootPath() + ", " + files.size() + " file(s), jails " + jailNames() + "]";
    }
}
