package dev.jailspec.provision;

import dev.jailspec.host.ShellQuote;
import dev.jailspec.jailconf.Literal;
import dev.jailspec.jailconf.Value;
import dev.jailspec.jailconf.ValuePart;
import dev.jailspec.jailconf.VariableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An exec.* command line of the jail's file, made from argv. Two layers read it: jail(8) first
 * substitutes the jail.conf variables in the value (config.c load_config(), ported in
 * {@code jailconf.ParameterResolver}), then runs it: a line holding any of
 * {@code !"$&'()*;<>?[\]`{|}~} goes to {@code /bin/sh -c}, any other is split on blanks and run
 * directly (usr.sbin/jail/command.c run_command(), its default case; [UNVERIFIED: read at
 * freebsd-src commit 1ca35de4, not compared with releng/14.3]). Either way sh's reading of the
 * line is the argv: each literal piece of a word is quoted for sh here, with {@link ShellQuote},
 * and {@link dev.jailspec.jailconf.JailConfRenderer} then escapes the whole line for jail.conf's
 * double quotes. A variable stays a {@link VariableRef}, unquoted for sh, so its value must be a
 * word sh reads back unchanged, which {@link #requirePlainWords} checks for the values the file
 * defines.
 */
final class ExecLine {

    private ExecLine() {
    }

    /** One word of plain text. */
    static Value word(String text) {
        return Value.of(text);
    }

    /** One word glued from text and jail.conf variables, e.g. {@code ${epair}a}. */
    static Value word(ValuePart... parts) {
        return Value.of(parts);
    }

    static VariableRef var(String name) {
        return new VariableRef(name);
    }

    static Literal text(String text) {
        return new Literal(text);
    }

    /** A word per argument without variables: {@code of("/bin/sh", "/etc/rc")}. */
    static Value of(String... argv) {
        return of(java.util.Arrays.stream(argv).map(Value::of).toList());
    }

    /** The sh line of {@code argv}, as one jail.conf value. */
    static Value of(List<Value> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("an exec.* line needs at least the program to run");
        }
        List<ValuePart> line = new ArrayList<>();
        for (Value arg : argv) {
            if (!line.isEmpty()) {
                line.add(new Literal(" "));
            }
            if (arg.parts().isEmpty()) {
                line.add(new Literal(ShellQuote.quote("")));
            }
            for (ValuePart part : arg.parts()) {
                line.add(part instanceof Literal l ? new Literal(ShellQuote.quote(l.text())) : part);
            }
        }
        return new Value(line);
    }

    /**
     * The variables an exec.* line substitutes unquoted must hold words sh reads back as they are
     * (letters, digits and {@code _@%+=:,./-}); a bridge name with a blank would split the command.
     */
    static void requirePlainWords(Map<String, String> variables) {
        variables.forEach((name, value) -> {
            if (!ShellQuote.quote(value).equals(value)) {
                throw new IllegalArgumentException("jail.conf variable $" + name + " = '" + value
                        + "' is used unquoted in the jail's exec.* command lines, so it may hold only letters,"
                        + " digits and _@%+=:,./- ; change the setting it comes from");
            }
        });
    }
}
