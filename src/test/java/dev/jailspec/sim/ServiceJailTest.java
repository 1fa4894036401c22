package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** service jail start/stop: rc.d/jail's rules and jail(8)'s failures (freebsd-facts 2.2, 2.3). */
class ServiceJailTest {
    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
        ThinJailFixture.cloneJail(host);
    }

    private CommandResult start(String... names) {
        String[] argv = new String[names.length + 3];
        argv[0] = "service";
        argv[1] = "jail";
        argv[2] = "onestart";
        System.arraycopy(names, 0, argv, 3, names.length);
        return run(host, argv);
    }

    private void assertNotRunning(String name) {
        assertThat(run(host, "jls", "-j", name).exitCode()).isEqualTo(1);
    }

    @Test
    void start_without_jail_enable_is_refused_on_stdout_with_status_0() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);

        CommandResult r = run(host, "service", "jail", "start", "lrdev");

        assertThat(r.stdout()).isEqualTo("Cannot 'start' jail. Set jail_enable to YES in /etc/rc.conf or use 'onestart' "
                + "instead of 'start'.\n");
        assertThat(r.exitCode()).isZero();
        assertNotRunning("lrdev");
        assertThat(run(host, "service", "jail", "stop", "lrdev").stdout()).startsWith("Cannot 'stop' jail.");
    }

    @Test
    void onestart_ignores_jail_enable_as_in_the_transcript() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF.replace("lrdev {", "minecraft {")
                .replace("/zdata/jails/containers/${name}", "/zdata/jails/containers/lrdev"));
        host.writeText("/etc/jail.conf.d/minecraft.conf", host.readText("/etc/jail.conf.d/lrdev.conf"));
        Transcript t = Transcript.load("service-jail-start/001.txt");

        CommandResult r = run(host, t.argv());

        assertThat(r.stdout()).isEqualTo(t.output());
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void no_configuration_at_all_is_rc_d_s_warning() {
        CommandResult r = start("lrdev");

        assertThat(r.stdout()).isEqualTo("Starting jails:.\n");
        assertThat(r.stderr()).isEqualTo("/etc/rc.d/jail: WARNING: Invalid configuration for lrdev  (no jail.conf, "
                + "no hostname, or no path).   Jail lrdev was ignored.\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void a_name_missing_from_the_file_is_jail_s_not_found() {
        host.writeText("/etc/jail.conf", "other { path = \"/tmp\"; persist; }\n");

        CommandResult r = start("lrdev");

        assertThat(r.stdout()).isEqualTo("Starting jails: cannot start jail  \"lrdev\": \njail: \"lrdev\" not found\n.\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void jail_name_conf_wins_over_jail_conf_d() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        host.writeText("/etc/jail.lrdev.conf", "lrdev { path = \"/nonexistent\"; persist; }\n");

        CommandResult r = start("lrdev");

        assertThat(r.stdout()).contains("jail: lrdev: path /nonexistent: No such file or directory\n");
        assertNotRunning("lrdev");
    }

    @Test
    void jail_conf_d_is_skipped_when_jail_conf_includes_it() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        host.writeText("/etc/jail.conf", "persist;\n.include \"/etc/jail.conf.d/*.conf\";\n");

        CommandResult r = start("lrdev");

        assertThat(r.stdout()).isEqualTo("Starting jails: lrdev.\n");
        assertThat(ok(host, "jls", "-j", "lrdev", "path")).isEqualTo("/zdata/jails/containers/lrdev\n");
    }

    @Test
    void an_already_running_jail() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        start("lrdev");

        CommandResult again = start("lrdev");

        assertThat(again.stdout()).isEqualTo("Starting jails: cannot start jail  \"lrdev\": \njail: \"lrdev\" already exists\n.\n");
    }

    @Test
    void a_missing_path_fails_after_the_mounts_and_prestart_are_undone() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", """
                lrdev {
                  path = "/zdata/jails/containers/nope";
                  exec.prestart = "ifconfig epair7 create up";
                  persist;
                }
                """);

        CommandResult r = start("lrdev");

        assertThat(r.stdout()).isEqualTo("Starting jails: cannot start jail  \"lrdev\": \n"
                + "epair7a\n"
                + "jail: lrdev: path /zdata/jails/containers/nope: No such file or directory\n.\n");
        assertNotRunning("lrdev");
        assertThat(run(host, "ifconfig", "epair7a").exitCode()).as("exec.poststop does not run after a failed start").isZero();
    }

    @Test
    void mount_devfs_needs_dev_in_the_jail() {
        ok(host, "rm", "-r", ThinJailFixture.JAIL_PATH + "/dev");
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);

        CommandResult r = start("lrdev");

        assertThat(r.stdout()).isEqualTo("Starting jails: cannot start jail  \"lrdev\": \n"
                + "jail: lrdev: mount.devfs: /zdata/jails/containers/lrdev/dev: No such file or directory\n.\n");
        assertThat(run(host, "ifconfig", "epair253a").exitCode()).as("mounts come before exec.prestart").isEqualTo(1);
    }

    @Test
    void the_how_to_s_own_lrdev_conf_fails_on_its_compat_ubuntu_mounts() {
        ok(host, "mkdir", "-p", ThinJailFixture.JAIL_PATH + "/compat/rocky");
        host.writeText("/etc/jail.conf", readUpstream("vnet_thin_jail/jail.conf_common"));
        host.writeText("/etc/jail.conf.d/lrdev.conf", readUpstream("linux_jail_rocky-base/lrdev.conf"));

        CommandResult r = start("lrdev");

        assertThat(r.stdout()).isEqualTo("Starting jails: cannot start jail  \"lrdev\": \n"
                + "jail: lrdev: mount: /zdata/jails/containers/lrdev/compat/ubuntu: No such file or directory\n.\n");
        assertNotRunning("lrdev");
        assertThat(ok(host, "mount")).doesNotContain("lrdev/");
    }

    /** The upstream how-to's files (shared/reference/upstream-doc), inlined: CI has no /work/shared. */
    private static String readUpstream(String name) {
        return switch (name) {
            case "vnet_thin_jail/jail.conf_common" -> """
                    # STARTUP/LOGGING
                    exec.start = "/bin/sh /etc/rc";
                    exec.stop = "/bin/sh /etc/rc.shutdown";
                    exec.consolelog = "/var/log/jail_console_${name}.log";

                    # PERMISSIONS
                    allow.raw_sockets;
                    exec.clean;
                    mount.devfs;

                    allow.mount;
                    allow.mount.devfs;

                    enforce_statfs = 1;

                    # HOSTNAME
                    host.hostname = "${name}";

                    # NETWORK - VNET/VIMAGE
                    #ip4 = inherit;
                    interface = igc0bridge;
                    vnet;
                    vnet.interface = "${epair}b";
                    # common NETWORK config
                    $gateway = "192.168.7.221";
                    $bridge = "igc0bridge";
                    $epair = "epair${id}";

                    # ADD TO bridge INTERFACE
                    exec.prestart += "ifconfig ${epair} create up";
                    exec.prestart += "ifconfig ${epair}a up descr jail:${name}";
                    exec.prestart += "ifconfig ${bridge} addm ${epair}a up";
                    exec.start    += "ifconfig ${epair}b ${ip} up";
                    exec.start    += "route add default ${gateway}";
                    exec.poststop = "ifconfig ${bridge} deletem ${epair}a";
                    exec.poststop += "ifconfig ${epair}a destroy";

                    .include "/etc/jail.conf.d/*.conf";
                    """;
            case "linux_jail_rocky-base/lrdev.conf" -> """
                    lrdev {
                      # thin jail devfs_ruleset 5 和Linux Jail的4不同
                      devfs_ruleset=4;

                      # HOSTNAME/PATH - Snapshot
                      path = "/zdata/jails/containers/${name}";

                      # NETWORKS/INTERFACES
                      $id = "253";
                      $ip = "192.168.7.${id}/24";

                      # MOUNT
                      mount += "devfs     $path/compat/ubuntu/dev     devfs     rw  0 0";
                      mount += "tmpfs     $path/compat/ubuntu/dev/shm tmpfs     rw,size=1g,mode=1777  0 0";
                      mount += "fdescfs   $path/compat/ubuntu/dev/fd  fdescfs   rw,linrdlnk 0 0";
                      mount += "linprocfs $path/compat/ubuntu/proc    linprocfs rw  0 0";
                      mount += "linsysfs  $path/compat/ubuntu/sys     linsysfs  rw  0 0";
                      mount += "/tmp      $path/compat/ubuntu/tmp     nullfs    rw  0 0";
                      mount += "/home     $path/compat/ubuntu/home    nullfs    rw  0 0";

                    }
                    """;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void a_missing_vnet_interface_fails_like_ifconfig_and_rolls_back() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF.replace("vnet.interface = \"${epair}b\";",
                "vnet.interface = \"epair9b\";"));

        CommandResult r = start("lrdev");

        assertThat(r.stdout()).isEqualTo("Starting jails: cannot start jail  \"lrdev\": \n"
                + "epair253a\n"
                + "1\n"
                + "ifconfig: interface epair9b does not exist\n"
                + "jail: lrdev: /sbin/ifconfig epair9b vnet 1: failed\n.\n");
        assertNotRunning("lrdev");
        assertThat(ok(host, "mount")).doesNotContain("lrdev/dev");
    }

    @Test
    void exec_start_needs_its_programs_inside_the_jail_and_logs_to_the_console_log() {
        ok(host, "rm", ThinJailFixture.JAIL_PATH + "/sbin/route");
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);

        CommandResult r = start("lrdev");

        assertThat(r.stdout()).isEqualTo("Starting jails: cannot start jail  \"lrdev\": \n"
                + "epair253a\n"
                + "1\n"
                + "jail: lrdev: route add default 192.168.7.221: failed\n.\n");
        assertThat(host.readText("/var/log/jail_console_lrdev.log"))
                .isEqualTo("jail: lrdev: exec route: No such file or directory\n");
        assertNotRunning("lrdev");
        assertThat(ok(host, "ifconfig", "epair253b")).as("epair253b is back on the host, without its address")
                .doesNotContain("inet ");
    }

    @Test
    void a_jail_without_persist_or_rc_dies_at_once() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", "lrdev { path = \"" + ThinJailFixture.JAIL_PATH + "\"; }\n");

        CommandResult r = start("lrdev");

        assertThat(r.stdout()).isEqualTo("Starting jails: lrdev.\n");
        assertNotRunning("lrdev");
        assertThat(host.readText("/var/run/jail_lrdev.id")).isEqualTo("\n");
    }

    @Test
    void stop_skips_jails_that_are_not_running() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);

        CommandResult r = run(host, "service", "jail", "onestop", "lrdev");

        assertThat(r.stdout()).isEqualTo("Stopping jails:.\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void a_failing_exec_stop_leaves_the_jail_running() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        start("lrdev");
        ok(host, "rm", ThinJailFixture.JAIL_PATH + "/etc/rc.shutdown");

        CommandResult r = run(host, "service", "jail", "onestop", "lrdev");

        assertThat(r.stdout()).isEqualTo("Stopping jails: lrdevjail: lrdev: /bin/sh /etc/rc.shutdown: failed\n.\n");
        assertThat(ok(host, "jls", "-j", "lrdev", "name")).isEqualTo("lrdev\n");
        assertThat(host.readText("/var/log/jail_console_lrdev.log"))
                .endsWith("/bin/sh: cannot open /etc/rc.shutdown: No such file or directory\n");
    }

    @Test
    void a_jail_whose_userland_is_newer_than_the_host_kernel_is_not_simulated_and_an_older_one_starts() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        host.writeText(ThinJailFixture.JAIL_PATH + "/bin/freebsd-version", "#!/bin/sh\nUSERLAND_VERSION=\"15.1-RELEASE\"\n");

        assertThatThrownBy(() -> start("lrdev")).isInstanceOf(SimUnsupportedException.class)
                .hasMessageContaining("starting jail lrdev whose userland 15.1-RELEASE is newer than the host's kernel"
                        + " 14.3-RELEASE")
                .hasMessageContaining("\"The FreeBSD version running in the jail can not be newer than the version"
                        + " running in the host\"");

        host.writeText(ThinJailFixture.JAIL_PATH + "/bin/freebsd-version", "#!/bin/sh\nUSERLAND_VERSION=\"14.2-RELEASE-p1\"\n");
        assertThat(start("lrdev").stdout()).isEqualTo("Starting jails: lrdev.\n");
    }

    @Test
    void restart_stops_then_starts_with_a_new_jid() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        start("lrdev");

        CommandResult r = run(host, "service", "jail", "onerestart", "lrdev");

        assertThat(r.stdout()).isEqualTo("Stopping jails: lrdev.\nStarting jails: lrdev.\n");
        assertThat(ok(host, "jls", "-j", "lrdev", "jid")).isEqualTo("2\n");
    }

    @Test
    void status_is_jls_N_and_unknown_directives_are_refused() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        start("lrdev");

        assertThat(ok(host, "service", "jail", "status")).isEqualTo(
                " JID             IP Address      Hostname                      Path\n"
                        + " lrdev                           lrdev                         /zdata/jails/containers/lrdev\n");
        CommandResult bad = run(host, "service", "jail", "frob");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).startsWith("/etc/rc.d/jail: unknown directive 'frob'.\nUsage: /etc/rc.d/jail ");
    }

    @Test
    void an_unknown_service() {
        CommandResult r = run(host, "service", "nosuch", "start");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("nosuch does not exist in /etc/rc.d or the local startup\n"
                + "directories (/usr/local/etc/rc.d), or is not executable\n");
    }

    @Test
    void a_parse_error_is_jail_s_message() {
        host.writeText("/etc/jail.conf.d/lrdev.conf", "lrdev { path = \"/tmp;\n");

        CommandResult r = start("lrdev");

        assertThat(r.stdout()).startsWith("Starting jails: cannot start jail  \"lrdev\": \njail: /etc/jail.conf.d/lrdev.conf");
        assertThat(r.stdout()).endsWith("\n.\n");
    }
}
