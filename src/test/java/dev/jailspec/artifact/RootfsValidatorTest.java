package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.sim.fixtures.Artifact;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class RootfsValidatorTest {
    private final ArchiveInspector inspector = new ArchiveInspector();
    private final RootfsValidator rocky9 = RootfsValidator.linuxUserland("rocky", "9", new dev.jailspec.linux.rocky.RockyLinux().requiredPrograms(),
                new dev.jailspec.linux.rocky.RockyLinux()::withoutProgramsAdvice);

    private ArchiveInventory inventory(Artifact a) {
        return inspector.inspect(new ByteArrayInputStream(a.bytes()), a.name());
    }

    @Test
    void theBaseImagePasses() {
        Artifact base = FixtureArchives.rockyBaseRootfs(RockyRelease.R9_6);

        assertThat(rocky9.check(base.name(), inventory(base))).isEmpty();
    }

    @Test
    void aMinimalLikeImageIsRefusedAndTheMessageSaysToUseContainerBase() {
        Artifact minimal = FixtureArchives.rockyMinimalRootfs(RockyRelease.R9_6);

        assertThatThrownBy(() -> rocky9.require(minimal.name(), inventory(minimal)))
                .isInstanceOfSatisfying(RootfsRejectedException.class, e -> {
                    assertThat(e.image()).isEqualTo("Rocky-9-Container-Minimal-9.6-20250531.0.x86_64.tar.xz");
                    assertThat(e.violations()).extracting(RootfsValidator.Violation::rule)
                            .containsExactly(RootfsValidator.Rule.MISSING_PROGRAM);
                })
                .hasMessage("Rocky-9-Container-Minimal-9.6-20250531.0.x86_64.tar.xz has no usr/bin/dnf (it has"
                        + " usr/bin/microdnf only): it looks like the Minimal image. Use the Container-Base image"
                        + " (Rocky-9-Container-Base-9.6-20250531.0.x86_64.tar.xz), which ships dnf.");
    }

    @Test
    void theWrongMajorVersionSaysExpectedAndFound() {
        Artifact r8 = FixtureArchives.rockyBaseRootfs(new RockyRelease(8, 10, "20240528.0"));

        assertThatThrownBy(() -> rocky9.require(r8.name(), inventory(r8)))
                .hasMessage("Rocky-8-Container-Base-8.10-20240528.0.x86_64.tar.xz is the wrong distribution: expected"
                        + " ID=rocky VERSION_ID=9.x, found Rocky Linux 8.10 (Green Obsidian) (ID=rocky, VERSION_ID=8.10)."
                        + " Check the image URL and the configured major version.");
    }

    @Test
    void anotherDistributionAndNoOsReleaseAreToldApart() {
        Artifact alma = new Artifact("alma.tar", FixtureTar.create().dir("etc", 0755)
                .file("etc/os-release", 0644, "NAME=\"AlmaLinux\"\nID=\"almalinux\"\nVERSION_ID=\"9.6\"\n")
                .file("usr/bin/dnf", 0755, "x").tar());
        Artifact empty = new Artifact("empty.tar", FixtureTar.create().dir("etc", 0755).tar());

        assertThat(rocky9.check("alma.tar", inventory(alma))).extracting(RootfsValidator.Violation::message)
                .containsExactly("alma.tar is the wrong distribution: expected ID=rocky VERSION_ID=9.x, found AlmaLinux"
                        + " 9.6 (ID=almalinux). Check the image URL and the configured major version.");
        assertThat(rocky9.check("empty.tar", inventory(empty))).extracting(RootfsValidator.Violation::message)
                .containsExactly("empty.tar has no etc/os-release: expected a rocky 9 root file system, found no"
                                + " distribution at all. Is this the right file?",
                        "empty.tar has no usr/bin/dnf: it looks like the Minimal image. Use the Container-Base image,"
                                + " which ships dnf.");
    }

    @Test
    void severalViolationsAreListedTogether() {
        Artifact bad = new Artifact("bad.tar", FixtureTar.create().dir("etc", 0755)
                .file("etc/os-release", 0644, "ID=rocky\nVERSION_ID=9.6\n").charDevice("dev/null", 1, 3).tar());

        assertThatThrownBy(() -> rocky9.require("bad.tar", inventory(bad)))
                .hasMessage("bad.tar is refused for 2 reasons:\n"
                        + "- bad.tar has no usr/bin/dnf: it looks like the Minimal image. Use the Container-Base image,"
                        + " which ships dnf.\n"
                        + "- bad.tar has 1 unsafe member(s); extracting it could write outside the jail root or create"
                        + " device nodes. First offenders:\n    dev/null (1,3) (device node)");
    }

    @Test
    void anOciArchiveMustBeFlattenedFirst() {
        Artifact oci = FixtureArchives.rockyOciArchive(RockyRelease.R9_7);

        assertThatThrownBy(() -> rocky9.require(oci.name(), inventory(oci)))
                .hasMessage(oci.name() + " is an OCI image archive (it holds oci-layout, index.json and blobs/), not a"
                        + " root file system: flatten its layers first (OciImage).");
    }

    @Test
    void theRequiredProgramsAndTheAdviceAreTheDistributions() {
        Artifact minimal = FixtureArchives.rockyMinimalRootfs(RockyRelease.R9_6);
        // A distribution whose package manager is microdnf: the Minimal image is its userland, with its own advice.
        var microdnf = RootfsValidator.linuxUserland("rocky", "9", java.util.List.of("usr/bin/microdnf"),
                (image, has) -> ": not a microdnf image");
        var bashAndRpm = RootfsValidator.linuxUserland("rocky", "9", java.util.List.of("usr/bin/bash", "usr/bin/rpm"),
                (image, has) -> has.test("usr/bin/microdnf") ? ": has microdnf, so take the other image" : ": ?");
        Artifact bare = new Artifact("bare.tar", FixtureTar.create().dir("etc", 0755)
                .file("etc/os-release", 0644, "ID=rocky\nVERSION_ID=9.6\n").file("usr/bin/microdnf", 0755, "x").tar());

        assertThat(microdnf.check(minimal.name(), inventory(minimal))).isEmpty();
        assertThat(rocky9.check(minimal.name(), inventory(minimal))).extracting(RootfsValidator.Violation::rule)
                .containsExactly(RootfsValidator.Rule.MISSING_PROGRAM);
        assertThat(bashAndRpm.check("bare.tar", inventory(bare))).extracting(RootfsValidator.Violation::message)
                .containsExactly("bare.tar has no usr/bin/bash, usr/bin/rpm: has microdnf, so take the other image");
    }

    @Test
    void aProgramTheInventoryDoesNotNoteIsRefusedSayingWhereToAddIt() {
        assertThatThrownBy(() -> RootfsValidator.linuxUserland("debian", "12", java.util.List.of("usr/bin/apt-get"),
                (image, has) -> ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the required program usr/bin/apt-get of debian is not a path the archive"
                        + " inventory notes (ArchiveInventory.NOTABLE_PATHS [usr/bin/dnf")
                .hasMessageEndingWith("add it there and raise InspectionCache.FORMAT_VERSION, so cached inspections"
                        + " note it too");
    }

    @Test
    void freebsdBaseNeedsOnlyTheSafetyRules() {
        var dist = FixtureArchives.freebsd();

        assertThat(RootfsValidator.safetyOnly().check("base.txz", inventory(dist.base()))).isEmpty();
    }
}
