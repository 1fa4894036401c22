package dev.jailspec.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A running jail as jls(8) reports it. {@code name} is empty when the output form has no name
 * (the default table and the default JSON keys: jid, ipv4, hostname, path; freebsd-facts 2.4).
 */
public record JailInfo(int jid, Optional<String> name, String hostname, String path,
                       List<String> ipv4, List<String> ipv6) {

    public JailInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(path, "path");
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
    }

    /**
     * Builds a JailInfo from a parameter listing or a JSON object. Accepts the keys of the
     * default JSON ({@code ipv4}), of {@code -v} ({@code name}, {@code ipv4_addrs},
     * {@code ipv6_addrs}) and of explicit parameters ({@code host.hostname}, {@code ip4.addr}).
     */
    public static JailInfo from(JlsEntry e) {
        String jid = e.value("jid").orElseThrow(() -> new IllegalArgumentException("jls entry has no jid: " + e));
        String hostname = e.value("hostname").or(() -> e.value("host.hostname")).orElse("");
        String path = e.value("path").orElseThrow(() -> new IllegalArgumentException("jls entry has no path: " + e));
        try {
            return new JailInfo(Integer.parseInt(jid), e.value("name"), hostname, path,
                    addresses(e, "ipv4_addrs", "ip4.addr", "ipv4"), addresses(e, "ipv6_addrs", "ip6.addr", "ipv6"));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("jls jid is not a number: " + jid, ex);
        }
    }

    private static List<String> addresses(JlsEntry e, String... keys) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            out.addAll(e.list(key));
            // Scalar forms: the default table/JSON "ipv4" (first address), or "a,b" from jls -h ip4.addr.
            e.value(key).filter(v -> !v.isEmpty() && !v.equals("-"))
                    .ifPresent(v -> out.addAll(List.of(v.split(","))));
        }
        return out;
    }
}
