package dev.jailspec.sim;

import dev.jailspec.jailconf.JailConfException;
import dev.jailspec.jailconf.JailConfLoader;
import dev.jailspec.jailconf.JailConfSet;
import dev.jailspec.jailconf.JailParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What jail(8) does for {@code jail -c NAME} and {@code jail -r NAME} with a configuration
 * file (freebsd-facts 2.2; order of startcommands/stopcommands in jail.c): ip4 aliases, mounts,
 * exec.prestart, the jail itself, exec.created, vnet.interface, exec.start, exec.poststart.
 * A failing step undoes what was done before it (unmounts, returns interfaces, removes the
 * jail) without running the exec.* stop commands, as jail(8) does; its messages go to the
 * output given, the way rc.d/jail captures them.
 */
final class JailLifecycle {
    private static final List<String> NOT_MODELLED = List.of("command", "depend", "exec.jail_user",
            "exec.system_user", "exec.prepare", "exec.release", "exec.fib", "ip6.addr", "mount.fstab");

    private final SimMachine machine;
    private final Output out;

    /** A step failed; jail(8) has printed why. */
    private static final class Failed extends Exception {
        Failed() {
            super(null, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Undo {
        void run() throws IOException;
    }

    JailLifecycle(SimMachine machine, Output out) {
        this.machine = machine;
        this.out = out;
    }

    /** Loads the configuration, printing jail(8)'s messages; empty when it cannot be used. */
    private Optional<JailConfSet> load(String confPath) {
        try {
            JailConfSet set = JailConfLoader.load(confPath, new SimConfFiles(machine.hostFs()));
            set.warnings().forEach(out::errln);
            return Optional.of(set);
        } catch (JailConfException e) {
            e.lines().forEach(out::errln);
            return Optional.empty();
        }
    }

    private static Optional<JailParameters> effective(JailConfSet set, String name) throws Failed {
        try {
            return set.effective(name);
        } catch (JailConfException e) {
            // already printed among the load warnings
            throw new Failed();
        }
    }

    /** {@code jail [-i] -f CONF -c NAME}; true when jail(8) would exit 0. */
    boolean create(String confPath, String name, boolean printJid) throws IOException {
        Optional<JailConfSet> set = load(confPath);
        if (set.isEmpty()) {
            return false;
        }
        Deque<Undo> undo = new ArrayDeque<>();
        try {
            JailParameters p = effective(set.get(), name).orElse(null);
            if (p == null) {
                out.errln("jail: \"" + name + "\" not found");
                return false;
            }
            if (machine.state().jailByName(name).isPresent()) {
                out.errln("jail: \"" + name + "\" already exists");
                return false;
            }
            for (String param : NOT_MODELLED) {
                if (p.isSet(param)) {
                    throw new SimUnsupportedException("jail parameter " + param + " (jail " + name + ")");
                }
            }
            create(p, name, printJid, undo);
            return true;
        } catch (Failed | JailMounts.MountFailed e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            return false;
        }
    }

    private void create(JailParameters p, String name, boolean printJid, Deque<Undo> undo) throws IOException, Failed {
        String path = p.value("path").orElse(null);
        boolean vnet = p.flag("vnet");
        JailCommand cmd = new JailCommand(machine, name, out, p.flag("exec.clean"), p.value("exec.consolelog").orElse(null));
        JailMounts mounts = new JailMounts(machine, name, path, out);
        if (path != null) {
            Release.requireUserlandNotNewer(machine.hostFs(), path, name, machine.state().release);
        }

        for (String addr : p.values("ip4.addr")) {
            if (!vnet && (addr.contains("|") || p.isSet("interface"))) {
                throw new SimUnsupportedException("ip4.addr aliases on an interface (jail " + name + ")");
            }
        }
        for (String line : p.values("mount")) {
            Optional<SimState.MountState> m = mounts.mountLine("mount", line);
            m.ifPresent(ms -> undo.push(() -> mounts.unmount(ms)));
        }
        if (p.flag("mount.devfs")) {
            SimState.MountState ms = mounts.mountSpecial("mount.devfs", "devfs", "/dev", p.value("devfs_ruleset").orElse("4"));
            undo.push(() -> mounts.unmount(ms));
        }
        if (p.flag("mount.fdescfs")) {
            SimState.MountState ms = mounts.mountSpecial("mount.fdescfs", "fdescfs", "/dev/fd", null);
            undo.push(() -> mounts.unmount(ms));
        }
        if (p.flag("mount.procfs")) {
            SimState.MountState ms = mounts.mountSpecial("mount.procfs", "procfs", "/proc", null);
            undo.push(() -> mounts.unmount(ms));
        }
        for (String c : p.values("exec.prestart")) {
            require(cmd.onHost(c));
        }

        SimState.JailState jail = newJail(p, name, path, vnet);
        undo.push(() -> removeJail(jail));
        if (printJid) {
            out.outln(Integer.toString(jail.jid));
        }
        for (String c : p.values("exec.created")) {
            require(cmd.onHost(c));
        }
        for (String ifname : p.values("vnet.interface")) {
            require(hostCommand(List.of("/sbin/ifconfig", ifname, "vnet", Integer.toString(jail.jid)), name));
            undo.push(() -> new Interfaces(machine.state()).find(jail.name, ifname)
                    .ifPresent(i -> new Interfaces(machine.state()).move(i, i.homeVnet)));
        }
        for (String c : p.values("exec.start")) {
            require(cmd.inJail(c, jail));
        }
        for (String c : p.values("exec.poststart")) {
            require(cmd.onHost(c));
        }
        if (!jail.persist && !cmd.ranRc()) {
            // clear_persist(): with no process left in it (nothing started daemons) the jail dies
            removeJail(jail);
        }
    }

    private static void require(boolean ok) throws Failed {
        if (!ok) {
            throw new Failed();
        }
    }

    /** create_jail(): the path checks come first, with jail(8)'s own wording. */
    private SimState.JailState newJail(JailParameters p, String name, String path, boolean vnet) throws IOException, Failed {
        if (path == null) {
            throw new SimUnsupportedException("a jail without a path (jail " + name + ")");
        }
        if (!path.startsWith("/")) {
            out.errln("jail: " + name + ": path " + path + ": not an absolute pathname");
            throw new Failed();
        }
        Path real = machine.hostFs().resolve(path);
        if (!Files.exists(real)) {
            out.errln("jail: " + name + ": path " + path + ": " + Errno.ENOENT);
            throw new Failed();
        }
        if (!Files.isDirectory(real)) {
            out.errln("jail: " + name + ": path " + path + ": " + Errno.ENOTDIR);
            throw new Failed();
        }
        SimState.JailState j = new SimState.JailState();
        j.jid = ++machine.state().lastJid;
        j.name = name;
        j.path = path;
        j.hostname = p.value("host.hostname").orElse(machine.state().hostname);
        j.vnet = vnet;
        for (String a : p.values("ip4.addr")) {
            String addr = a.contains("|") ? a.substring(a.indexOf('|') + 1) : a;
            j.ip4.add(addr.replaceAll("[/ ].*", ""));
        }
        j.enforceStatfs = p.value("enforce_statfs").filter(v -> v.matches("[0-2]")).map(Integer::parseInt).orElse(2);
        j.devfsRuleset = p.value("devfs_ruleset").orElse(null);
        j.persist = p.flag("persist");
        j.consoleLog = p.value("exec.consolelog").orElse(null);
        j.created = machine.clock().instant().getEpochSecond();
        LinuxAbi.jailCreated(machine.state(), j);
        machine.state().jails.add(j);
        if (vnet) {
            new Interfaces(machine.state()).add(j.name, "lo0", "loopback");
        }
        return j;
    }

    /** A jail that failed to start or has no process left: freed at once (see {@link DyingJails} for jail -r). */
    private void removeJail(SimState.JailState jail) {
        DyingJails.freeNow(machine.state(), jail);
    }

    private boolean hostCommand(List<String> argv, String jailName) throws IOException {
        int status;
        try {
            status = machine.exec(machine.hostContext(), argv, out, null, "/");
        } catch (ExecNotFoundException e) {
            status = 1;
        }
        if (status != 0) {
            out.errln("jail: " + jailName + ": " + String.join(" ", argv) + ": failed");
            return false;
        }
        return true;
    }

    /**
     * {@code jail -q -f CONF -r NAME}: exec.prestop, exec.stop in the jail, removal,
     * exec.poststop, then the jail's mounts in reverse order. A failure before the removal
     * leaves the jail running; after it, the rest still runs. True when jail(8) would exit 0.
     */
    boolean remove(String confPath, String name) throws IOException {
        Optional<SimState.JailState> running = machine.state().jailByName(name);
        if (running.isEmpty()) {
            return false; // -q: "not found" is not printed
        }
        SimState.JailState jail = running.get();
        JailParameters p = null;
        if (machine.hostFs().exists(confPath)) {
            Optional<JailConfSet> set = load(confPath);
            if (set.isEmpty()) {
                return false;
            }
            try {
                p = effective(set.get(), name).orElse(null);
            } catch (Failed e) {
                return false;
            }
        }
        List<String> prestop = p == null ? List.of() : p.values("exec.prestop");
        List<String> stop = p == null ? List.of() : p.values("exec.stop");
        List<String> poststop = p == null ? List.of() : p.values("exec.poststop");
        JailCommand cmd = new JailCommand(machine, name, out, p != null && p.flag("exec.clean"),
                p == null ? null : p.value("exec.consolelog").orElse(null));
        for (String c : prestop) {
            if (!cmd.onHost(c)) {
                return false;
            }
        }
        for (String c : stop) {
            if (!cmd.inJail(c, jail)) {
                return false;
            }
        }
        DyingJails.remove(machine, jail);
        boolean ok = true;
        for (String c : poststop) {
            ok &= cmd.onHost(c);
        }
        List<SimState.MountState> mounts = new ArrayList<>(machine.state().mounts.stream()
                .filter(m -> name.equals(m.jail)).toList());
        for (int i = mounts.size() - 1; i >= 0; i--) {
            machine.state().mounts.remove(mounts.get(i));
        }
        return ok;
    }
}
