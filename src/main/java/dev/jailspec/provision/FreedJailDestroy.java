package dev.jailspec.provision;

import dev.jailspec.event.HumanDuration;
import dev.jailspec.event.EventBus;
import dev.jailspec.freebsd.DestroyMode;
import dev.jailspec.freebsd.JailPresence;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code zfs destroy -r} of a dataset whose jail was just removed. A jail that made network
 * connections can stay <em>dying</em> after {@code jail -r} (freebsd-facts 9.3): kern_jail.c
 * (prison_deref [UNVERIFIED: an unpinned 14-era copy, not releng/14.3]) releases its root vnode only when the
 * prison is freed, so until
 * then the file system is busy and zfs fails with {@code cannot unmount '...': pool or dataset is
 * busy} (imunes/imunes#89, freebsd/iocage#59). This waits, within {@code jailspec.teardown.dying.wait},
 * until the removed jails are gone from {@code jls -d}, retrying a busy destroy; the wait is
 * reported. Any other zfs failure ends the wait at once.
 */
final class FreedJailDestroy {
    private final Zfs zfs;
    private final Jls jls;
    private final Waits waits;
    private final Duration bound;

    /** One try: a removed jail still dying, or zfs's answer. */
    private record Attempt(Optional<JailPresence.Dying> dying, String jail, Optional<CommandResult> destroy) {
        boolean finished() {
            return dying.isEmpty() && destroy.filter(Zfs::busy).isEmpty();
        }

        String describe() {
            if (dying.isPresent()) {
                return "jls -d -j " + jail + ": jail " + jail + " (jid " + dying.get().info().jid() + ", "
                        + dying.get().info().path() + ") is DYING";
            }
            return destroy.map(r -> r.command().display() + ": " + r.stderr().strip()).orElse("");
        }
    }

    FreedJailDestroy(Host host, EventBus bus, Duration bound) {
        this.zfs = new Zfs(host);
        this.jls = new Jls(host);
        this.waits = new Waits(bus);
        this.bound = Objects.requireNonNull(bound, "bound");
    }

    /** Destroys {@code dataset} with {@code -r} once none of {@code removedJails} is dying and zfs is not busy. */
    void destroy(String dataset, List<String> removedJails) {
        Attempt first = attempt(dataset, removedJails);
        if (first.finished()) {
            first.destroy().orElseThrow().orThrow();
            return;
        }
        var last = new AtomicReference<>(first);
        Attempt done;
        try {
            done = waits.untilBackingOff("jail " + String.join(", ", removedJails) + " freed, then zfs destroy -r " + dataset, bound,
                    () -> {
                        Attempt a = attempt(dataset, removedJails);
                        last.set(a);
                        return a;
                    }, Attempt::finished, Attempt::describe);
        } catch (Waits.WaitTimeoutException e) {
            throw new ProvisionException(timedOut(dataset, last.get()), e);
        }
        done.destroy().orElseThrow().orThrow();
    }

    private Attempt attempt(String dataset, List<String> removedJails) {
        for (String jail : removedJails) {
            if (jls.presence(jail) instanceof JailPresence.Dying d) {
                return new Attempt(Optional.of(d), jail, Optional.empty());
            }
        }
        return new Attempt(Optional.empty(), "", Optional.of(zfs.tryDestroy(dataset, DestroyMode.RECURSIVE)));
    }

    private String timedOut(String dataset, Attempt last) {
        String waited = "after " + HumanDuration.of(bound) + " (jailspec.teardown.dying.wait)";
        if (last.dying().isPresent()) {
            return "the jail " + last.jail() + " was removed but is still dying " + waited + ": the kernel frees it"
                    + " only when its last references go (e.g. sockets in TIME_WAIT after network connections), and"
                    + " until then " + dataset + " is busy. See it with: jls -d -j " + last.jail() + "; when it is"
                    + " gone, run: zfs destroy -r " + dataset;
        }
        return dataset + " is still busy " + waited + ": " + last.describe() + ". Find what holds it (jls -d, fstat,"
                + " mount), then run: zfs destroy -r " + dataset;
    }
}
