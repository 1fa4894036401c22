package dev.jailspec.provision;

import dev.jailspec.freebsd.CpuFeatures;
import dev.jailspec.host.Host;
import dev.jailspec.linux.CpuBaseline;
import dev.jailspec.linux.KernelVersion;
import dev.jailspec.linux.LinuxRelease;
import java.util.List;

/**
 * What the host must offer the chosen Linux userland: a CPU with every feature of the level its
 * release is built for (checked in preflight, before the image is fetched), and a Linux ABI that
 * claims a kernel at least as new as the userland's C library accepts (glibc refuses to start
 * below it: "FATAL: kernel too old").
 */
final class LinuxUserlandChecks {
    private LinuxUserlandChecks() {
    }

    static Preflight.Finding cpu(Host host, LinuxUserland userland) {
        LinuxRelease r = userland.release();
        CpuBaseline level = r.cpuBaseline();
        String check = "CPU level for the Linux userland (" + userland.distribution().displayName() + " " + r.major()
                + ": " + level.label() + ")";
        if (host.stat(CpuFeatures.DMESG_BOOT).isEmpty()) {
            return new Preflight.Finding(check, false, CpuFeatures.DMESG_BOOT + " is missing: the CPU's features are unknown",
                    "boot the host normally (rc.d/dmesg writes " + CpuFeatures.DMESG_BOOT + " at boot), or restore it with"
                            + " `dmesg > " + CpuFeatures.DMESG_BOOT + "` right after a boot");
        }
        CpuFeatures cpu = CpuFeatures.parse(host.readText(CpuFeatures.DMESG_BOOT));
        if (cpu.isEmpty()) {
            return new Preflight.Finding(check, false, CpuFeatures.DMESG_BOOT + " has no CPU feature lines"
                    + " (Features2=..., Structured Extended Features=...)", "run on an amd64 host whose boot messages are kept");
        }
        List<String> missing = level.features().stream().filter(f -> !cpu.has(f)).toList();
        return new Preflight.Finding(check, missing.isEmpty(), missing.isEmpty()
                ? CpuFeatures.DMESG_BOOT + " shows every " + level.label() + " feature"
                : "the CPU lacks " + level.label() + " features: "
                        + String.join(", ", missing.stream().map(CpuFeatures::describe).toList())
                        + " (per " + CpuFeatures.DMESG_BOOT + "); " + userland.distribution().displayName() + " "
                        + r.major() + " is built for " + level.label() + " and would not run",
                "choose a release built for this CPU (e.g. jailspec." + userland.distribution().name() + ".release="
                        + olderMajor(userland) + "), or a host whose CPU has them");
    }

    private static String olderMajor(LinuxUserland userland) {
        List<String> majors = userland.distribution().releases();
        return majors.stream().filter(m -> userland.distribution().release(m).cpuBaseline().ordinal()
                < userland.release().cpuBaseline().ordinal()).reduce((a, b) -> b).orElse(majors.get(0));
    }

    /**
     * The Linux version the ABI claims ({@code compat.linux.osrelease}, or a jail's
     * {@code linux.osrelease}) against the userland's minimum; throws naming both and the fix.
     */
    static void requireKernel(String claimed, String where, LinuxUserland userland) {
        KernelVersion min = KernelVersion.parse(userland.release().minKernel());
        KernelVersion have;
        try {
            have = KernelVersion.parse(claimed);
        } catch (IllegalArgumentException e) {
            throw new ProvisionException(where + " is '" + claimed + "', not a Linux version; set it to e.g. 5.15.0");
        }
        if (!have.isAtLeast(min)) {
            LinuxRelease r = userland.release();
            throw new ProvisionException(where + " is " + have + ", but " + userland.distribution().displayName() + " "
                    + r.version() + "'s glibc " + r.glibc() + " needs a Linux kernel of at least " + min
                    + " (it stops with \"FATAL: kernel too old\"); set " + where + " to " + min + " or later (FreeBSD's"
                    + " default, 5.15.0, is enough)");
        }
    }
}
