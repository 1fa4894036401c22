package dev.jailspec.jailconf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One parsed jail.conf file: its statements in order. Equality is structural. */
public record JailConf(List<Statement> statements) {

    public JailConf {
        statements = List.copyOf(statements);
    }

    /**
     * Jails defined by this file, in order of first appearance, named as jail(8) names them
     * (a block nested in {@code a} is {@code a.b}). Wildcard blocks and the global section are not
     * jails; a name defined twice is listed once.
     */
    public List<String> jailNames() {
        Set<String> names = new LinkedHashSet<>();
        collectNames(statements, null, names);
        return List.copyOf(names);
    }

    /** {@code .include} targets in file order, including those inside blocks. */
    public List<String> includes() {
        List<String> targets = new ArrayList<>();
        collectIncludes(statements, targets);
        return List.copyOf(targets);
    }

    /** The same file without its comments. */
    public JailConf withoutComments() {
        return new JailConf(stripComments(statements));
    }

    private static void collectNames(List<Statement> statements, String parent, Set<String> names) {
        for (Statement statement : statements) {
            if (statement instanceof JailBlock block) {
                String name = JailNames.qualify(parent, block.name());
                if (!JailNames.isWildcard(name)) {
                    names.add(name);
                }
                collectNames(block.body(), name, names);
            }
        }
    }

    private static void collectIncludes(List<Statement> statements, List<String> targets) {
        for (Statement statement : statements) {
            if (statement instanceof Include include) {
                targets.add(include.target());
            } else if (statement instanceof JailBlock block) {
                collectIncludes(block.body(), targets);
            }
        }
    }

    private static List<Statement> stripComments(List<Statement> statements) {
        List<Statement> out = new ArrayList<>();
        for (Statement statement : statements) {
            if (statement instanceof JailBlock block) {
                out.add(new JailBlock(block.name(), stripComments(block.body())));
            } else if (!(statement instanceof Comment)) {
                out.add(statement);
            }
        }
        return out;
    }
}
