package dev.jailspec.sim;

import java.util.Optional;

/** An IPv4 address with its prefix length, as ifconfig(8) takes and prints it. */
record Ipv4(long address, int prefix) {

    /** Parses {@code a.b.c.d} or {@code a.b.c.d/len}; empty if it is not one. */
    static Optional<Ipv4> parse(String text, int defaultPrefix) {
        String addr = text;
        int prefix = defaultPrefix;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            addr = text.substring(0, slash);
            String len = text.substring(slash + 1);
            if (!len.matches("\\d{1,2}") || Integer.parseInt(len) > 32) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(len);
        }
        int p = prefix;
        return parseAddress(addr).map(v -> new Ipv4(v, p));
    }

    static Optional<Long> parseAddress(String addr) {
        String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
                return Optional.empty();
            }
            v = (v << 8) | Integer.parseInt(p);
        }
        return Optional.of(v);
    }

    /** A dotted netmask (255.255.255.0) or hex one (0xffffff00) as a prefix length. */
    static Optional<Integer> prefixOfMask(String mask) {
        Optional<Long> m = mask.startsWith("0x") ? hex(mask.substring(2)) : parseAddress(mask);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        long v = m.get();
        int bits = Long.bitCount(v);
        long expected = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return v == expected ? Optional.of(bits) : Optional.empty();
    }

    private static Optional<Long> hex(String s) {
        try {
            return Optional.of(Long.parseLong(s, 16) & 0xffffffffL);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Ipv4 of(String cidr) {
        return parse(cidr, 32).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + cidr));
    }

    long mask() {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    long network() {
        return address & mask();
    }

    long broadcast() {
        return network() | (~mask() & 0xffffffffL);
    }

    boolean contains(long other) {
        return (other & mask()) == network();
    }

    static String dotted(long v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    String addressText() {
        return dotted(address);
    }

    /** How state stores it: {@code a.b.c.d/len}. */
    String cidr() {
        return addressText() + "/" + prefix;
    }

    /** ifconfig's netmask: {@code 0xffffff00}. */
    String hexMask() {
        return String.format("0x%08x", mask());
    }
}
