package dev.jailspec.jailconf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jails of a loaded configuration as jailparse.y records them: in order of definition, the
 * global pseudo-jail {@code *} created at the first global parameter, nested blocks named
 * {@code parent.child}, and included statements taking the place of their {@code .include}.
 */
final class JailTable {

    /** A parameter or variable statement as recorded for one jail. */
    record Entry(String name, boolean variable, Operator op, List<Value> values) {
    }

    /** config.c's cfjail: a name, its place in definition order, its own statements. */
    record Jail(String name, int seq, List<Entry> entries) {

        boolean isWildcard() {
            return JailNames.isWildcard(name);
        }
    }

    private final String rootPath;
    private final List<Jail> jails;

    private JailTable(String rootPath, List<Jail> jails) {
        this.rootPath = rootPath;
        this.jails = List.copyOf(jails);
    }

    static JailTable build(String rootPath, Map<String, JailConf> parsed,
            Map<JailConfLoader.IncludeSite, List<String>> resolved) {
        Builder builder = new Builder(parsed, resolved);
        builder.walk(rootPath, parsed.get(rootPath).statements(), null);
        return new JailTable(rootPath, builder.jails);
    }

    String rootPath() {
        return rootPath;
    }

    List<Jail> jails() {
        return jails;
    }

    private static final class Builder {
        private final Map<String, JailConf> parsed;
        private final Map<JailConfLoader.IncludeSite, List<String>> resolved;
        private final List<Jail> jails = new ArrayList<>();
        private Jail global;

        Builder(Map<String, JailConf> parsed, Map<JailConfLoader.IncludeSite, List<String>> resolved) {
            this.parsed = parsed;
            this.resolved = resolved;
        }

        void walk(String file, List<Statement> statements, Jail current) {
            for (Statement statement : statements) {
                if (statement instanceof Parameter p) {
                    target(current).entries().add(new Entry(p.name(), false, p.op(), p.values()));
                } else if (statement instanceof VariableDefinition v) {
                    target(current).entries().add(new Entry(v.name(), true, v.op(), v.values()));
                } else if (statement instanceof Include include) {
                    for (String path : resolved.get(new JailConfLoader.IncludeSite(file, include.target()))) {
                        walk(path, parsed.get(path).statements(), current);
                    }
                } else if (statement instanceof JailBlock block) {
                    Jail jail = newJail(JailNames.qualify(current == null ? null : current.name(), block.name()));
                    walk(file, block.body(), jail);
                }
            }
        }

        private Jail target(Jail current) {
            if (current != null) {
                return current;
            }
            if (global == null) {
                global = newJail("*");
            }
            return global;
        }

        private Jail newJail(String name) {
            Jail jail = new Jail(name, jails.size() + 1, new ArrayList<>());
            jails.add(jail);
            return jail;
        }
    }
}
