package dev.jailspec.freebsd;

import java.util.Objects;

/**
 * Whether a jail of a given name exists, and in what state (kern_jail.c [UNVERIFIED: an unpinned 14-era copy,
 * not releng/14.3]: a prison
 * whose last user reference is gone is <em>dying</em> until its last reference goes too, e.g.
 * sockets in TIME_WAIT after the jail made network connections; freebsd-facts 9.3).
 * A dying jail is not running: jexec cannot enter it and {@code jls -j NAME} says
 * {@code jail "NAME" is dying}; {@code jls -d} still lists it.
 */
public sealed interface JailPresence permits JailPresence.Running, JailPresence.Dying, JailPresence.Absent {

    /** A live jail. */
    record Running(JailInfo info) implements JailPresence {
        public Running {
            Objects.requireNonNull(info, "info");
        }
    }

    /** A jail removed with {@code jail -r} whose prison is not freed yet. */
    record Dying(JailInfo info) implements JailPresence {
        public Dying {
            Objects.requireNonNull(info, "info");
        }
    }

    /** No jail, live or dying, of that name. */
    record Absent() implements JailPresence {
    }

    default boolean isRunning() {
        return this instanceof Running;
    }

    default boolean isDying() {
        return this instanceof Dying;
    }
}
