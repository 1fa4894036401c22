package dev.jailspec.jailconf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters jail(8) would use for one jail after collecting global, wildcard and the jail's
 * own statements and substituting variables. Variables themselves are not parameters and are not
 * here; {@code name} (or {@code jid} for a numeric jail name) is, as jail(8) sets it.
 *
 * <p>Names are looked up as config.c does: {@code allow.mount} and {@code allow.nomount} are the
 * same parameter, stored under the name written last.
 */
public final class JailParameters {

    private final String name;
    private final Map<String, List<String>> parameters;

    JailParameters(String name, Map<String, List<String>> parameters) {
        this.name = name;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        this.parameters = Collections.unmodifiableMap(copy);
    }

    /** The jail's name as defined in the configuration. */
    public String name() {
        return name;
    }

    /** All values after {@code =} and {@code +=} were applied, in order; empty if unset or valueless. */
    public List<String> values(String param) {
        return lookup(param).map(Map.Entry::getValue).orElse(List.of());
    }

    /** The last value, which is what jail(8) uses for a single-valued parameter. */
    public Optional<String> value(String param) {
        List<String> values = values(param);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    public boolean isSet(String param) {
        return lookup(param).isPresent();
    }

    /**
     * A boolean parameter as config.c's bool_param() reads it: set without a value, {@code true}
     * (any case), or a non-zero number is true, and a {@code no} prefix on either the stored or
     * the asked name inverts it ({@code allow.nomount;} makes {@code flag("allow.mount")} false).
     * {@code new} also counts as true, for jailsys parameters such as {@code vnet = new}.
     * Unset is false.
     */
    public boolean flag(String param) {
        Optional<Map.Entry<String, List<String>>> entry = lookup(param);
        if (entry.isEmpty()) {
            return false;
        }
        List<String> values = entry.get().getValue();
        boolean truthy = values.isEmpty() || isTrue(values.get(values.size() - 1));
        boolean positive = OptionNames.isNegated(entry.get().getKey()) ^ truthy;
        return positive ^ OptionNames.isNegated(param);
    }

    /** Every parameter in the order jail(8) collected them, name to values (unmodifiable). */
    public Map<String, List<String>> asMap() {
        return parameters;
    }

    @Override
    public String toString() {
        return "JailParameters[" + name + " " + parameters + "]";
    }

    private Optional<Map.Entry<String, List<String>>> lookup(String param) {
        return parameters.entrySet().stream().filter(e -> OptionNames.sameOption(e.getKey(), param)).findFirst();
    }

    private static boolean isTrue(String value) {
        return value.equalsIgnoreCase("true") || value.equals("new") || startsWithNonZeroNumber(value);
    }

    /** {@code strtol(value, NULL, 10) != 0}: a leading decimal number that is not zero. */
    private static boolean startsWithNonZeroNumber(String value) {
        String s = value.stripLeading();
        int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            if (s.charAt(i) != '0') {
                return true;
            }
        }
        return false;
    }
}
