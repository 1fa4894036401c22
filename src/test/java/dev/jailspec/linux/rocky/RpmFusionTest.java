package dev.jailspec.linux.rocky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RpmFusionTest {
    @Test
    void theReleaseRpmIsTheHowTosUrlWithTheMajorReleaseFilledIn() {
        assertThat(RpmFusion.releaseRpm("free", "9")).hasToString(
                "https://mirrors.rpmfusion.org/free/el/rpmfusion-free-release-9.noarch.rpm");
        assertThat(RpmFusion.releaseRpm("nonfree", "10")).hasToString(
                "https://mirrors.rpmfusion.org/nonfree/el/rpmfusion-nonfree-release-10.noarch.rpm");
    }

    @Test
    void anUnknownKindOrAMajorThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> RpmFusion.releaseRpm("tainted", "9"))
                .hasMessage("RPM Fusion has the repositories free and nonfree, not 'tainted'");
        assertThatThrownBy(() -> RpmFusion.releaseRpm("free", "%rhel"))
                .hasMessage("'%rhel' is not an EL major release: expected what `rpm -E %rhel` prints, e.g. 9");
    }
}
