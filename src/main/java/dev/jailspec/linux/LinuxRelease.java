package dev.jailspec.linux;

import java.util.List;
import java.util.Objects;

/**
 * One point release of a Linux distribution as its catalogue knows it: the Container-Base image
 * names of both published formats, the versions of the C library and package tools the
 * procedure meets, the CPU level it is built for and the oldest Linux kernel its C library
 * accepts (what FreeBSD's Linux ABI must claim to be). What could not be confirmed in a source is
 * listed in {@code unverified}, and a run that depends on the entry says so.
 *
 * @param rootfsImage the plain root file system tar's name, empty when none was published
 * @param ociImage    the OCI image archive's name, empty when none was published
 * @param minKernel   the C library's minimum kernel, e.g. "3.2.0"
 * @param sources     where the entry comes from
 * @param unverified  what of it no source confirmed
 */
public record LinuxRelease(String major, String version, String build, String rootfsImage, String ociImage,
                           String glibc, String packageManager, String rpm, CpuBaseline cpuBaseline,
                           String minKernel, List<String> sources, List<String> unverified) {
    public LinuxRelease {
        Objects.requireNonNull(major, "major");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(rootfsImage, "rootfsImage");
        Objects.requireNonNull(ociImage, "ociImage");
        Objects.requireNonNull(cpuBaseline, "cpuBaseline");
        if (!KernelVersion.isValid(minKernel)) {
            throw new IllegalArgumentException("minKernel must be a Linux version such as 3.2.0, not " + minKernel);
        }
        sources = List.copyOf(sources);
        unverified = List.copyOf(unverified);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(version + ": a catalogue entry names its sources");
        }
    }

    public boolean isVerified() {
        return unverified.isEmpty();
    }

    /** The image the mirror's moving alias points to: the OCI archive when one was published. */
    public String currentImage() {
        return ociImage.isEmpty() ? rootfsImage : ociImage;
    }
}
