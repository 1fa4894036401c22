package dev.jailspec.freebsd;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code inet} line of ifconfig(8): {@code inet 192.168.1.150 netmask 0xffffff00 broadcast
 * 192.168.1.255}. FreeBSD prints the netmask in hex.
 */
public record IfconfigInet(String address, String netmaskHex, Optional<String> broadcast) {

    public IfconfigInet {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(netmaskHex, "netmaskHex");
        Objects.requireNonNull(broadcast, "broadcast");
        if (!netmaskHex.matches("0x[0-9a-fA-F]{8}")) {
            throw new IllegalArgumentException("netmask is not 0x + 8 hex digits: " + netmaskHex);
        }
    }

    /** {@code 0xffffff00} is 24. */
    public int prefixLength() {
        return Long.bitCount(Long.parseLong(netmaskHex.substring(2), 16));
    }

    /** {@code 192.168.1.150/24}, the form jail.conf's ip4.addr and ifconfig accept. */
    public String cidr() {
        return address + "/" + prefixLength();
    }
}
