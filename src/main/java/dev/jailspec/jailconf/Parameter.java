package dev.jailspec.jailconf;

import java.util.List;
import java.util.Objects;

/**
 * A parameter statement: {@code name;}, {@code name = v1, v2;}, {@code name += v;} or
 * {@code name v;}.
 */
public record Parameter(String name, Operator op, List<Value> values) implements Statement {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        values = List.copyOf(values);
        Values.requireConsistent(op, values);
        // jailparse.y turns exactly this form into an include; keep the model unambiguous.
        if (name.equals(Include.DIRECTIVE) && op == Operator.NONE && !values.isEmpty()) {
            throw new IllegalArgumentException("'.include \"file\"' is an Include statement, not a parameter");
        }
    }

    /** {@code name;} */
    public static Parameter flag(String name) {
        return new Parameter(name, Operator.NONE, List.of());
    }

    /** {@code name = "v1", "v2";} with literal values. */
    public static Parameter assign(String name, String... literals) {
        return new Parameter(name, Operator.ASSIGN, Values.literals(literals));
    }

    /** {@code name += "v";} with literal values. */
    public static Parameter append(String name, String... literals) {
        return new Parameter(name, Operator.APPEND, Values.literals(literals));
    }
}
