package dev.jailspec.jailconf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A port of the per-jail part of config.c's load_config() and add_param(): collect the jail's
 * parameters (its name, wildcard and global parameters, its own), then substitute variables.
 * Messages are jail(8)'s, {@code jail: NAME: ...}.
 */
final class ParameterResolver {

    /** config.c intparams[] that are not PF_CONV: variables may not take these names. */
    private static final List<String> INTERNAL_PARAMETERS = List.of(
            "allow.dying", "command", "depend", "exec.clean", "exec.consolelog", "exec.fib",
            "exec.jail_user", "exec.poststart", "exec.poststop", "exec.prepare", "exec.prestart",
            "exec.prestop", "exec.release", "exec.created", "exec.start", "exec.stop",
            "exec.system_jail_user", "exec.system_user", "exec.timeout", "interface", "ip_hostname",
            "mount", "mount.devfs", "mount.fdescfs", "mount.procfs", "mount.fstab", "stop.timeout",
            "vnet.interface", "zfs.dataset", "allow.chflags", "allow.mount", "allow.raw_sockets",
            "allow.set_hostname", "allow.socket_af", "allow.sysvipc", "devfs_ruleset", "host.hostname",
            "ip4.addr", "ip6.addr", "jid", "name", "path", "persist", "securelevel", "vnet");

    /** PF_IMMUTABLE: set from the jail's name, never redefined. */
    private static final Set<String> IMMUTABLE = Set.of("jid", "name");

    /** A variable reference inside a string, at a character position. */
    private static final class VariableAt {
        final String name;
        int pos;

        VariableAt(String name, int pos) {
            this.name = name;
            this.pos = pos;
        }
    }

    /** cfstring: literal text with the variables still to be inserted. */
    private static final class Text {
        final StringBuilder text;
        final List<VariableAt> variables = new ArrayList<>();

        Text(String literal) {
            this.text = new StringBuilder(literal);
        }

        static Text of(Value value) {
            Text result = new Text("");
            for (ValuePart part : value.parts()) {
                if (part instanceof Literal literal) {
                    result.text.append(literal.text());
                } else if (part instanceof VariableRef ref) {
                    result.variables.add(new VariableAt(ref.name(), result.text.length()));
                }
            }
            return result;
        }
    }

    /** cfparam. */
    private static final class Param {
        String name;
        final boolean variable;
        final List<Text> values;
        boolean immutable;
        boolean bad;
        int gen;

        Param(String name, boolean variable, List<Text> values) {
            this.name = name;
            this.variable = variable;
            this.values = values;
        }

        boolean unresolved() {
            return values.stream().anyMatch(t -> !t.variables.isEmpty());
        }
    }

    private final JailTable.Jail jail;
    private final List<Param> params = new ArrayList<>();
    /** Which of the jail(8)-internal slots (config.c j->intparams[]) are taken. */
    private final Set<String> internalSlots = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean failed;

    private ParameterResolver(JailTable.Jail jail) {
        this.jail = jail;
    }

    /**
     * @throws JailConfException when jail(8) would fail the jail (unknown variable, loop, ...)
     */
    static JailParameters resolve(JailTable.Jail jail, List<JailTable.Jail> allJails) {
        ParameterResolver resolver = new ParameterResolver(jail);
        resolver.collect(allJails.stream().filter(JailTable.Jail::isWildcard).toList());
        resolver.substituteVariables();
        if (resolver.failed) {
            throw new JailConfException(resolver.warnings);
        }
        return resolver.result();
    }

    // ---- collecting (load_config + add_param) ------------------------------------------------

    private void collect(List<JailTable.Jail> wildcards) {
        addInternal(isJid(jail.name()) ? "jid" : "name", jail.name());
        // A wildcard block defined after this jail is applied after the jail's own statements.
        boolean didSelf = false;
        for (JailTable.Jail wild : wildcards) {
            if (jail.seq() < wild.seq() && !didSelf) {
                jail.entries().forEach(this::add);
                didSelf = true;
            }
            if (JailNames.wildcardMatches(jail.name(), wild.name())) {
                wild.entries().forEach(this::add);
            }
        }
        if (!didSelf) {
            jail.entries().forEach(this::add);
        }
        if (!internalSlots.contains("name")) {
            addInternal("name", jail.name());
        }
    }

    /** add_param(j, NULL, ipnum, value): a parameter jail(8) sets itself. */
    private void addInternal(String name, String value) {
        Param param = new Param(name, false, new ArrayList<>(List.of(new Text(value))));
        param.immutable = IMMUTABLE.contains(name);
        params.add(param);
        internalSlots.add(name);
    }

