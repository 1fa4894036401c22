package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.Objects;
import java.util.Optional;

/**
 * The default route, e.g. inside a VNET jail after {@code route add default GATEWAY}
 * (freebsd-facts 4.2). Format: see {@link RouteParser}.
 */
public final class Route {
    private final Host host;

    public Route(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * {@code route -n get default}. Empty when there is no default route: route(8) then fails
     * with "not in table" or "route has not been found" on stderr (wording differs between the
     * routing-socket and netlink versions of route; not confirmed on a 14.x host).
     */
    public Optional<RouteInfo> defaultRoute() {
        CommandResult r = host.run(Command.probe("route", "-n", "get", "default"));
        if (r.exitCode() != 0 && (r.stderr().contains("not in table") || r.stderr().contains("has not been found"))) {
            return Optional.empty();
        }
        return Optional.of(RouteParser.parseGet(r.orThrow().stdout()));
    }

    /** The default route's gateway address, if there is a default route through a gateway. */
    public Optional<String> defaultGateway() {
        return defaultRoute().flatMap(RouteInfo::gateway);
    }
}
