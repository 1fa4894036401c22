package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.Objects;
import java.util.regex.Pattern;

/** Creates, inspects and wires network interfaces for VNET jails (freebsd-facts 4.1). */
public final class Ifconfig {
    private static final Pattern CLONER = Pattern.compile("[a-z]+[0-9]*");
    // IFNAMSIZ is 16 including the NUL; jib names look like e0b_NAME.
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,14}");

    private final Host host;

    public Ifconfig(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * {@code ifconfig CLONER create}, returning the name it printed: {@code bridge0} for
     * {@code bridge}, the a side {@code epair0a} for {@code epair} (its b side is the same name
     * ending in b).
     */
    public String create(String cloner) {
        if (cloner == null || !CLONER.matcher(cloner).matches()) {
            throw new IllegalArgumentException("invalid interface cloner '" + cloner + "' (e.g. epair, bridge)");
        }
        String name = host.run(Command.of("ifconfig", cloner, "create")).orThrow().stdout().strip();
        if (!INTERFACE.matcher(name).matches()) {
            throw new IllegalArgumentException("ifconfig " + cloner + " create printed no interface name: '" + name + "'");
        }
        return name;
    }

    /** {@code ifconfig NAME destroy}; for an epair, destroying one side destroys both. */
    public void destroy(String name) {
        run(requireInterface(name), "destroy");
    }

    /** Whether {@code ifconfig NAME} succeeds; it exits 1 with {@code interface NAME does not exist} otherwise. */
    public boolean exists(String name) {
        CommandResult r = host.run(Command.probe("ifconfig", requireInterface(name)));
        if (r.exitCode() == 1 && r.stderr().contains("does not exist")) {
            return false;
        }
        r.orThrow();
        return true;
    }

    /** {@code ifconfig NAME}, parsed. */
    public InterfaceInfo describe(String name) {
        return IfconfigParser.parse(host.run(Command.probe("ifconfig", requireInterface(name))).orThrow().stdout());
    }

    /** {@code ifconfig NAME up}. */
    public void up(String name) {
        run(requireInterface(name), "up");
    }

    /** {@code ifconfig BRIDGE addm MEMBER}. */
    public void addMember(String bridge, String member) {
        run(requireInterface(bridge), "addm", requireInterface(member));
    }

    /** {@code ifconfig BRIDGE deletem MEMBER}. */
    public void deleteMember(String bridge, String member) {
        run(requireInterface(bridge), "deletem", requireInterface(member));
    }

    private void run(String... args) {
        host.run(Command.of("ifconfig", args)).orThrow();
    }

    private static String requireInterface(String name) {
        if (name == null || !INTERFACE.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid interface name '" + name
                    + "': a letter, then up to 14 letters, digits, '_', '.', '-'");
        }
        return name;
    }

}
