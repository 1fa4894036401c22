package dev.jailspec.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;

/** Lays out a fresh FreeBSD host: the files every host has and the state of its pools and ports. */
final class HostSeeder {

    /**
     * An excerpt of FreeBSD 14's /etc/defaults/rc.conf: the variables the harness and rc.d/jail
     * read, with their stock values and comments (freebsd-facts 2.3, 3.1, 5.1).
     */
    static final String DEFAULTS_RC_CONF = """
            #!/bin/sh

            # This is rc.conf - a file full of useful variables that you can set
            # to change the default startup behavior of your system.  You should
            # not edit this file!  Put any overrides into one of the ${rc_conf_files}
            # instead and you will be able to update these defaults later without
            # spamming your local configuration information.
            #
            # All arguments must be in double or single quotes.
            #
            # For a more detailed explanation of all the rc.conf variables, please
            # refer to the rc.conf(5) manual page.

            ##############################################################
            ###  Important initial Boot-time options  ####################
            ##############################################################

            rc_conf_files="/etc/rc.conf /etc/rc.conf.local"
            background_fsck="YES"	# Attempt to run fsck in the background where possible.
            fsck_y_enable="NO"	# Set to YES to do fsck -y if the initial preen fails.
            zfs_enable="NO"		# Set YES to automatically mount ZFS file systems

            ##############################################################
            ###  Network configuration sub-section  ######################
            ##############################################################

            hostname=""			# Set this!
            defaultrouter="NO"		# Set to default gateway (or NO).
            cloned_interfaces=""		# List of cloned network interfaces to create.
            ifconfig_lo0="inet 127.0.0.1"	# default loopback device configuration.
            sshd_enable="NO"		# Enable sshd

            ##############################################################
            ###  System console options  #################################
            ##############################################################

            linux_enable="NO"		# Linux binary compatibility loaded at startup (or NO).
            linux_mounts_enable="YES"	# If linux_enable is YES, mount Linux-specific
            				# filesystems at startup.

            ##############################################################
            ### Jail Configuration (see rc.conf(5) manual page) ##########
            ##############################################################
            jail_enable="NO"		# Set to NO to disable starting of any jails
            jail_conf="/etc/jail.conf"	# Configuration file for jail(8)
            jail_confwarn="YES"		# Prevent warning about obsolete per-jail configuration
            jail_parallel_start="NO"	# Start jails in the background
            jail_list=""			# Space separated list of names of jails
            jail_reverse_stop="NO"		# Stop jails in reverse order
            devfs_rulesets="/etc/defaults/devfs.rules /etc/devfs.rules" # Files containing devfs(8) rules.
            devfs_system_ruleset=""		# The name (NOT number) of a ruleset to apply to /dev
            devfs_set_rulesets=""		# A list of /mount/dev=ruleset_name settings to
            				# apply (must be mounted already, i.e. fstab(5))
            devfs_load_rulesets="YES"	# Enable to always load the default rulesets
            """;

    private final SimFileSystem fs;
    private final StateStore store;
    private final Clock clock;

    HostSeeder(SimFileSystem fs, StateStore store, Clock clock) {
        this.fs = fs;
        this.store = store;
        this.clock = clock;
    }

    SimState seed(SimHostSpec spec) throws IOException {
        seedFiles();
        seedPkgbaseKeys(spec.release());
        Files.createDirectories(store.zfsStore());
        SimState state = new SimState();
        state.release = spec.release();
        state.hostname = spec.hostname();
        state.pools.addAll(spec.pools());
        for (String pool : spec.pools()) {
            seedPool(state, pool);
        }
        seedInterfaces(state, spec);
        SimState.MountState devfs = new SimState.MountState();
        devfs.device = "devfs";
        devfs.mountpoint = "/dev";
        devfs.fstype = "devfs";
        state.mounts.add(devfs);
        return state;
    }

