package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Output shaped after route.c print_getmsg; the corpus has no route output (see RouteParser). */
class RouteTest {
    private static final String GET_DEFAULT = "   route to: default\n"
            + "destination: default\n"
            + "       mask: default\n"
            + "    gateway: 192.168.7.221\n"
            + "        fib: 0\n"
            + "  interface: epair154b\n"
            + "      flags: <UP,GATEWAY,DONE,STATIC>\n"
            + " recvpipe  sendpipe  ssthresh  rtt,msec    mtu        weight    expire\n"
            + "       0         0         0         0      1500         1         0 \n";

    private final ScriptedHost host = new ScriptedHost();

    @AfterEach
    void everyExpectedCommandRan() {
        host.assertAllRan();
    }

    @Test
    void parsesGatewayInterfaceAndFlags() {
        RouteInfo r = RouteParser.parseGet(GET_DEFAULT);

        assertThat(r.destination()).isEqualTo("default");
        assertThat(r.gateway()).contains("192.168.7.221");
        assertThat(r.iface()).contains("epair154b");
        assertThat(r.flags()).containsExactly("UP", "GATEWAY", "DONE", "STATIC");
    }

    @Test
    void defaultGatewayAndMissingRoute() {
        host.expect("route", "-n", "get", "default").stdout(GET_DEFAULT);
        host.expect("route", "-n", "get", "default").exit(1).stderr("route: route has not been found\n");
        host.expect("route", "-n", "get", "default").exit(1).stderr("route: socket: Protocol not supported\n");

        Route route = new Route(host);
        assertThat(route.defaultGateway()).contains("192.168.7.221");
        assertThat(route.defaultGateway()).isEmpty();
        assertThatThrownBy(route::defaultRoute).isInstanceOf(CommandFailedException.class);
    }

    @Test
    void noDestinationIsRejected() {
        assertThatThrownBy(() -> RouteParser.parseGet("hello\n")).hasMessageContaining("no destination");
    }
}
