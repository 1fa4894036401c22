package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReleaseVersionNewerTest {
    @Test
    void aLaterMajorOrMinorIsNewerPatchLevelsAndBranchesAreNot() {
        ReleaseVersion host = ReleaseVersion.parse("14.4-RELEASE-p3");
        assertThat(ReleaseVersion.parse("14.5-RELEASE").isNewerReleaseThan(host)).isTrue();
        assertThat(ReleaseVersion.parse("15.0-RELEASE").isNewerReleaseThan(host)).isTrue();
        assertThat(ReleaseVersion.parse("14.4-RELEASE").isNewerReleaseThan(host)).as("same release, lower patch").isFalse();
        assertThat(ReleaseVersion.parse("14.4-STABLE").isNewerReleaseThan(host)).as("same minor").isFalse();
        assertThat(ReleaseVersion.parse("13.5-RELEASE").isNewerReleaseThan(host)).isFalse();
    }
}
