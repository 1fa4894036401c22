package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything about the simulated host that is not a file: ZFS datasets, running jails, network
 * interfaces, mounts and routes. Saved as JSON after every command, so a later {@link SimHost}
 * over the same root directory finds the same host. A plain data holder: the tools own the rules.
 */
final class SimState {
    public int formatVersion = 1;
    public String release;
    public String hostname;
    public List<String> pools = new ArrayList<>();
    public long lastTxg;
    public int lastJid;
    public int lastIfIndex;
    public Map<String, DatasetState> datasets = new TreeMap<>();
    public List<JailState> jails = new ArrayList<>();
    public List<InterfaceState> interfaces = new ArrayList<>();
    public List<MountState> mounts = new ArrayList<>();
    /** Default route of each network stack: "" is the host's, a jail's name is that VNET jail's. */
    public Map<String, String> defaultRoutes = new TreeMap<>();
    /**
     * Owner and mode of files whose real copy cannot hold them (setuid bits, other owners, modes
     * without the owner's write bit), keyed by host path; see {@link FileMetadata}.
     */
    public Map<String, FileMeta> fileMeta = new TreeMap<>();
    /**
     * The kernel's devfs rulesets: number to rules in order, each the words devfs(8) took after
     * {@code add} (e.g. {@code path shm unhide}); null until rc.d/devfs ran at boot, see
     * {@link DevfsRulesets}.
     */
    public Map<String, List<String>> devfsRulesets;
    /** Kernel modules loaded after boot, in load order (kldstat ids follow); see {@link Kld}. */
    public List<KldState> klds = new ArrayList<>();
    /** The host's compat.linux.osrelease as sysctl set it; null: the release's default (see {@link LinuxAbi}). */
    public String linuxOsrelease;
    /** The kernel's message buffer, oldest first (dmesg); see {@link KernelMessages}. */
    public List<String> kernelMessages = new ArrayList<>();
    /** The last pid the sim gave a process that logged a kernel message. */
    public int lastPid;

    /** A ZFS file system or snapshot. */
    static final class DatasetState {
        public String name;
        public boolean snapshot;
        public long creation;
        public long createtxg;
        /** Key of the snapshot's frozen copy (or of an unmounted file system's files) in the store. */
        public String guid;
        public String origin;
        /** Where the file system is mounted, or null. */
        public String mountedAt;
        /** Locally set properties: mountpoint and user properties. */
        public Map<String, String> props = new TreeMap<>();

        String parentName() {
            String base = snapshot ? name.substring(0, name.indexOf('@')) : name;
            if (snapshot) {
                return base;
            }
            int slash = base.lastIndexOf('/');
            return slash < 0 ? null : base.substring(0, slash);
        }

        String pool() {
            return name.split("[/@]", 2)[0];
        }

        boolean mounted() {
            return mountedAt != null;
        }
    }

    /** A running jail. */
    static final class JailState {
        public int jid;
        public String name;
        public String path;
        public String hostname;
        public boolean vnet;
        public List<String> ip4 = new ArrayList<>();
        public List<String> ip6 = new ArrayList<>();
        public String confFile;
        public int enforceStatfs = 2;
        public String devfsRuleset;
        public boolean persist;
        public String consoleLog;
        public long created;
        /** A program in the jail opened a network connection (see {@link DyingJails}). */
        public boolean network;
        /** 0 while the jail is alive; after {@code jail -r}, the clock millis at which its dying prison is freed. */
        public long dyingUntil;
        /** The jail's own copy of the Linux osrelease (linux_prison_create); null while linux.ko was never loaded. */
        public String linuxOsrelease;

        boolean dying() {
            return dyingUntil != 0;
        }
    }

    /** A network interface and the network stack (VNET) it lives in. */
    static final class InterfaceState {
        public String name;
        /** ether, loopback, bridge or epair. */
        public String kind;
        public int index;
        public boolean up;
        public String description;
        /** "" for the host, else the name of the VNET jail it is in. */
        public String vnet = "";
        /** Where the interface goes back to when its jail is removed. */
        public String homeVnet = "";
        public String peer;
        public String mac;
        public int mtu = 1500;
        /** Addresses as {@code a.b.c.d/prefix}, the first one is the primary. */
        public List<String> inet = new ArrayList<>();
        /** Bridge members, the most recently added first (as if_bridge lists them). */
        public List<String> members = new ArrayList<>();
    }

    /** A file system mounted by jail(8) or seeded on the host (not ZFS). */
    static final class MountState {
        public String device;
        public String mountpoint;
        public String fstype;
        public List<String> options = new ArrayList<>();
        /** The jail whose start mounted it, or null. */
        public String jail;
    }

    /** What tar -p (or root's tar) gave a file that the JVM could not: see {@link FileMetadata}. */
    static final class FileMeta {
        public int uid;
        public int gid;
        /** Permission and special bits, e.g. 04555. */
        public int mode;
        /** The real file this was recorded for (inode, size, mtime): a replaced file does not inherit it. */
        public String fingerprint;
    }

    /** One loaded kernel file as kldstat(8) lists it. */
    static final class KldState {
        public int id;
        public String name;
        public int refs = 1;
        public long address;
        public long size;
    }

    Optional<DatasetState> dataset(String name) {
        return Optional.ofNullable(datasets.get(name));
    }

    /** The live jail of this name; a dying one does not count (kern_jail.c prison_find_name prefers a live one). */
    Optional<JailState> jailByName(String name) {
        return jails.stream().filter(j -> !j.dying() && j.name.equals(name)).findFirst();
    }

    /** The live jail of this jid. */
    Optional<JailState> jailByJid(int jid) {
        return jails.stream().filter(j -> !j.dying() && j.jid == jid).findFirst();
    }

    /** A live jail named the way jexec(8) and jls(8) accept it: by jid if numeric, else by name. */
    Optional<JailState> jail(String nameOrJid) {
        if (nameOrJid.matches("\\d+")) {
            return jailByJid(Integer.parseInt(nameOrJid));
        }
        return jailByName(nameOrJid);
    }

    /** A dying jail named by jid or name, when no live one answers to it. */
    Optional<JailState> dyingJail(String nameOrJid) {
        boolean byJid = nameOrJid.matches("\\d+");
        return jails.stream().filter(JailState::dying)
                .filter(j -> byJid ? Integer.toString(j.jid).equals(nameOrJid) : j.name.equals(nameOrJid))
                .findFirst();
    }

    Optional<InterfaceState> iface(String vnet, String name) {
        return interfaces.stream().filter(i -> i.vnet.equals(vnet) && i.name.equals(name)).findFirst();
    }

    /** An interface of this name in any network stack. */
    Optional<InterfaceState> ifaceAnywhere(String name) {
        return interfaces.stream().filter(i -> i.name.equals(name)).findFirst();
    }

    List<InterfaceState> ifacesIn(String vnet) {
        return interfaces.stream().filter(i -> i.vnet.equals(vnet)).toList();
    }
}
