package dev.jailspec.sim;

import java.util.List;
import java.util.Objects;

/**
 * What the simulated host looks like when it is first created: its release, host name, ZFS
 * pools (each pool's root dataset is mounted at {@code /<pool>}) and network interfaces.
 *
 * <p>Interface kinds follow their names: {@code loN} is a loopback, a name ending in
 * {@code bridge} or of the form {@code bridgeN} is an if_bridge, anything else is an Ethernet
 * port. A bridge named after a port ({@code igc0bridge} for {@code igc0}, jib's convention,
 * freebsd-facts 4.3) starts with that port as its member.
 *
 * <p>The spec only seeds a new root directory; a root that already holds a simulated host keeps
 * its own state.
 */
public record SimHostSpec(String release, String hostname, List<String> pools, List<String> interfaces, SimCpu cpu) {

    /** A host with the x86-64-v3 CPU. */
    public SimHostSpec(String release, String hostname, List<String> pools, List<String> interfaces) {
        this(release, hostname, pools, interfaces, SimCpu.X86_64_V3);
    }

    public SimHostSpec {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(hostname, "hostname");
        pools = List.copyOf(pools);
        interfaces = List.copyOf(interfaces);
        if (!release.matches("\\d+\\.\\d+-RELEASE(-p\\d+)?")) {
            throw new IllegalArgumentException("release must look like 14.3-RELEASE, got '" + release + "'");
        }
        if (hostname.isBlank()) {
            throw new IllegalArgumentException("hostname must not be blank");
        }
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("the simulated host needs at least one ZFS pool");
        }
        for (String pool : pools) {
            if (!pool.matches("[A-Za-z][A-Za-z0-9_.:-]*")) {
                throw new IllegalArgumentException("not a valid pool name: '" + pool + "'");
            }
        }
        for (String name : interfaces) {
            if (!name.matches("[a-z][a-z0-9_.]*[0-9a-z]")) {
                throw new IllegalArgumentException("not a valid interface name: '" + name + "'");
            }
        }
    }

    /**
     * The how-to's host: FreeBSD 14.3, pool {@code zdata}, port {@code igc0} on bridge {@code igc0bridge}.
     * For the simulator's own tests; a run replaces the release with jailspec.sim.release, which
     * defaults to a release supported on the run's clock (provision.RunRelease), since 14.3 reached
     * its end of life on 2026-06-30.
     */
    public static SimHostSpec defaults() {
        return new SimHostSpec("14.3-RELEASE", "jailhost", List.of("zdata"), List.of("igc0", "igc0bridge", "lo0"));
    }

    public SimHostSpec withRelease(String newRelease) {
        return new SimHostSpec(newRelease, hostname, pools, interfaces, cpu);
    }

    public SimHostSpec withPools(List<String> newPools) {
        return new SimHostSpec(release, hostname, newPools, interfaces, cpu);
    }

    public SimHostSpec withInterfaces(List<String> newInterfaces) {
        return new SimHostSpec(release, hostname, pools, newInterfaces, cpu);
    }

    /** The machine's CPU, as /var/run/dmesg.boot describes it (jailspec.sim.cpu). */
    public SimHostSpec withCpu(SimCpu newCpu) {
        return new SimHostSpec(release, hostname, pools, interfaces, newCpu);
    }
}