    private void seedFiles() throws IOException {
        // [UNVERIFIED: that a fresh 14.x/15.x install has /etc/jail.conf.d (etc/mtree/BSD.root.dist at the
        // releng tags not read here); the procedure makes it where it is missing, so nothing depends on it.]
        for (String dir : new String[] {"/etc", "/etc/defaults", "/etc/jail.conf.d", "/var", "/var/run", "/var/log",
            "/var/db", "/tmp", "/home", "/root", "/dev", "/usr", "/usr/local"}) {
            fs.mkdirs(dir);
        }
        SimFileSystem.setMode(fs.resolve("/tmp"), 0777);
        SimFileSystem.setMode(fs.resolve("/root"), 0750);
        fs.write("/etc/defaults/rc.conf", DEFAULTS_RC_CONF.getBytes(StandardCharsets.UTF_8), 0444);
        fs.write("/etc/rc.conf", new byte[0], 0644);
        fs.write("/etc/defaults/devfs.rules", DevfsRulesets.DEFAULTS_FILE.getBytes(StandardCharsets.UTF_8), 0444);
        fs.write("/etc/passwd", HostAccounts.PASSWD.getBytes(StandardCharsets.UTF_8), 0644);
        fs.write("/etc/group", HostAccounts.GROUP.getBytes(StandardCharsets.UTF_8), 0644);
        fs.write("/etc/resolv.conf", "nameserver 192.168.7.221\n".getBytes(StandardCharsets.UTF_8), 0644);
        fs.write("/etc/localtime", utcZoneFile(), 0444);
    }

    /**
     * A 15.x host's {@code /usr/share/keys/pkgbase-N/trusted/} (freebsd-src share/keys/pkgbase-15/trusted:
     * awskms-15 and backup-signing-15, and an empty {@code revoked/}), holding the fixture repository's
     * fingerprint instead of the real keys' (sim.fixtures.FixturePkgbase).
     */
    private void seedPkgbaseKeys(String release) throws IOException {
        int major = Integer.parseInt(release.substring(0, release.indexOf('.')));
        if (major < 15) {
            return;
        }
        String dir = "/usr/share/keys/pkgbase-" + major;
        fs.mkdirs(dir + "/trusted");
        fs.mkdirs(dir + "/revoked");
        byte[] key = dev.jailspec.sim.fixtures.FixturePkgbase.trustedKeyFile().getBytes(StandardCharsets.UTF_8);
        fs.write(dir + "/trusted/awskms-" + major, key, 0644);
        fs.write(dir + "/trusted/backup-signing-" + major, key, 0644);
    }

    /** A TZif version 1 file for UTC: no transitions, one type, abbreviation "UTC". */
    private static byte[] utcZoneFile() {
        ByteBuffer b = ByteBuffer.allocate(44 + 6 + 4);
        b.put("TZif".getBytes(StandardCharsets.US_ASCII));
        b.put(new byte[16]);
        b.putInt(0); // isutcnt
        b.putInt(0); // isstdcnt
        b.putInt(0); // leapcnt
        b.putInt(0); // timecnt
        b.putInt(1); // typecnt
        b.putInt(4); // charcnt
        b.putInt(0).put((byte) 0).put((byte) 0);
        b.put("UTC\0".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private void seedPool(SimState state, String pool) throws IOException {
        SimState.DatasetState ds = new SimState.DatasetState();
        ds.name = pool;
        ds.creation = clock.instant().getEpochSecond();
        ds.createtxg = ++state.lastTxg;
        ds.guid = Long.toHexString(ds.createtxg) + "-" + pool;
        ds.mountedAt = "/" + pool;
        fs.mkdirs(ds.mountedAt);
        state.datasets.put(pool, ds);
    }

    private static void seedInterfaces(SimState state, SimHostSpec spec) {
        for (String name : spec.interfaces()) {
            SimState.InterfaceState i = new SimState.InterfaceState();
            i.name = name;
            i.kind = name.matches("lo\\d+") ? "loopback"
                    : name.matches("bridge\\d+") || name.endsWith("bridge") ? "bridge" : "ether";
            i.index = ++state.lastIfIndex;
            i.up = true;
            i.mac = Interfaces.macFor(name);
            if (i.kind.equals("loopback")) {
                i.mtu = 16384;
                i.mac = null;
                i.inet.add("127.0.0.1/8");
            }
            state.interfaces.add(i);
        }
        for (SimState.InterfaceState bridge : state.interfaces) {
            if (bridge.kind.equals("bridge") && bridge.name.endsWith("bridge")) {
                String port = bridge.name.substring(0, bridge.name.length() - "bridge".length());
                state.iface("", port).filter(p -> p.kind.equals("ether")).ifPresent(p -> bridge.members.add(0, p.name));
            }
        }
    }
}
