package dev.jailspec.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Dying jails. kern_jail.c (prison_deref, kern_jail_get, kern_jail_set [UNVERIFIED: an unpinned 14-era copy,
 * not releng/14.3]): {@code jail -r} drops the prison's last
 * user reference and marks it {@code PRISON_STATE_DYING}; it is freed only when its last
 * reference goes (sockets of connections it made, e.g. in TCP TIME_WAIT, hold some;
 * freebsd-facts 9.3, imunes/imunes#89, freebsd/iocage#59). Until then:
 * <ul>
 *   <li>{@code jls} leaves it out, {@code jls -d} lists it as DYING, {@code jls -j NAME} and
 *       {@code jexec NAME} fail with {@code jail "NAME" is dying} (kern_jail_get);</li>
 *   <li>{@code jail -c} of the same name creates a new jail: kern_jail_set only reuses a dying
 *       prison with {@code JAIL_DYING} (jail -d / allow.dying);</li>
 *   <li>its root vnode is released only when it is freed ({@code vrele(rpr->pr_root)} in
 *       prison_deref), so the file system it runs in cannot be unmounted: {@code zfs destroy}
 *       fails as busy ({@link Zfs#busy} counts dying jails) [inferred from source];</li>
 *   <li>its VNET is destroyed only when it is freed ({@code vnet_destroy} in prison_deref), so the
 *       interfaces moved into it (epair b) stay there until then. [UNVERIFIED: at releng/14.3; the
 *       jail(8) stopcommands list read has no vnet.interface step that would move them back first.]</li>
 * </ul>
 * The simulator counts a connection opened inside the jail (dnf downloading metadata or
 * packages, fetch) as what keeps it dying, for {@code jailspec.sim.dying}; a {@code dying:}
 * fault rule forces it for any jail. The dying jail's network stack is renamed
 * {@code NAME@dying:JID} so a new jail of the same name gets a stack of its own.
 */
final class DyingJails {
    /** jailspec.sim.dying's built-in default. */
    static final Duration DEFAULT_NETWORK_DYING = Duration.ofSeconds(1);

    private DyingJails() {
    }

    /** jail_remove(): the jail dies at once, or stays dying when references remain. */
    static void remove(SimMachine machine, SimState.JailState jail) {
        Duration dying = machine.faults().dyingAfterRemoval(jail.name)
                .orElse(jail.network ? machine.networkDying() : Duration.ZERO);
        if (dying.isZero()) {
            freeNow(machine.state(), jail);
            return;
        }
        SimState state = machine.state();
        String stack = vnetOf(jail);
        for (SimState.InterfaceState i : state.interfaces) {
            if (i.vnet.equals(jail.name)) {
                i.vnet = stack;
            }
            if (i.homeVnet.equals(jail.name)) {
                i.homeVnet = stack;
            }
        }
        String route = state.defaultRoutes.remove(jail.name);
        if (route != null) {
            state.defaultRoutes.put(stack, route);
        }
        jail.dyingUntil = machine.clock().millis() + dying.toMillis();
    }

    /** Frees every dying jail whose time has come; called before each simulated command. */
    static void freeExpired(SimState state, long nowMillis) {
        for (SimState.JailState j : new ArrayList<>(state.jails)) {
            if (j.dying() && j.dyingUntil <= nowMillis) {
                free(state, j, vnetOf(j));
            }
        }
    }

    /**
     * The kernel's error for a lookup without {@code JAIL_DYING} that found no live jail
     * (kern_jail.c kern_jail_get [UNVERIFIED: an unpinned 14-era copy, not releng/14.3]): {@code jail "NAME"
     * is dying} / {@code jail N is dying}
     * when a dying one answers to it, else {@code ... not found}.
     */
    static String lookupError(SimState state, String nameOrJid) {
        if (state.dyingJail(nameOrJid).isEmpty()) {
            return IfconfigTool.notFound(nameOrJid);
        }
        return nameOrJid.matches("\\d+") ? "jail " + nameOrJid + " is dying" : "jail \"" + nameOrJid + "\" is dying";
    }

    /** A jail removed with nothing holding it: freed at once. */
    static void freeNow(SimState state, SimState.JailState jail) {
        free(state, jail, jail.name);
    }

    /** The network stack key of a dying jail. */
    static String vnetOf(SimState.JailState jail) {
        return jail.name + "@dying:" + jail.jid;
    }

    /**
     * The prison is freed: its VNET goes away; interfaces moved into it return to their home
     * stack without their addresses, the ones made inside it are destroyed, its routes are gone.
     */
    private static void free(SimState state, SimState.JailState jail, String stack) {
        Interfaces net = new Interfaces(state);
        List<SimState.InterfaceState> inside = new ArrayList<>(state.ifacesIn(stack));
        for (SimState.InterfaceState i : inside) {
            if (i.homeVnet.equals(stack)) {
                net.destroy(i);
            } else {
                net.move(i, i.homeVnet);
            }
        }
        state.defaultRoutes.remove(stack);
        state.jails.remove(jail);
    }
}
