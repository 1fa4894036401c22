package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * What the host under test runs, read once by the run with the typed tools and published for the
 * report's environment: {@code freebsd-version -kru} (kernel, running kernel, userland) and
 * {@code zfs version} (userland and kernel module lines).
 */
public record HostFactsResolved(Instant at, String freebsdKernel, String freebsdRunning, String freebsdUserland,
                                String zfsUserland, String zfsKernel) implements JailspecEvent {
    public HostFactsResolved {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(freebsdKernel, "freebsdKernel");
        Objects.requireNonNull(freebsdRunning, "freebsdRunning");
        Objects.requireNonNull(freebsdUserland, "freebsdUserland");
        Objects.requireNonNull(zfsUserland, "zfsUserland");
        Objects.requireNonNull(zfsKernel, "zfsKernel");
    }
}
