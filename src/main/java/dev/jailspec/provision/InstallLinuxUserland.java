package dev.jailspec.provision;

import dev.jailspec.host.Host;
import dev.jailspec.linux.LinuxDistribution;
import java.util.List;

/**
 * How-to steps 16 to 18, corrected: the distribution's container image (Rocky's Container-Base)
 * is checked against the published checksum listing, inspected before anything is extracted (a
 * Minimal image without dnf, the wrong release or unsafe entries are refused), flattened when it
 * is an OCI image archive (Rocky 9.7 and later), and extracted by the host's own
 * {@code tar -xpf ... --numeric-owner} so owners (as the userland's own ids), modes, setuid bits and
 * links are kept. The how-to's {@code tar xfp} of the .latest file yields a useless tree on 9.7, and
 * it mounts the Linux file systems under compat/ubuntu; we use /compat/&lt;distribution&gt;
 * ({@link LinuxDistribution#compatDir()}). This extracts into the jail's own clone; with
 * jailspec.linux.template=true the jails of {@link Provisioner#ensureLinuxJailRunning()} clone a kept
 * Linux template instead ({@link BuildLinuxTemplate}, {@link CloneLinuxTemplate}).
 */
final class InstallLinuxUserland implements ProvisionStep {
    /** The mount points made in the userland's tree ({@link LinuxImageExtraction#MOUNT_POINTS}). */
    static final List<String> MOUNT_POINTS = LinuxImageExtraction.MOUNT_POINTS;

    private final Host host;
    private final Layout layout;
    private final LinuxImageExtraction extraction;

    InstallLinuxUserland(Host host, Layout layout, LinuxImageExtraction extraction) {
        this.host = host;
        this.layout = layout;
        this.extraction = extraction;
    }

    @Override
    public String description() {
        return "install the " + extraction.distribution().displayName() + " " + extraction.image().major()
                + " userland into " + layout.linuxRootOnHost();
    }

    @Override
    public boolean isDone() {
        return host.stat(layout.linuxRootOnHost() + extraction.distribution().requiredFiles().get(0)).isPresent()
                && host.stat(layout.linuxRootOnHost() + "/etc/resolv.conf").isPresent();
    }

    @Override
    public void apply() {
        extraction.extractInto(layout.linuxRootOnHost());
    }

    @Override
    public void verify() {
        extraction.requireUserland(layout.linuxRootOnHost(), "after extracting the "
                + extraction.distribution().displayName() + " image");
    }
}
