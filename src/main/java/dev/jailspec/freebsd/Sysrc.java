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

    /** {@code sysrc -x NAME}: removes the variable from the file, so its default applies again. */
    public void delete(String variable) {
        requireVariable(variable);
        run("-x", variable).orThrow();
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
