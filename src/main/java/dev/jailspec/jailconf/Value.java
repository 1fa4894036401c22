package dev.jailspec.jailconf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One value of a parameter: the pieces jail.conf glued together ({@code 192.168.1.$ip},
 * {@code "epair${id}b"}). Adjacent literals are merged and empty ones dropped, so the same
 * text always has one representation however it was quoted.
 */
public record Value(List<ValuePart> parts) {

    public Value {
        parts = normalize(parts);
    }

    public static Value of(String literal) {
        return new Value(List.of(new Literal(literal)));
    }

    public static Value of(ValuePart... parts) {
        return new Value(List.of(parts));
    }

    public boolean hasVariables() {
        return parts.stream().anyMatch(VariableRef.class::isInstance);
    }

    /** The text when the value has no variable references. */
    public Optional<String> literal() {
        if (hasVariables()) {
            return Optional.empty();
        }
        return Optional.of(parts.isEmpty() ? "" : ((Literal) parts.get(0)).text());
    }

    /** Readable form for messages and debugging, variables as {@code ${name}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (ValuePart part : parts) {
            if (part instanceof Literal literal) {
                sb.append(literal.text());
            } else if (part instanceof VariableRef ref) {
                sb.append("${").append(ref.name()).append('}');
            }
        }
        return sb.toString();
    }

    private static List<ValuePart> normalize(List<ValuePart> input) {
        List<ValuePart> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (ValuePart part : input) {
            if (part instanceof Literal literal) {
                pending.append(literal.text());
            } else {
                flush(pending, out);
                out.add(part);
            }
        }
        flush(pending, out);
        return List.copyOf(out);
    }

    private static void flush(StringBuilder pending, List<ValuePart> out) {
        if (pending.length() > 0) {
            out.add(new Literal(pending.toString()));
            pending.setLength(0);
        }
    }
}
