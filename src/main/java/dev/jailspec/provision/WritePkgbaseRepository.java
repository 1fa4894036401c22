package dev.jailspec.provision;

import dev.jailspec.freebsd.Mkdir;
import dev.jailspec.freebsd.Pkg;
import dev.jailspec.freebsd.ReleaseVersion;
import dev.jailspec.host.Host;
import java.nio.charset.StandardCharsets;

/**
 * A pkgbase template's first step: jailspec's own repository directory (in the media dataset, beside
 * the downloads, {@link Layout#pkgRepoConfDir()}) with the FreeBSD-base repository of the release on
 * jailspec.freebsd.pkgMirror, so pkg runs with {@code --repo-conf-dir} and the host's /etc/pkg and
 * /usr/local/etc/pkg stay as they are. Kept like the downloads; rewritten when its content differs
 * (another mirror).
 */
final class WritePkgbaseRepository implements ProvisionStep {
    private final Host host;
    private final Layout layout;
    private final String mirror;

    WritePkgbaseRepository(Host host, Layout layout, String mirror) {
        this.host = host;
        this.layout = layout;
        this.mirror = mirror;
    }

    String file() {
        return layout.pkgRepoConfDir() + "/" + Pkg.REPOSITORY_FILE;
    }

    String content() {
        ReleaseVersion release = ReleaseVersion.parse(layout.release());
        // The fingerprints as the root sees them: pkg opens them under --rootdir (Pkg.baseRepositoryConf).
        return Pkg.baseRepositoryConf(Pkg.repositoryUrl(mirror, release), Pkg.keysDir(release));
    }

    @Override
    public String description() {
        return "write the FreeBSD-base repository of " + layout.release() + " into " + layout.pkgRepoConfDir();
    }

    @Override
    public boolean isDone() {
        return host.stat(file()).isPresent() && host.readText(file()).equals(content());
    }

    @Override
    public void apply() {
        new Mkdir(host).parents(layout.pkgRepoConfDir());
        host.writeFile(file(), content().getBytes(StandardCharsets.UTF_8), 0644);
    }

    @Override
    public void verify() {
        if (!isDone()) {
            throw new ProvisionException("the pkg repository file " + file() + " does not hold what was written");
        }
    }
}
