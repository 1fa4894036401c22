package dev.jailspec.linux.rocky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.linux.CpuBaseline;
import dev.jailspec.linux.LinuxDistribution;
import dev.jailspec.linux.LinuxRelease;
import org.junit.jupiter.api.Test;

class RockyReleasesTest {
    private final RockyLinux rocky = new RockyLinux();

    @Test
    void theImageNamesAreAsTheImageDirectoriesPublishThem() {
        // freebsd-facts 6.2: 9.6 published the plain rootfs tar, 9.7 only the OCI archive.
        assertThat(RockyReleases.byVersion("9.6").orElseThrow().rootfsImage())
                .isEqualTo("Rocky-9-Container-Base-9.6-20250531.0.x86_64.tar.xz");
        assertThat(RockyReleases.byVersion("9.6").orElseThrow().ociImage()).isEmpty();
        LinuxRelease r97 = RockyReleases.byVersion("9.7").orElseThrow();
        assertThat(r97.ociImage()).isEqualTo("Rocky-9-Container-Base-9.7-20251123.2.x86_64.oci.tar.xz");
        assertThat(r97.rootfsImage()).isEmpty();
        assertThat(r97.currentImage()).isEqualTo(r97.ociImage());
        assertThat(rocky.release("10").ociImage()).startsWith("Rocky-10-Container-Base-10.1-").endsWith(".x86_64.oci.tar.xz");
    }

    @Test
    void nineIsBuiltForX8664V2AndTenForV3WithTheirOwnToolVersions() {
        LinuxRelease nine = rocky.release("9");
        LinuxRelease ten = rocky.release("10");
        assertThat(nine.version()).isEqualTo("9.7");
        assertThat(nine.cpuBaseline()).isEqualTo(CpuBaseline.X86_64_V2);
        assertThat(nine.glibc()).isEqualTo("2.34");
        assertThat(nine.packageManager()).isEqualTo("4.14.0");
        assertThat(nine.rpm()).startsWith("4.16");
        assertThat(ten.cpuBaseline()).isEqualTo(CpuBaseline.X86_64_V3);
        assertThat(ten.rpm()).startsWith("4.19");
        assertThat(ten.packageManager()).startsWith("4.");
        assertThat(CpuBaseline.X86_64_V3.features()).containsAll(CpuBaseline.X86_64_V2.features())
                .contains("AVX2", "BMI1", "BMI2", "FMA", "LZCNT", "MOVBE");
    }

    @Test
    void everyEntryNamesItsSourcesAndTenSaysWhatIsUnverified() {
        assertThat(RockyReleases.all()).allSatisfy(r -> assertThat(r.sources()).isNotEmpty());
        assertThat(rocky.release("10").isVerified()).isFalse();
        assertThat(rocky.release("10").unverified()).anyMatch(u -> u.contains("build tag"));
        assertThat(RockyReleases.all()).extracting(LinuxRelease::version).containsSubsequence("9.6", "9.7", "10.0", "10.1");
    }

    @Test
    void anUnknownMajorNamesTheKnownOnes() {
        assertThatThrownBy(() -> rocky.release("8")).hasMessageContaining("Rocky Linux 8 is not in the release catalogue")
                .hasMessageContaining("[9, 10]");
    }

    @Test
    void epelAndRpmFusionArePerMajor() {
        assertThat(rocky.addOnReleasePackage(LinuxDistribution.AddOn.EPEL, "10"))
                .hasToString("https://dl.fedoraproject.org/pub/epel/epel-release-latest-10.noarch.rpm");
        assertThat(rocky.addOnReleasePackage(LinuxDistribution.AddOn.RPM_FUSION_NONFREE, "10"))
                .hasToString("https://mirrors.rpmfusion.org/nonfree/el/rpmfusion-nonfree-release-10.noarch.rpm");
        assertThat(rocky.imageSource("https://dl.rockylinux.org/pub/rocky/", "10", "", "").image())
                .hasToString("https://dl.rockylinux.org/pub/rocky/10/images/x86_64/Rocky-10-Container-Base.latest.x86_64.tar.xz");
    }
}
