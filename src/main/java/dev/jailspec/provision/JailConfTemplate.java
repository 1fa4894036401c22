package dev.jailspec.provision;

import static dev.jailspec.provision.ExecLine.text;
import static dev.jailspec.provision.ExecLine.var;
import static dev.jailspec.provision.ExecLine.word;

import dev.jailspec.host.ShellQuote;
import dev.jailspec.jailconf.Comment;
import dev.jailspec.jailconf.JailBlock;
import dev.jailspec.jailconf.JailConf;
import dev.jailspec.jailconf.JailConfRenderer;
import dev.jailspec.jailconf.Operator;
import dev.jailspec.jailconf.Parameter;
import dev.jailspec.jailconf.Statement;
import dev.jailspec.jailconf.Value;
import dev.jailspec.jailconf.VariableDefinition;
import dev.jailspec.jailconf.VariableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>The file is built as a {@code jailconf} model ({@link #model}) and written by
 * {@link JailConfRenderer}, which does all of jail.conf's quoting; the exec.* lines are made from
 * argv by {@link ExecLine}, which does sh's.
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
        return JailConfRenderer.render(model(l, runId, linux));
    }

    /** The jail's file as a jail.conf model: the mark and two header comments, then the jail's block. */
    public static JailConf model(Layout l, String runId, Optional<LinuxJailOptions> linux) {
        List<Statement> body = new ArrayList<>();
        body.addAll(basics(l));
        body.addAll(network(l));
        linux.ifPresent(o -> body.addAll(linuxMounts(l, o)));
        return new JailConf(List.of(
                new Comment(markLine(runId)),
                new Comment("# The " + l.jailName() + " jail: a VNET thin jail cloned from " + l.templateSnapshot() + "."),
                new Comment("# Remove it with: " + ShellQuote.join(List.of("service", "jail", "stop", l.jailName()))
                        + " && " + ShellQuote.join(List.of("rm", l.jailConfPath()))),
                new JailBlock(l.jailName(), body)));
    }

    private static List<Statement> basics(Layout l) {
        return List.of(
                new Comment("# STARTUP/LOGGING"),
                new Parameter("exec.consolelog", Operator.ASSIGN,
                        List.of(word(text("/var/log/jail_console_"), var("name"), text(".log")))),
                new Comment("# PERMISSIONS (devfs ruleset 4 is devfsrules_jail; Linux jails need the mounts below)"),
                Parameter.flag("allow.raw_sockets"),
                Parameter.flag("exec.clean"),
                Parameter.flag("mount.devfs"),
                Parameter.assign("devfs_ruleset", "4"),
                Parameter.flag("allow.mount"),
                Parameter.flag("allow.mount.devfs"),
                Parameter.assign("enforce_statfs", "1"),
                new Comment("# HOSTNAME/PATH"),
                new Parameter("host.hostname", Operator.ASSIGN, List.of(word(var("name")))),
                new Parameter("path", Operator.ASSIGN, List.of(word(text(l.path("containers/")), var("name")))));
    }

    /** VNET with an epair: the a side joins the bridge, the b side is the jail's. */
    private static List<Statement> network(Layout l) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("name", l.jailName());
        variables.put("id", String.valueOf(l.jailId()));
        variables.put("ip", l.jailAddress());
        variables.put("gateway", l.gateway());
        variables.put("bridge", l.bridge());
        ExecLine.requirePlainWords(variables);
        VariableRef epair = var("epair");
        List<Statement> out = new ArrayList<>();
        out.add(new Comment("# NETWORK: VNET with an epair; the a side joins the bridge, the b side is the jail's"));
        variables.forEach((name, value) -> {
            if (!name.equals("name")) {
                out.add(VariableDefinition.assign(name, value));
            }
        });
        out.add(new VariableDefinition("epair", Operator.ASSIGN, List.of(word(text("epair"), var("id")))));
        out.add(Parameter.flag("vnet"));
        out.add(new Parameter("vnet.interface", Operator.ASSIGN, List.of(word(epair, text("b")))));
        Value ifconfig = word("/sbin/ifconfig");
        Value a = word(epair, text("a"));
        out.add(exec("exec.prestart", Operator.ASSIGN, ifconfig, word(epair), word("create"), word("up")));
        // The epair's mark (Marks.epairDescription), with jail.conf's ${name} for the jail's name.
        out.add(exec("exec.prestart", Operator.APPEND, ifconfig, a, word("up"), word("descr"),
                word(text(Marks.EPAIR_DESCRIPTION_PREFIX), var("name"))));
        out.add(exec("exec.prestart", Operator.APPEND, ifconfig, word(var("bridge")), word("addm"), a, word("up")));
        out.add(exec("exec.start", Operator.ASSIGN, ifconfig, word(epair, text("b")), word(var("ip")), word("up")));
        out.add(exec("exec.start", Operator.APPEND, word("/sbin/route"), word("add"), word("default"),
                word(var("gateway"))));
        out.add(new Parameter("exec.start", Operator.APPEND, List.of(ExecLine.of("/bin/sh", "/etc/rc"))));
        out.add(new Parameter("exec.stop", Operator.ASSIGN,
                List.of(ExecLine.of("/bin/sh", "/etc/rc.shutdown", "jail"))));
        out.add(exec("exec.poststop", Operator.ASSIGN, ifconfig, word(var("bridge")), word("deletem"), a));
        out.add(exec("exec.poststop", Operator.APPEND, ifconfig, a, word("destroy")));
        return out;
    }

    private static Parameter exec(String name, Operator op, Value... argv) {
        return new Parameter(name, op, List.of(ExecLine.of(List.of(argv))));
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
    private static List<Statement> linuxMounts(Layout l, LinuxJailOptions o) {
        String path = l.path("containers/") + l.jailName();
        if (path.chars().anyMatch(c -> " \t\f\013\r\n".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("the jail's path '" + path + "' holds a blank, but jail(8) splits each"
                    + " mount line on blanks (usr.sbin/jail/command.c run_command(), IP_MOUNT); choose a"
                    + " jailspec mountpoint and jail name without blanks");
        }
        List<Statement> out = new ArrayList<>();
        out.add(new Comment("# LINUX USERLAND: the Linux root is " + l.linuxRootInJail() + " inside the jail;"));
        out.add(new Comment("# its /dev shows only what devfs ruleset " + o.devfsRuleset()
                + " (" + DevfsRules.NAME + " in " + DevfsRules.PATH + ") unhides"));
        out.add(mount(l, "devfs", "/dev", "devfs", "rw,ruleset=" + o.devfsRuleset()));
        out.add(mount(l, "tmpfs", "/dev/shm", "tmpfs", "rw,size=1g,mode=1777"));
        out.add(mount(l, "fdescfs", "/dev/fd", "fdescfs", "rw,linrdlnk"));
        out.add(mount(l, "linprocfs", "/proc", "linprocfs", "rw"));
        out.add(mount(l, "linsysfs", "/sys", "linsysfs", "rw"));
        if (!o.hostDirs().isEmpty()) {
            out.add(new Comment("# host directories shared read-write (jailspec.linux.hostDirs)"));
        }
        for (String dir : o.hostDirs()) {
            out.add(mount(l, dir, dir, "nullfs", "rw"));
        }
        return out;
    }

    /**
     * {@code mount += "SPEC $path/compat/rocky/WHERE TYPE OPTS 0 0"}: an fstab(5) line, which
     * jail(8) splits on blanks with strtok(3) (command.c run_command(), IP_MOUNT), not sh. The
     * fields are padded into columns, as the file had them when it was written by hand.
     */
    private static Parameter mount(Layout l, String spec, String whereInLinuxRoot, String type, String options) {
        String where = l.linuxRootInJail() + whereInLinuxRoot;
        Value line = word(text(String.format("%-9s ", spec)), var("path"),
                text(String.format("%-" + (27 - "$path".length()) + "s %-9s %s 0 0", where, type, options)));
        return new Parameter("mount", Operator.APPEND, List.of(line));
    }
}
