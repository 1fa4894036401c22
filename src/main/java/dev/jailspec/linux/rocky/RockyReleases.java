package dev.jailspec.linux.rocky;

import dev.jailspec.linux.CpuBaseline;
import dev.jailspec.linux.LinuxRelease;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalogue of Rocky Linux releases the procedure knows: per point release the dated
 * Container-Base names as the image directory publishes them (rootfs {@code .tar.xz} up to 9.6,
 * OCI {@code .oci.tar.xz} from 9.7), glibc, dnf and rpm, the CPU level and glibc's minimum
 * kernel. Sources are listed per entry and in docs/RELEASES-ROCKY.md; what none confirmed is
 * listed in the entry's {@code unverified}, and a run on it says so.
 *
 * <p>To accept a new point release: add its entry here (and its fixture release in
 * sim.fixtures.FixtureArchives). A new major: its entries, and its EPEL and RPM Fusion lines in
 * {@link RockyLinux#addOnReleasePackage}.
 */
public final class RockyReleases {
    /** freebsd-facts 6.2: the published CHECKSUM files of rocky-linux/checksums, rocky-linux-9/9.{5,6,7}. */
    static final String CHECKSUMS_9 = "rocky-linux/checksums rocky-linux-9/9.x/9.x-x86_64-combined.checksum"
            + " (freebsd-facts 6.2)";
    /** freebsd-facts 7: `dnf --version` in a Rocky 9.6 userland (dnf 4.14.0-25.el9, rpm 4.16.1.3-37.el9). */
    static final String DNF_9_6 = "dnf --version transcript, Rocky 9.6 (freebsd-facts 7)";
    /** freebsd-facts 3 (ports): emulators/linux_base-rl9 is Rocky 9 with glibc 2.34. */
    static final String GLIBC_9 = "FreeBSD ports emulators/linux_base-rl9: Rocky Linux 9, glibc 2.34 (freebsd-facts 3)";
    static final String V2_9 = "developers.redhat.com, 2021-01-05, \"Building Red Hat Enterprise Linux 9 for the"
            + " x86-64-v2 microarchitecture level\"";
    /**
     * Fedora's glibc.spec {@code %global enablekernel 3.2} / {@code --enable-kernel=%{enablekernel}}
     * (src.fedoraproject.org rpms/glibc, as quoted in a survey of distributions' minimum kernels);
     * glibc 2.26 and later default to 3.2 on x86_64 (sysdeps/unix/sysv/linux/configure.ac).
     */
    static final String KERNEL_3_2 = "glibc: --enable-kernel=3.2 (Fedora glibc.spec enablekernel 3.2; glibc >= 2.26"
            + " defaults to 3.2.0 on x86_64)";
    static final String UNVERIFIED_KERNEL = "glibc's minimum kernel 3.2.0 read in Fedora's glibc.spec and glibc's"
            + " default, not in Rocky's own glibc.spec";
    static final String RHEL10_DNF = "RHEL 10 \"Considerations in adopting RHEL 10\" 22.1: filelists metadata not"
            + " downloaded by default; Oracle Linux 10 release notes: dnf-plugins-core 4.7.0";
    static final String ROCKY_WIKI = "wiki.rockylinux.org/rocky/version (releases, codenames); Rocky 10.1 released"
            + " 2025-11-25, 9.7 2025-12-01 (release announcements)";

    private static final Map<String, LinuxRelease> BY_VERSION = new TreeMap<>();

    static {
        nine("9.5", "20241118.0", true, false, "4.14.0", List.of());
        nine("9.6", "20250531.0", true, false, "4.14.0", List.of());
        nine("9.7", "20251123.2", false, true, "4.14.0",
                List.of("dnf 4.14.0 and rpm 4.16.1.3 in 9.7: seen in 9.6, assumed unchanged"));
        ten("10.0", "20250611.0");
        ten("10.1", "20251125.0");
    }

    private RockyReleases() {
    }

    private static void nine(String version, String build, boolean rootfs, boolean oci, String dnf, List<String> extra) {
        var unverified = new java.util.ArrayList<>(extra);
        unverified.add(UNVERIFIED_KERNEL);
        add(new LinuxRelease("9", version, build, rootfs ? imageName(version, build, false) : "",
                oci ? imageName(version, build, true) : "", "2.34", dnf, "4.16.1.3", CpuBaseline.X86_64_V2, "3.2.0",
                List.of(CHECKSUMS_9, DNF_9_6, GLIBC_9, V2_9, KERNEL_3_2, ROCKY_WIKI), unverified));
    }

    private static void ten(String version, String build) {
        add(new LinuxRelease("10", version, build, "", imageName(version, build, true), "2.39", "4.20.0", "4.19.1.1",
                CpuBaseline.X86_64_V3, "3.2.0", List.of(RHEL10_DNF, KERNEL_3_2, ROCKY_WIKI),
                List.of("the image's build tag " + build + " (no Rocky 10 CHECKSUM was read; the name follows 9.7's"
                                + " OCI naming)",
                        "glibc 2.39, dnf 4.20.0 and rpm 4.19.1.1 (RHEL 10's versions as secondary sources give them;"
                                + " no Rocky 10 transcript)",
                        "x86-64-v3 for Rocky 10 (secondary sources; RHEL 10's own release note was not read)",
                        UNVERIFIED_KERNEL)));
    }

    private static void add(LinuxRelease r) {
        BY_VERSION.put(r.version(), r);
    }

    /** e.g. Rocky-9-Container-Base-9.6-20250531.0.x86_64.tar.xz; oci: ...x86_64.oci.tar.xz (freebsd-facts 6.2). */
    static String imageName(String version, String build, boolean oci) {
        String major = version.substring(0, version.indexOf('.'));
        return "Rocky-" + major + "-Container-Base-" + version + "-" + build + ".x86_64" + (oci ? ".oci" : "") + ".tar.xz";
    }

    public static Optional<LinuxRelease> byVersion(String version) {
        return Optional.ofNullable(BY_VERSION.get(version));
    }

    /** Every catalogued point release, oldest first. */
    public static List<LinuxRelease> all() {
        return BY_VERSION.values().stream()
                .sorted(java.util.Comparator.comparing((LinuxRelease r) -> Integer.parseInt(r.major()))
                        .thenComparing(r -> Integer.parseInt(r.version().substring(r.version().indexOf('.') + 1))))
                .toList();
    }

    /** The newest point release of {@code major}: what the mirror's .latest alias points to. */
    public static Optional<LinuxRelease> newest(String major) {
        List<LinuxRelease> of = all().stream().filter(r -> r.major().equals(major)).toList();
        return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
    }

    public static List<String> majors() {
        return all().stream().map(LinuxRelease::major).distinct().toList();
    }
}
