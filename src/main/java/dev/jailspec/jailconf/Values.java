package dev.jailspec.jailconf;

import java.util.Arrays;
import java.util.List;

/** Small helpers shared by the statement records. */
final class Values {

    private Values() {
    }

    static List<Value> literals(String... literals) {
        return Arrays.stream(literals).map(Value::of).toList();
    }

    // The grammar has no "name =" without a value.
    static void requireConsistent(Operator op, List<Value> values) {
        if (op != Operator.NONE && values.isEmpty()) {
            throw new IllegalArgumentException("'" + op.symbol() + "' needs at least one value");
        }
    }
}
