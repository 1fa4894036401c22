package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.sim.fixtures.FixtureOci;
import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading half of OciImage on its own: what a layout holds once spooled and checked. */
class OciLayoutReaderTest {
    @TempDir
    Path spool;

    private OciLayoutReader.Layout read(byte[] tar) {
        return OciLayoutReader.read(new ByteArrayInputStream(tar), "image.tar", new ArchiveInspector(), spool);
    }

    @Test
    void everyBlobIsSpooledUnderItsDigestAndTheLayersAreListedInOrder() throws IOException {
        byte[] tar = FixtureOci.create()
                .layer(FixtureTar.create().file("a", 0644, "a"), true)
                .layer(FixtureTar.create().file("b", 0644, "b"), false).tar();

        OciLayoutReader.Layout layout = read(tar);

        assertThat(layout.archive()).isEqualTo("image.tar");
        assertThat(layout.spool()).isEqualTo(spool);
        assertThat(layout.layers()).extracting(OciImage.Descriptor::mediaType)
                .containsExactly(FixtureOci.LAYER_GZIP, FixtureOci.LAYER_TAR);
        assertThat(layout.diffIds()).hasSize(2).allMatch(d -> d.startsWith("sha256:"));
        for (OciImage.Descriptor d : layout.layers()) {
            Path blob = layout.blobs().get(d.digest());
            assertThat(blob).hasParent(spool).hasFileName(d.digest().replace(':', '-'));
            assertThat(Files.size(blob)).isEqualTo(d.size());
        }
        assertThat(layout.blobs()).containsKeys(layout.manifest().digest(), layout.config().digest());
    }

    @Test
    void aLayerOfAnUnsupportedMediaTypeIsRefusedNamingWhatIsSupported() {
        byte[] good = FixtureOci.create().layer(FixtureTar.create().file("a", 0644, "a"), false).tar();
        byte[] zstd = retypeLayers(good, FixtureOci.LAYER_TAR, "application/vnd.oci.image.layer.v1.tar+zstd");

        assertThatThrownBy(() -> read(zstd))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.BAD_OCI))
                .hasMessageContaining("has media type application/vnd.oci.image.layer.v1.tar+zstd"
                        + " (zstd needs a decoder this build does not have); supported: tar and tar+gzip (OCI and Docker).");
    }

    /**
     * The same archive with the manifest's layer media type replaced; the manifest blob is
     * renamed to its new digest and index.json points to it with its new size.
     */
    private static byte[] retypeLayers(byte[] tar, String from, String to) {
        var members = new LinkedHashMap<String, byte[]>();
        try (var in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    members.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String manifestName = members.keySet().stream()
                .filter(n -> new String(members.get(n), StandardCharsets.UTF_8).contains(from)).findFirst().orElseThrow();
        byte[] oldManifest = members.remove(manifestName);
        byte[] manifest = new String(oldManifest, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8);
        String oldHex = manifestName.substring(manifestName.lastIndexOf('/') + 1);
        String newHex = Hashing.sha256(manifest);
        members.put("blobs/sha256/" + newHex, manifest);
        String index = new String(members.get("index.json"), StandardCharsets.UTF_8);
        String oldRef = "\"digest\":\"sha256:" + oldHex + "\",\"size\":" + oldManifest.length;
        assertThat(index).contains(oldRef);
        members.put("index.json", index.replace(oldRef, "\"digest\":\"sha256:" + newHex + "\",\"size\":" + manifest.length)
                .getBytes(StandardCharsets.UTF_8));
        FixtureTar out = FixtureTar.create();
        members.forEach((n, c) -> out.file(n, 0644, c));
        return out.tar();
    }
}
