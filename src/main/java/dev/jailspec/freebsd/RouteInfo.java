package dev.jailspec.freebsd;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The fields of {@code route -n get DEST} the harness uses. */
public record RouteInfo(String destination, Optional<String> gateway, Optional<String> iface, List<String> flags) {
    public RouteInfo {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(iface, "iface");
        flags = List.copyOf(flags);
    }
}
