package dev.jailspec.freebsd;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code zfs get}. {@code value} is as printed: an unset user property, or an
 * origin of a dataset that is not a clone, prints {@code -} with source {@code -}
 * (freebsd-facts 1.4).
 */
public record ZfsProperty(String dataset, String property, String value, ZfsPropertySource source) {

    public ZfsProperty {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /** The value, or empty when zfs printed {@code -} (unset or not applicable). */
    public Optional<String> valueIfSet() {
        return value.equals("-") ? Optional.empty() : Optional.of(value);
    }
}
