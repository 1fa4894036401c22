package dev.jailspec.freebsd;

import java.util.Objects;
import java.util.Optional;

/**
 * The SOURCE column of {@code zfs get}: {@code -}, {@code default}, {@code local},
 * {@code temporary}, {@code received} or {@code inherited from <dataset>} (freebsd-facts 1.4).
 */
public record ZfsPropertySource(Kind kind, Optional<String> inheritedFrom) {
    public enum Kind { NONE, DEFAULT, LOCAL, TEMPORARY, RECEIVED, INHERITED }

    private static final String INHERITED_PREFIX = "inherited from ";

    public ZfsPropertySource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(inheritedFrom, "inheritedFrom");
        if ((kind == Kind.INHERITED) != inheritedFrom.isPresent()) {
            throw new IllegalArgumentException("inheritedFrom is set exactly when kind is INHERITED");
        }
    }

    public static ZfsPropertySource parse(String column) {
        if (column.startsWith(INHERITED_PREFIX) && column.length() > INHERITED_PREFIX.length()) {
            return new ZfsPropertySource(Kind.INHERITED, Optional.of(column.substring(INHERITED_PREFIX.length())));
        }
        Kind kind = switch (column) {
            case "-" -> Kind.NONE;
            case "default" -> Kind.DEFAULT;
            case "local" -> Kind.LOCAL;
            case "temporary" -> Kind.TEMPORARY;
            case "received" -> Kind.RECEIVED;
            default -> throw new IllegalArgumentException("unknown zfs property source '" + column + "'");
        };
        return new ZfsPropertySource(kind, Optional.empty());
    }
}
