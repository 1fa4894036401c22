package dev.jailspec.provision;

import java.util.Optional;

/**
 * The jail's self-contained configuration file: the how-to's {@code jail.conf_common} and
 * {@code lrdev.conf} merged into one block, with its errors corrected. It never relies on the
 * host's {@code /etc/jail.conf}, which belongs to every jail on the host.
 *
 * <p>Corrections to the how-to: the Linux mounts go under {@code compat/rocky}, where the Rocky
 * userland lives (the how-to says {@code compat/ubuntu}); the network comes up before
 * {@code /etc/rc} runs, as in the Handbook's VNET example; {@code interface = bridge} is left out
 * because it only applies to {@code ip4.addr} aliases, not to a VNET jail; tools are called by
 * absolute path because {@code exec.clean} empties the environment; the Linux {@code /dev} is mounted
 * with its own devfs ruleset (the how-to's and the Handbook's line has none, which shows every host
 * device to root in the jail); the host's {@code /tmp} and {@code /home} are not shared unless
 * {@code jailspec.linux.hostDirs} asks for them.
 */
public final class JailConfTemplate {
    /** First line of every file jailspec writes, so teardown and the reaper can tell ours apart. */
    public static final String MARK = "# jailspec:owner";

    private JailConfTemplate() {
    }

    /** The first line of a file this run writes: {@code # jailspec:owner run=<run id>}. */
    public static String markLine(String runId) {
        return MARK + " run=" + runId;
    }

    /** The run id in a file's first line when it carries jailspec's mark, e.g. from a crashed run. */
    public static Optional<String> runOf(String content) {
        String first = content.lines().findFirst().orElse("");
        return first.startsWith(MARK + " run=") ? Optional.of(first.substring((MARK + " run=").length()).strip())
                : Optional.empty();
    }

    /** The jail's file; with {@code linuxMounts}, the Linux mounts of the settings' defaults. */
    public static String render(Layout l, String runId, boolean linuxMounts) {
        return render(l, runId, linuxMounts ? Optional.of(LinuxJailOptions.DEFAULT) : Optional.empty());
    }

    /** The jail's file, with the Linux userland's mounts when {@code linux} is given. */
    public static String render(Layout l, String runId, Optional<LinuxJailOptions> linux) {
        var sb = new StringBuilder();
        sb.append(markLine(runId)).append('\n');
        sb.append("# The ").append(l.jailName()).append(" jail: a VNET thin jail cloned from ")
                .append(l.templateSnapshot()).append(".\n");
        sb.append("# Remove it with: service jail stop ").append(l.jailName())
                .append(" && rm ").append(l.jailConfPath()).append('\n');
        sb.append(l.jailName()).append(" {\n");
        sb.append("""
                  # STARTUP/LOGGING
                  exec.consolelog = "/var/log/jail_console_${name}.log";

                  # PERMISSIONS (devfs ruleset 4 is devfsrules_jail; Linux jails need the mounts below)
                  allow.raw_sockets;
                  exec.clean;
                  mount.devfs;
                  devfs_ruleset = 4;
                  allow.mount;
                  allow.mount.devfs;
                  enforce_statfs = 1;

                  # HOSTNAME/PATH
                  host.hostname = "${name}";
                """);
        sb.append("  path = \"").append(l.path("containers/")).append("${name}\";\n\n");
        sb.append("  # NETWORK: VNET with an epair; the a side joins the bridge, the b side is the jail's\n");
        sb.append("  $id = \"").append(l.jailId()).append("\";\n");
        sb.append("  $ip = \"").append(l.jailAddress()).append("\";\n");
        sb.append("  $gateway = \"").append(l.gateway()).append("\";\n");
        sb.append("  $bridge = \"").append(l.bridge()).append("\";\n");
        sb.append("""
                  $epair = "epair${id}";
                  vnet;
                  vnet.interface = "${epair}b";
                  exec.prestart  = "/sbin/ifconfig ${epair} create up";
                """);
        // The epair's mark (Marks.epairDescription), with jail.conf's ${name} for the jail's name.
        sb.append("  exec.prestart += \"/sbin/ifconfig ${epair}a up descr ").append(Marks.epairDescription("${name}"))
                .append("\";\n");
        sb.append("""
                  exec.prestart += "/sbin/ifconfig ${bridge} addm ${epair}a up";
                  exec.start     = "/sbin/ifconfig ${epair}b ${ip} up";
                  exec.start    += "/sbin/route add default ${gateway}";
                  exec.start    += "/bin/sh /etc/rc";
                  exec.stop      = "/bin/sh /etc/rc.shutdown jail";
                  exec.poststop  = "/sbin/ifconfig ${bridge} deletem ${epair}a";
                  exec.poststop += "/sbin/ifconfig ${epair}a destroy";
                """);
        linux.ifPresent(o -> linuxMounts(sb, o));
        sb.append("}\n");
        return sb.toString();
    }

    /**
     * The Linux userland's mounts. jail(8) runs each {@code mount} line as
     * {@code /sbin/mount -t TYPE -o OPTS SPEC PATH} and gives {@code -oruleset=} only to its own
     * {@code mount.devfs} (usr.sbin/jail/command.c run_command(), IP_MOUNT and IP_MOUNT_DEVFS), so
     * this devfs names its ruleset itself: without one, devfs_mount() applies none and every host
     * device (disks, mem, kmem, io) is there for root in the jail (sys/fs/devfs/devfs_vfsops.c
     * devfs_mount(): rsnum stays 0). mount(8) hands {@code ruleset=N} to nmount(2) as the
     * option devfs reads (sbin/mount/mount_fs.c build_iovec; devfs_opts holds "ruleset").
     * The host's /tmp and /home are shared only when jailspec.linux.hostDirs asks for them.
     */
    private static void linuxMounts(StringBuilder sb, LinuxJailOptions o) {
        String c = "$path" + Layout.LINUX_ROOT_IN_JAIL;
        sb.append("\n  # LINUX USERLAND: the Rocky root is ").append(Layout.LINUX_ROOT_IN_JAIL).append(" inside the jail;\n");
        sb.append("  # its /dev shows only what devfs ruleset ").append(o.devfsRuleset())
                .append(" (").append(DevfsRules.NAME).append(" in ").append(DevfsRules.PATH).append(") unhides\n");
        sb.append(mount("devfs", c + "/dev", "devfs", "rw,ruleset=" + o.devfsRuleset()));
        sb.append(mount("tmpfs", c + "/dev/shm", "tmpfs", "rw,size=1g,mode=1777"));
        sb.append(mount("fdescfs", c + "/dev/fd", "fdescfs", "rw,linrdlnk"));
        sb.append(mount("linprocfs", c + "/proc", "linprocfs", "rw"));
        sb.append(mount("linsysfs", c + "/sys", "linsysfs", "rw"));
        if (!o.hostDirs().isEmpty()) {
            sb.append("  # host directories shared read-write (jailspec.linux.hostDirs)\n");
        }
        for (String dir : o.hostDirs()) {
            sb.append(mount(dir, c + dir, "nullfs", "rw"));
        }
    }

    private static String mount(String what, String where, String type, String options) {
        return String.format("  mount += \"%-9s %-27s %-9s %s 0 0\";%n", what, where, type, options);
    }
}
