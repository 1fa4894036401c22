package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The mount table, e.g. to check the Linuxulator file systems rc.d/linux mounts (freebsd-facts 3.1). */
public final class Mounts {
    private final Host host;

    public Mounts(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** {@code mount}, in mount order. */
    public List<MountEntry> list() {
        return MountParser.parse(host.run(Command.probe("mount")).orThrow().stdout());
    }

    /**
     * What is mounted at {@code mountPoint}: the last entry for it, i.e. the one on top when the
     * same path is mounted twice (transcript mount-in-jail/001 lists devfs on /dev twice).
     */
    public Optional<MountEntry> at(String mountPoint) {
        List<MountEntry> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).mountPoint().equals(mountPoint)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }
}
