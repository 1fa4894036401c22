package dev.jailspec.provision;

import dev.jailspec.freebsd.Pkg;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;

/**
 * The pkgbase counterpart of how-to step 9: the template's patches with {@code pkg ... upgrade}
 * from the FreeBSD-base repository instead of freebsd-update (which refuses a packaged base,
 * freebsd-facts 5.3). Non-interactive by {@code --yes} and {@code ASSUME_ALWAYS_YES}. Skipped when the
 * template is already snapshotted.
 */
final class UpgradePkgbaseTemplate implements ProvisionStep {
    private final Host host;
    private final Zfs zfs;
    private final Layout layout;
    private boolean applied;

    UpgradePkgbaseTemplate(Host host, Layout layout) {
        this.host = host;
        this.zfs = new Zfs(host);
        this.layout = layout;
    }

    @Override
    public String description() {
        return "apply the patches of " + layout.release() + " to the template with pkg upgrade";
    }

    @Override
    public boolean isDone() {
        return zfs.exists(layout.templateSnapshot());
    }

    @Override
    public void apply() {
        CommandResult r = new Pkg(host).upgradeBase(InstallPkgbaseSystem.target(layout));
        if (r.exitCode() != 0) {
            throw new ProvisionException("pkg could not upgrade the template " + layout.templatePath()
                    + " (exit " + r.exitCode() + "):\n" + r.tail(8).indent(2).stripTrailing()
                    + "\nCheck the FreeBSD-base repository (jailspec.freebsd.pkgMirror) and the host's network");
        }
        applied = true;
    }

    @Override
    public void verify() {
        if (applied && host.stat(layout.templatePath() + "/bin/freebsd-version").isEmpty()) {
            throw new ProvisionException("the template lost /bin/freebsd-version during pkg upgrade");
        }
    }
}
