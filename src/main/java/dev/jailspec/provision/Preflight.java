package dev.jailspec.provision;

import dev.jailspec.freebsd.FreebsdVersion;
import dev.jailspec.freebsd.FreebsdVersions;
import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.freebsd.Uname;
import dev.jailspec.freebsd.ReleaseVersion;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the host must already have before anything is changed: root, a supported release on the
 * host, a release under test that is not past its end of life on the run's clock, the pool, the
 * bridge. Read-only; a host that is not ready fails here with what to fix.
 */
public final class Preflight {
    /** .include in jail.conf and /etc/jail.conf.d arrived in 14.0 (freebsd-facts 2.1). */
    static final int OLDEST_MAJOR = 14;

    public record Finding(String check, boolean ok, String detail, String fix) {
    }

    private final Host host;
    private final Layout layout;
    private final ReleaseSupport support;
    private final Optional<LinuxUserland> linuxUserland;

    /** {@code support}: the run's clock and jailspec.freebsd.allowEol, which decide whether the release may be used. */
    public Preflight(Host host, Layout layout, ReleaseSupport support) {
        this(host, layout, support, Optional.empty());
    }

    /** With the Linux userland the run installs: the host's CPU must run it. */
    public Preflight(Host host, Layout layout, ReleaseSupport support, LinuxUserland linuxUserland) {
        this(host, layout, support, Optional.of(linuxUserland));
    }

    private Preflight(Host host, Layout layout, ReleaseSupport support, Optional<LinuxUserland> linuxUserland) {
        this.host = host;
        this.layout = layout;
        this.support = support;
        this.linuxUserland = linuxUserland;
    }

    public List<Finding> findings() {
        var out = new ArrayList<Finding>();
        out.add(root());
        out.add(release());
        out.add(support.check(layout.release()));
        out.add(support.catalogueCurrent());
        out.add(pool());
        out.add(bridge());
        linuxUserland.ifPresent(u -> out.add(LinuxUserlandChecks.cpu(host, u)));
        return out;
    }

    /** Throws when any check fails, listing each failed check and its fix. */
    public List<Finding> requireReady() {
        List<Finding> all = findings();
        List<Finding> failed = all.stream().filter(f -> !f.ok()).toList();
        if (!failed.isEmpty()) {
            var sb = new StringBuilder("the host " + host.describe() + " is not ready; nothing was changed:");
            failed.forEach(f -> sb.append("\n- ").append(f.check()).append(": ").append(f.detail())
                    .append("\n  fix: ").append(f.fix()));
            throw new ProvisionException(sb.toString());
        }
        return all;
    }

    /**
     * Asks the target what it is ({@code uname -s}, not the JVM's os.name: over SSH they differ) and
     * stops unless it is FreeBSD (sys/conf/newvers.sh: TYPE="FreeBSD", the ostype uname -s prints;
     * [UNVERIFIED: at releng/14.3; read in an old newvers.sh, and the sim's UnameTool answers the same]).
     */
    public static void requireFreebsd(Host host, String target) {
        String system = new Uname(host).system();
        if (!"FreeBSD".equals(system)) {
            throw new ProvisionException("jailspec.target=" + target + " drives a FreeBSD host, but " + host.describe()
                    + " says `uname -s` is " + system + "; point it at a FreeBSD host, or use the default target sim");
        }
    }

    private Finding root() {
        String uid = host.run(Command.probe("id", "-u")).orThrow().stdout().strip();
        return new Finding("running as root", uid.equals("0"), "id -u is " + uid,
                "run as root (jails, ZFS and rc.conf need it), e.g. with doas or sudo");
    }

    private Finding release() {
        FreebsdVersions v = new FreebsdVersion(host).versions();
        ReleaseVersion running = v.running();
        ReleaseVersion template = ReleaseVersion.parse(layout.release());
        boolean supported = running.major() >= OLDEST_MAJOR;
        // Patch levels do not matter: a 14.3-RELEASE-p2 host runs a 14.3-RELEASE template.
        boolean notOlder = !template.isNewerReleaseThan(running);
        String detail = "freebsd-version -kru: kernel " + v.kernel() + ", running " + running + ", userland " + v.userland()
                + "; template " + template;
        String fix = !supported
                ? "upgrade the host to FreeBSD " + OLDEST_MAJOR + ".0 or later"
                : "a jail cannot run a newer release than its host (Handbook, jails: \""
                        + ReleaseVersion.JAIL_NOT_NEWER_THAN_HOST + "\"; the jail runs on the host's kernel): choose jailspec.freebsd.release <= " + running.withoutPatch() + ", or upgrade the host";
        return new Finding("supported FreeBSD release", supported && notOlder, detail, fix);
    }

    private Finding pool() {
        boolean exists = new Zfs(host).exists(layout.pool());
        return new Finding("ZFS pool " + layout.pool(), exists,
                exists ? "zfs list " + layout.pool() + " answers" : "zfs list " + layout.pool() + ": dataset does not exist",
                "create the pool, or set jailspec.zfs.root to a dataset on an existing pool (zpool list)");
    }

    private Finding bridge() {
        boolean exists = new Ifconfig(host).exists(layout.bridge());
        return new Finding("bridge " + layout.bridge(), exists,
                exists ? "ifconfig " + layout.bridge() + " answers" : "ifconfig: interface " + layout.bridge() + " does not exist",
                "create it (ifconfig bridge create; ifconfig bridge0 addm <nic> up; persist with cloned_interfaces in "
                        + "rc.conf), or set jailspec.bridge");
    }
}
