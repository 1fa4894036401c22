package dev.jailspec.jailconf;

import java.util.Objects;

/**
 * {@code $name} or {@code ${name}}: replaced per jail by a variable or a parameter of that jail,
 * e.g. {@code $name}, {@code ${path}}, {@code ${host.hostname}}.
 */
public record VariableRef(String name) implements ValuePart {

    public VariableRef {
        Objects.requireNonNull(name, "name");
    }
}
