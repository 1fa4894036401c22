package dev.jailspec.jailconf;

import java.util.List;
import java.util.Objects;

/**
 * {@code name { ... }}. The name is as written; a block nested in {@code parent} defines the
 * jail {@code parent.name}. {@code *} and {@code x.*} are wildcard blocks.
 */
public record JailBlock(String name, List<Statement> body) implements Statement {

    public JailBlock {
        Objects.requireNonNull(name, "name");
        body = List.copyOf(body);
    }
}
