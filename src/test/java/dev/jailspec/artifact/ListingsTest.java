package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import org.junit.jupiter.api.Test;

class ListingsTest {
    private static final String H1 = "a".repeat(64);
    private static final String H2 = "630afde702160eb22165dd3e0f93f96a388caf32c63f508a75b7c245218656d2";

    @Test
    void freebsdManifestGivesTheHashAndCountOfEachSet() {
        var dist = FixtureArchives.freebsd("15.0-RELEASE");

        FreebsdManifest m = FreebsdManifest.parse(dist.manifest(), "MANIFEST");

        assertThat(m.sha256Of("base.txz")).isEqualTo(dist.base().sha256());
        assertThat(m.require("base.txz")).isEqualTo(new FreebsdManifest.Entry("base.txz", dist.base().sha256(),
                dist.baseEntryCount(), "base", "Base system (MANDATORY)", true));
        assertThat(m.entries()).extracting(FreebsdManifest.Entry::file)
                .containsExactly("base.txz", "kernel.txz", "lib32.txz");
    }

    @Test
    void freebsdManifestAcceptsTheMakeManifestShapeAndUppercaseHex() {
        String text = "base-dbg.txz\t" + H2.toUpperCase() + "\t42\tbase_dbg\t\"Base system (Debugging)\"\toff\n\n";

        FreebsdManifest.Entry e = FreebsdManifest.parse(text, "MANIFEST").require("base-dbg.txz");

        assertThat(e.sha256()).isEqualTo(H2);
        assertThat(e.defaultOn()).isFalse();
        assertThat(e.distname()).isEqualTo("base_dbg");
    }

    @Test
    void malformedManifestLinesNameTheirLineNumber() {
        String good = "base.txz\t" + H1 + "\t10\tbase\t\"Base system (MANDATORY)\"\ton\n";

        assertThatThrownBy(() -> FreebsdManifest.parse(good + "kernel.txz " + H1 + " 5 kernel\n", "https://m/MANIFEST"))
                .isInstanceOfSatisfying(ListingFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(2))
                .hasMessage("https://m/MANIFEST line 2: expected 6 TAB-separated fields (file, sha256, count, distname,"
                        + " \"description\", on|off), found 1: \"kernel.txz " + H1 + " 5 kernel\"");
        assertThatThrownBy(() -> FreebsdManifest.parse("\n" + good.replace(H1, "deadbeef"), "MANIFEST"))
                .hasMessage("MANIFEST line 2: field 2 is not a 64-digit sha256: deadbeef: \"base.txz\\tdeadbeef\\t10\\tbase"
                        + "\\t\"Base system (MANDATORY)\"\\ton\"");
        assertThatThrownBy(() -> FreebsdManifest.parse(good.replace("\ton", "\tyes"), "MANIFEST"))
                .hasMessageStartingWith("MANIFEST line 1: field 6 must be on or off, found yes");
        assertThatThrownBy(() -> FreebsdManifest.parse(good + good, "MANIFEST"))
                .hasMessageStartingWith("MANIFEST line 2: base.txz is listed twice");
    }

    @Test
    void aMissingSetListsWhatTheManifestHas() {
        var m = FreebsdManifest.parse(FixtureArchives.freebsd().manifest(), "MANIFEST");

        assertThatThrownBy(() -> m.sha256Of("src.txz"))
                .isInstanceOf(ArtifactException.class)
                .hasMessage("MANIFEST has no line for src.txz; it lists [base.txz, kernel.txz, lib32.txz]."
                        + " Check the release name and the mirror (jailspec.freebsd.release, jailspec.freebsd.mirror).");
    }

    @Test
    void rockyChecksumParsesConcatenatedEntriesAndResolvesTheLatestAlias() {
        var images = FixtureArchives.rockyImages(RockyRelease.R9_7);

        TaggedChecksums c = TaggedChecksums.parse(images.checksum(), "CHECKSUM");
        TaggedChecksums.Entry alias = c.require("Rocky-9-Container-Base.latest.x86_64.tar.xz");
        TaggedChecksums.Entry dated = c.resolveLatest(alias.file(), alias.size(), alias.sha256());

        assertThat(c.entries()).hasSize(3);
        assertThat(dated).isEqualTo(new TaggedChecksums.Entry("Rocky-9-Container-Base-9.7-20251123.2.x86_64.oci.tar.xz",
                images.base().size(), images.base().sha256()));
        assertThat(c.resolveLatest(alias.file())).isEqualTo(dated);
    }

    @Test
    void theRealPublishedLineShapeParses() {
        String text = "# Rocky-9-Container-Base-9.6-20250531.0.x86_64.tar.xz: 53167144 bytes\n"
                + "SHA256 (Rocky-9-Container-Base-9.6-20250531.0.x86_64.tar.xz) = " + H2 + "\n"
                + "# Rocky-9-Container-Base.latest.x86_64.tar.xz: 53167144 bytes\n"
                + "SHA256 (Rocky-9-Container-Base.latest.x86_64.tar.xz) = " + H2 + "\n";

        TaggedChecksums c = TaggedChecksums.parse(text, "CHECKSUM");

        assertThat(c.resolveLatest("Rocky-9-Container-Base.latest.x86_64.tar.xz", 53167144, H2).file())
                .isEqualTo("Rocky-9-Container-Base-9.6-20250531.0.x86_64.tar.xz");
    }

    @Test
    void latestResolutionRequiresTheSameSizeAndHash() {
        String text = "# A-9.7.tar.xz: 100 bytes\nSHA256 (A-9.7.tar.xz) = " + H1 + "\n";
        TaggedChecksums c = TaggedChecksums.parse(text, "CHECKSUM");

        assertThatThrownBy(() -> c.resolveLatest("A.latest.tar.xz", 101, H1))
                .isInstanceOf(ArtifactException.class)
                .hasMessage("no dated image in CHECKSUM has the size (101 bytes) and sha256 (" + H1
                        + ") of A.latest.tar.xz; the listing may be mid-update on the mirror: try again later or name"
                        + " a dated image");
        assertThat(c.resolveLatest("A.latest.tar.xz", 100, H1).file()).isEqualTo("A-9.7.tar.xz");
    }

    @Test
    void malformedChecksumLinesNameTheirLineNumber() {
        assertThatThrownBy(() -> TaggedChecksums.parse("# A: 1 bytes\nSHA256 (B) = " + H1 + "\n", "CHECKSUM"))
                .isInstanceOfSatisfying(ListingFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(2))
                .hasMessage("CHECKSUM line 2: SHA256 line names B but the size line before it (line 1) names A: \"SHA256 (B) = "
                        + H1 + "\"");
        assertThatThrownBy(() -> TaggedChecksums.parse("# A: 1 bytes\n\n# B: 2 bytes\n", "CHECKSUM"))
                .hasMessage("CHECKSUM line 1: size line for A is not followed by its SHA256 line: \"# A: 1 bytes\"");
        assertThatThrownBy(() -> TaggedChecksums.parse("SHA256 (A) = " + H1 + "\nMD5 (A) = abc\n", "CHECKSUM"))
                .hasMessage("CHECKSUM line 2: expected \"# FILE: N bytes\" or \"SHA256 (FILE) = hex\": \"MD5 (A) = abc\"");
        assertThatThrownBy(() -> TaggedChecksums.parse("SHA256 (A) = 1234\n", "CHECKSUM"))
                .hasMessage("CHECKSUM line 1: not a 64-digit sha256: 1234: \"SHA256 (A) = 1234\"");
    }
}
