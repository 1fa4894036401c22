package dev.jailspec.jailconf;

import java.util.List;
import java.util.Objects;

/**
 * {@code $name = value;}: a variable used only for substitution, never passed to the kernel.
 * The name is kept without the {@code $}.
 */
public record VariableDefinition(String name, Operator op, List<Value> values) implements Statement {

    public VariableDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        values = List.copyOf(values);
        Values.requireConsistent(op, values);
    }

    public static VariableDefinition assign(String name, String... literals) {
        return new VariableDefinition(name, Operator.ASSIGN, Values.literals(literals));
    }
}
