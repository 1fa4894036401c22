package dev.jailspec.provision;

import dev.jailspec.freebsd.Pkg;
import dev.jailspec.freebsd.ReleaseVersion;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.List;

/**
 * The pkgbase counterpart of how-to steps 6 to 8: {@code pkg ... install} of
 * {@code FreeBSD-set-minimal-jail} from jailspec's FreeBSD-base repository into the template
 * ({@link Pkg#installBase}; the root's package database goes to {@code <template>/var/db/pkg}), then
 * the host's resolv.conf and localtime, as the dist template gets them. Done once per release: a
 * template already snapshotted as {@code @base} is reused untouched.
 */
final class InstallPkgbaseSystem implements ProvisionStep {
    private final Host host;
    private final Zfs zfs;
    private final Layout layout;

    InstallPkgbaseSystem(Host host, Layout layout) {
        this.host = host;
        this.zfs = new Zfs(host);
        this.layout = layout;
    }

    static Pkg.Target target(Layout layout) {
        return new Pkg.Target(layout.templatePath(), layout.pkgRepoConfDir(), ReleaseVersion.parse(layout.release()));
    }

    @Override
    public String description() {
        return "install the " + layout.release() + " base system's " + Pkg.MINIMAL_JAIL_SET + " into "
                + layout.templatePath() + " with pkg";
    }

    @Override
    public boolean isDone() {
        return zfs.exists(layout.templateSnapshot());
    }

    @Override
    public void apply() {
        CommandResult r = new Pkg(host).installBase(target(layout), List.of(Pkg.MINIMAL_JAIL_SET));
        if (r.exitCode() == 127) {
            throw new ProvisionException("the host has no pkg(8) at " + Pkg.PROGRAM + " (" + r.stderr().strip()
                    + "): a pkgbase template is built with it; install it once as root with 'pkg bootstrap',"
                    + " then run again");
        }
        if (r.exitCode() != 0) {
            throw new ProvisionException("pkg could not install " + Pkg.MINIMAL_JAIL_SET + " into " + layout.templatePath()
                    + " (exit " + r.exitCode() + "):\n" + r.tail(8).indent(2).stripTrailing()
                    + "\nCheck the FreeBSD-base repository (jailspec.freebsd.pkgMirror, " + layout.pkgRepoConfDir()
                    + ") and the host's network");
        }
        TemplateContent.copyHostFiles(host, layout);
    }

    @Override
    public void verify() {
        TemplateContent.requireBaseSystem(host, layout, "after pkg installed " + Pkg.MINIMAL_JAIL_SET
                + "; the repository's set is not a FreeBSD base system");
    }
}
