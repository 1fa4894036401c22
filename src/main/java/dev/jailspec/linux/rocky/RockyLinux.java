package dev.jailspec.linux.rocky;

import dev.jailspec.linux.ImageSource;
import dev.jailspec.linux.LinuxDistribution;
import dev.jailspec.linux.LinuxRelease;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rocky Linux: the Container-Base image of {@code <mirror>/<major>/images/x86_64/} and its
 * {@code CHECKSUM} (freebsd-facts 6.2), dnf 4 (freebsd-facts 7), EPEL and RPM Fusion for EL.
 */
public final class RockyLinux implements LinuxDistribution {
    /** EPEL's release package per EL major (docs.fedoraproject.org EPEL: "epel-release-latest-N"). */
    static final String EPEL = "https://dl.fedoraproject.org/pub/epel/epel-release-latest-%s.noarch.rpm";

    @Override
    public String name() {
        return "rocky";
    }

    @Override
    public String displayName() {
        return "Rocky Linux";
    }

    @Override
    public String osReleaseId() {
        return "rocky";
    }

    @Override
    public ImageSource imageSource(String mirror, String release, String image, String checksum) {
        String dir = mirror.replaceAll("/+$", "") + "/" + release + "/images/x86_64/";
        URI imageUri = URI.create(dir).resolve(image.isEmpty() ? latestAlias(release) : image);
        return new ImageSource(imageUri, imageUri.resolve(checksum.isEmpty() ? "CHECKSUM" : checksum), release);
    }

    /** The moving alias of the newest Container-Base image, e.g. Rocky-9-Container-Base.latest.x86_64.tar.xz. */
    public static String latestAlias(String major) {
        return "Rocky-" + major + "-Container-Base.latest.x86_64.tar.xz";
    }

    @Override
    public List<String> requiredFiles() {
        return List.of("/usr/bin/dnf", "/usr/bin/rpm", "/etc/os-release", "/etc/resolv.conf");
    }

    /** dnf: the procedure's package manager (freebsd-facts 7); the Container-Minimal image has microdnf instead. */
    @Override
    public List<String> requiredPrograms() {
        return List.of("usr/bin/dnf");
    }

    @Override
    public String withoutProgramsAdvice(String image, Predicate<String> imageHas) {
        String looksLike = imageHas.test("usr/bin/microdnf") ? " (it has usr/bin/microdnf only)" : "";
        String file = image.substring(image.lastIndexOf('/') + 1);
        String base = file.contains("-Minimal") ? " (" + file.replace("-Minimal", "-Base") + ")" : "";
        return looksLike + ": it looks like the Minimal image. Use the Container-Base image" + base + ", which ships dnf.";
    }

    @Override
    public Set<String> packageManagers() {
        return Set.of("dnf", "yum", "microdnf");
    }

    /** dnf(8) commands that print state and change nothing (DNF 4 command reference). */
    @Override
    public Set<String> packageManagerReads() {
        return Set.of("repolist", "list", "info", "search", "--help", "help", "repoquery", "provides");
    }

    @Override
    public LinuxRelease release(String release) {
        return RockyReleases.newest(release).orElseThrow(() -> new IllegalArgumentException(
                "Rocky Linux " + release + " is not in the release catalogue (dev.jailspec.linux.rocky.RockyReleases);"
                        + " known majors: " + RockyReleases.majors()
                        + ". Set jailspec.rocky.release to one of them, or add the release to the catalogue"));
    }

    @Override
    public List<String> releases() {
        return RockyReleases.majors();
    }

    @Override
    public URI addOnReleasePackage(AddOn addOn, String major) {
        return switch (addOn) {
            case EPEL -> URI.create(String.format(EPEL, requireMajor(major)));
            case RPM_FUSION_FREE -> RpmFusion.releaseRpm("free", major);
            case RPM_FUSION_NONFREE -> RpmFusion.releaseRpm("nonfree", major);
        };
    }

    private static String requireMajor(String major) {
        if (!major.matches("\\d+")) {
            throw new IllegalArgumentException("'" + major + "' is not an EL major release, e.g. 9");
        }
        return major;
    }

    @Override
    public String toString() {
        return name();
    }
}