    /** add_param(j, p, 0, NULL): a statement from the configuration. */
    private void add(JailTable.Entry entry) {
        List<Text> values = new ArrayList<>(entry.values().stream().map(Text::of).toList());
        Param existing = params.stream()
                .filter(p -> OptionNames.sameOption(p.name, entry.name()))
                .findFirst()
                .orElse(null);
        if (existing != null) {
            if (existing.variable != entry.variable()) {
                fail("variable \"$" + entry.name() + "\" cannot have the same name as a parameter.");
                return;
            }
            if (existing.immutable) {
                fail("cannot redefine parameter \"" + existing.name + "\".");
                return;
            }
            existing.name = entry.name();
            if (entry.op() != Operator.APPEND || values.isEmpty()) {
                existing.values.clear();
            }
            existing.values.addAll(values);
            return;
        }
        Param param = new Param(entry.name(), entry.variable(), values);
        params.add(param);
        for (String internal : INTERNAL_PARAMETERS) {
            if (OptionNames.sameOption(entry.name(), internal)) {
                if (entry.variable()) {
                    fail("variable \"$" + entry.name() + "\" cannot have the same name as a parameter.");
                    return;
                }
                internalSlots.add(internal);
                param.immutable = IMMUTABLE.contains(internal);
                break;
            }
        }
    }

    // ---- variable substitution (load_config's "Resolve any variable substitutions") -----------

    private void substituteVariables() {
        int generation = 0;
        for (int index = 0; index < params.size(); index++) {
            Param param = params.get(index);
            param.gen = ++generation;
            boolean restart;
            do {
                restart = false;
                for (int s = 0; s < param.values.size() && !restart; s++) {
                    Text text = param.values.get(s);
                    while (!text.variables.isEmpty() && !restart) {
                        Param source = resolveOne(param, text, generation);
                        if (source != null) {
                            // The source still has variables of its own: resolve it first, in its
                            // new place just before this parameter, as config.c does.
                            params.remove(source);
                            index = params.indexOf(param);
                            params.add(index, source);
                            param = source;
                            restart = true;
                        }
                    }
                }
            } while (restart);
        }
    }

    /**
     * Substitutes the first variable of {@code text}. Returns the parameter that must be resolved
     * first when the variable's own value still has variables; null otherwise.
     */
    private Param resolveOne(Param param, Text text, int generation) {
        VariableAt variable = text.variables.get(0);
        Param source = params.stream().filter(p -> p.name.equals(variable.name)).findFirst().orElse(null);
        if (source == null || source.values.isEmpty()) {
            warn(param.name + ": variable \"" + variable.name + "\" not found");
            markBad(generation);
        } else if (source.bad) {
            markBad(generation);
        } else if (source.gen == generation) {
            warn(variable.name + ": variable loop");
            markBad(generation);
        } else if (source.unresolved()) {
            source.gen = generation;
            return source;
        } else if (source.values.size() > 1 && (text.text.length() > 0 || text.variables.size() > 1)) {
            warn(param.name + ": array cannot be substituted inline");
            markBad(generation);
        } else {
            insert(param, text, variable, source.values);
        }
        text.variables.remove(0);
        return null;
    }

    /** The first value goes in place of the variable; further values become values of their own. */
    private static void insert(Param param, Text text, VariableAt variable, List<Text> sourceValues) {
        String first = sourceValues.get(0).text.toString();
        text.text.insert(variable.pos, first);
        for (VariableAt later : text.variables.subList(1, text.variables.size())) {
            later.pos += first.length();
        }
        int at = param.values.indexOf(text);
        for (Text extra : sourceValues.subList(1, sourceValues.size())) {
            param.values.add(++at, new Text(extra.text.toString()));
        }
    }

    private void markBad(int generation) {
        failed = true;
        params.stream().filter(p -> p.gen == generation).forEach(p -> p.bad = true);
    }

    // ---- results and messages ------------------------------------------------------------------

    private JailParameters result() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Param param : params) {
            if (!param.variable) {
                values.put(param.name, param.values.stream().map(t -> t.text.toString()).toList());
            }
        }
        return new JailParameters(jail.name(), values);
    }

    private void fail(String message) {
        warn(message);
        failed = true;
    }

    private void warn(String message) {
        warnings.add("jail: " + jail.name() + ": " + message);
    }

    /** config.c: {@code strtol(name, &ep, 10) && !*ep}, a non-zero numeric name is a jid. */
    private static boolean isJid(String name) {
        String number = name.stripLeading();
        return number.matches("[+-]?[0-9]+") && !number.matches("[+-]?0+");
    }
}
