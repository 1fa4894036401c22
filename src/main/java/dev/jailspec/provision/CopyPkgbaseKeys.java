package dev.jailspec.provision;

import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.freebsd.Mkdir;
import dev.jailspec.freebsd.Pkg;
import dev.jailspec.freebsd.ReleaseVersion;
import dev.jailspec.host.Host;

/**
 * The host's pkgbase signing keys ({@code /usr/share/keys/pkgbase-N}, freebsd-src share/keys/pkgbase-15)
 * copied into the template with {@code cp -Rp}, before pkg installs anything: the repository's
 * fingerprints are read there, and every jail cloned from the template can check the repository itself.
 */
final class CopyPkgbaseKeys implements ProvisionStep {
    private final Host host;
    private final Layout layout;

    CopyPkgbaseKeys(Host host, Layout layout) {
        this.host = host;
        this.layout = layout;
    }

    private String keys() {
        return Pkg.keysDir(ReleaseVersion.parse(layout.release()));
    }

    @Override
    public String description() {
        return "copy the pkgbase signing keys " + keys() + " into the template " + layout.templatePath();
    }

    @Override
    public boolean isDone() {
        return host.stat(layout.templatePath() + keys() + "/trusted").isPresent();
    }

    @Override
    public void apply() {
        if (host.stat(keys() + "/trusted").isEmpty()) {
            throw new ProvisionException("the host has no " + keys() + "/trusted: a FreeBSD " + layout.release()
                    + " host has the keys of its base packages there (share/keys/pkgbase-" + ReleaseVersion.parse(
                    layout.release()).major() + "); run on such a host, or build the template from base.txz"
                    + " (jailspec.freebsd.template=dist)");
        }
        String parent = layout.templatePath() + keys().substring(0, keys().lastIndexOf('/'));
        new Mkdir(host).parents(parent);
        new FileCopy(host).copyTree(keys(), parent);
    }

    @Override
    public void verify() {
        if (!isDone()) {
            throw new ProvisionException("the template " + layout.templatePath() + " has no " + keys()
                    + "/trusted after cp -Rp");
        }
    }
}
