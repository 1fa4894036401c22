package dev.jailspec.freebsd;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One jail from a jls parameter listing or JSON output, keyed by the names jls printed:
 * single values in {@code values}, JSON arrays (IP address lists) in {@code lists}.
 */
public record JlsEntry(Map<String, String> values, Map<String, List<String>> lists) {

    public JlsEntry {
        values = Map.copyOf(values);
        lists = Map.copyOf(lists);
    }

    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public List<String> list(String key) {
        return lists.getOrDefault(key, List.of());
    }
}
