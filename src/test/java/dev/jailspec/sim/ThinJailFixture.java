package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.ok;

/**
 * The how-to's thin jail on a simulated host: the dataset tree, a release template holding the
 * few base-system files a VNET jail's start needs, its {@code @base} snapshot, the {@code lrdev}
 * clone and a self-contained {@code /etc/jail.conf.d/lrdev.conf}.
 */
final class ThinJailFixture {
    static final String TEMPLATE = "zdata/jails/templates/14.3-RELEASE";
    static final String TEMPLATE_PATH = "/zdata/jails/templates/14.3-RELEASE";
    static final String JAIL_PATH = "/zdata/jails/containers/lrdev";

    /** jail.conf_common and lrdev.conf of the how-to merged into one block, Linux mounts left out. */
    static final String LRDEV_CONF = """
            lrdev {
              exec.start = "/bin/sh /etc/rc";
              exec.stop = "/bin/sh /etc/rc.shutdown";
              exec.consolelog = "/var/log/jail_console_${name}.log";
              allow.raw_sockets;
              exec.clean;
              mount.devfs;
              devfs_ruleset = 4;
              allow.mount;
              allow.mount.devfs;
              enforce_statfs = 1;
              host.hostname = "${name}";
              path = "/zdata/jails/containers/${name}";
              $id = "253";
              $ip = "192.168.7.${id}/24";
              $gateway = "192.168.7.221";
              $bridge = "igc0bridge";
              $epair = "epair${id}";
              vnet;
              vnet.interface = "${epair}b";
              exec.prestart += "ifconfig ${epair} create up";
              exec.prestart += "ifconfig ${epair}a up descr jail:${name}";
              exec.prestart += "ifconfig ${bridge} addm ${epair}a up";
              exec.start    += "ifconfig ${epair}b ${ip} up";
              exec.start    += "route add default ${gateway}";
              exec.poststop = "ifconfig ${bridge} deletem ${epair}a";
              exec.poststop += "ifconfig ${epair}a destroy";
            }
            """;

    private ThinJailFixture() {
    }

    /** How-to steps 3-12 (without the download): datasets, template, snapshot, clone. */
    static void cloneJail(SimHost host) {
        ok(host, "zfs", "create", "zdata/jails");
        ok(host, "zfs", "create", "zdata/jails/media");
        ok(host, "zfs", "create", "zdata/jails/templates");
        ok(host, "zfs", "create", "zdata/jails/containers");
        ok(host, "zfs", "create", "-p", TEMPLATE);
        baseSystem(host, TEMPLATE_PATH);
        ok(host, "cp", "/etc/resolv.conf", TEMPLATE_PATH + "/etc/resolv.conf");
        ok(host, "cp", "/etc/localtime", TEMPLATE_PATH + "/etc/localtime");
        ok(host, "zfs", "snapshot", TEMPLATE + "@base");
        ok(host, "zfs", "clone", TEMPLATE + "@base", "zdata/jails/containers/lrdev");
    }

    /** Stand-ins for what base.txz puts in a template and a VNET jail's start uses. */
    static void baseSystem(SimHost host, String root) {
        ok(host, "mkdir", "-p", root + "/bin", root + "/sbin", root + "/etc", root + "/dev", root + "/root",
                root + "/usr/bin", root + "/usr/sbin", root + "/tmp");
        for (String program : new String[] {"/bin/sh", "/bin/cat", "/bin/test", "/bin/hostname", "/bin/mkdir",
            "/sbin/ifconfig", "/sbin/route", "/sbin/mount"}) {
            host.writeFile(root + program, ("#!ELF " + program + "\n").getBytes(), 0555);
        }
        host.writeText(root + "/etc/rc", "#!/bin/sh\n# rc\n");
        host.writeText(root + "/etc/rc.shutdown", "#!/bin/sh\n# rc.shutdown\n");
    }
}
