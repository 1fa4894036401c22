package dev.jailspec.sim;

/** Helpers shared by the network programs. */
final class Interfaces {
    private Interfaces() {
    }

    /** A stable, locally administered-looking MAC for an interface name (58:9c:fc is FreeBSD's OUI). */
    static String macFor(String name) {
        int h = name.hashCode();
        return String.format("58:9c:fc:%02x:%02x:%02x", (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff);
    }
}
