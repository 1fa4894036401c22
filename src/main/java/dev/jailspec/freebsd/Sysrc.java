package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and sets rc.conf variables with sysrc(8) (freebsd-facts 5.1), on the default rc.conf
 * files or, via {@link #onFile}, on one file ({@code sysrc -f /etc/rc.conf.d/jail ...}).
 */
public final class Sysrc {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Host host;
    private final Optional<String> file;

    public Sysrc(Host host) {
        this(host, Optional.empty());
    }

    private Sysrc(Host host, Optional<String> file) {
        this.host = Objects.requireNonNull(host, "host");
        this.file = file;
    }

    /** The same operations on one file ({@code -f path}); defaults still count as before values. */
    public Sysrc onFile(String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("sysrc -f needs an absolute path, got " + absolutePath);
        }
        return new Sysrc(host, Optional.of(absolutePath));
    }

    /**
     * {@code sysrc NAME}. Empty when sysrc says {@code sysrc: unknown variable 'NAME'} and exits 1;
     * a variable that is set to the empty string is {@code Optional.of("")}.
     */
    public Optional<String> get(String variable) {
        requireVariable(variable);
        CommandResult r = host.run(command(variable).readingOnly());
        if (r.exitCode() == 1 && r.stderr().contains("unknown variable")) {
            return Optional.empty();
        }
        String value = SysrcParser.parseValues(r.orThrow().stdout()).get(variable);
        if (value == null) {
            throw new IllegalArgumentException("sysrc did not print " + variable + ": " + r.stdout());
        }
        return Optional.of(value);
    }

    /**
     * {@code sysrc NAME...}: several variables in one command, each as {@link #get} reads it. sysrc
     * goes through its operands one by one, printing {@code NAME: VALUE} for a known variable and
     * {@code sysrc: unknown variable 'NAME'} on stderr for an unknown one, and exits 1 when any was
     * unknown ({@code status=$FAILURE; continue} in the loop over {@code "$@"} of usr.sbin/sysrc/sysrc,
     * freebsd-src 09711ccb [UNVERIFIED: read in an unpinned copy, not at releng/14.x]).
     */
    public java.util.Map<String, Optional<String>> get(List<String> variables) {
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("sysrc needs at least one variable to read");
        }
        variables.forEach(Sysrc::requireVariable);
        CommandResult r = host.run(command(variables.toArray(String[]::new)).readingOnly());
        java.util.Map<String, String> printed = SysrcParser.parseValues(r.stdout());
        java.util.Map<String, Optional<String>> out = new java.util.LinkedHashMap<>();
        for (String v : variables) {
            if (printed.containsKey(v)) {
                out.put(v, Optional.of(printed.get(v)));
            } else if (r.exitCode() == 1 && r.stderr().contains("unknown variable '" + v + "'")) {
                out.put(v, Optional.empty());
            } else {
                r.orThrow();
                throw new IllegalArgumentException("sysrc did not print " + v + ": " + r.stdout());
            }
        }
        return out;
    }

    /** {@code sysrc NAME=VALUE}, returning what sysrc reported as the change. */
    public SysrcChange set(String variable, String value) {
        requireVariable(variable);
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an rc.conf value cannot contain a newline: " + variable);
        }
        SysrcChange change = SysrcParser.parseChange(run(variable + "=" + value).orThrow().stdout(), value);
        if (!change.name().equals(variable)) {
            throw new IllegalArgumentException("sysrc reported a change of " + change.name() + ", not " + variable);
        }
        return change;
    }

    /**
     * {@code sysrc NAME=VALUE...}: several assignments in one command, in the order given, each
     * reported as {@link #set} reports one. sysrc reads the value back after setting it
     * ({@code after=$( f_sysrc_get "$NAME" )} before it prints {@code NAME: BEFORE -> AFTER}, in
     * usr.sbin/sysrc/sysrc, freebsd-src 09711ccb [UNVERIFIED: read in an unpinned copy, not at
     * releng/14.x]), so each change's {@code after} is what rc.conf now gives.
     */
    public List<SysrcChange> set(java.util.LinkedHashMap<String, String> assignments) {
        if (assignments.isEmpty()) {
            throw new IllegalArgumentException("sysrc needs at least one assignment");
        }
        List<String> args = new ArrayList<>();
        assignments.forEach((variable, value) -> {
            requireVariable(variable);
            Objects.requireNonNull(value, "value");
            if (value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("an rc.conf value cannot contain a newline: " + variable);
            }
            args.add(variable + "=" + value);
        });
        List<String> lines = run(args.toArray(String[]::new)).orThrow().stdout().lines().filter(l -> !l.isEmpty()).toList();
        if (lines.size() != assignments.size()) {
            throw new IllegalArgumentException("sysrc reported " + lines.size() + " changes for " + assignments.size()
                    + " assignments: " + lines);
        }
        List<SysrcChange> changes = new ArrayList<>();
        int i = 0;
        for (var a : assignments.entrySet()) {
            SysrcChange change = SysrcParser.parseChange(lines.get(i++), a.getValue());
            if (!change.name().equals(a.getKey())) {
                throw new IllegalArgumentException("sysrc reported a change of " + change.name() + ", not " + a.getKey());
            }
            changes.add(change);
        }
        return changes;
    }

    /** {@code sysrc -x NAME}: removes the variable from the file, so its default applies again. */
    public void delete(String variable) {
        delete(List.of(variable));
    }

    /**
     * {@code sysrc -x NAME...}: several in one command; sysrc deletes each operand in turn
     * ({@code f_sysrc_delete "$NAME" || status=$FAILURE} in its loop over {@code "$@"},
     * usr.sbin/sysrc/sysrc, freebsd-src 09711ccb [UNVERIFIED: read in an unpinned copy, not at
     * releng/14.x]).
     */
    public void delete(List<String> variables) {
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("sysrc -x needs at least one variable");
        }
        variables.forEach(Sysrc::requireVariable);
        List<String> args = new ArrayList<>(List.of("-x"));
        args.addAll(variables);
        run(args.toArray(String[]::new)).orThrow();
    }

    private CommandResult run(String... args) {
        return host.run(command(args));
    }

    private Command command(String... args) {
        List<String> argv = new ArrayList<>(List.of("sysrc"));
        file.ifPresent(f -> {
            argv.add("-f");
            argv.add(f);
        });
        argv.addAll(List.of(args));
        return Command.of(argv);
    }

    private static void requireVariable(String variable) {
        if (variable == null || !VARIABLE.matcher(variable).matches()) {
            throw new IllegalArgumentException("invalid rc.conf variable name '" + variable
                    + "': use letters, digits and '_', not starting with a digit");
        }
    }
}
