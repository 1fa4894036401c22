package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.sim.fixtures.Artifact;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import dev.jailspec.sim.fixtures.FixtureOci;
import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciImageTest {
    @TempDir
    Path dir;

    private final ArchiveInspector inspector = new ArchiveInspector();

    record Member(TarArchiveEntry entry, String content) {
    }

    /** Members of a tar by name, in order. */
    private static Map<String, Member> members(byte[] tar) throws IOException {
        Map<String, Member> out = new LinkedHashMap<>();
        try (var in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), new Member(e, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private OciImage open(String name, byte[] archive) throws IOException {
        return OciImage.open(Files.write(dir.resolve(name), archive), inspector, dir.resolve("spool"));
    }

    private static byte[] flatten(OciImage image) {
        var out = new ByteArrayOutputStream();
        image.writeFlattenedTar(out);
        return out.toByteArray();
    }

    @Test
    void twoLayersAreFlattenedWithWhiteoutsAndAnOpaqueDirectory() throws IOException {
        Artifact archive = FixtureArchives.rockyOciArchive(RockyRelease.R9_7);
        try (OciImage image = open(archive.name(), archive.bytes())) {
            var out = new ByteArrayOutputStream();
            ArchiveInventory written = image.writeFlattenedTar(out);
            Map<String, Member> tree = members(out.toByteArray());

            assertThat(archive.name()).isEqualTo("Rocky-9-Container-Base-9.7-20251123.2.x86_64.oci.tar.xz");
            assertThat(image.layers()).extracting(OciImage.Descriptor::mediaType)
                    .containsExactly(FixtureOci.LAYER_GZIP, FixtureOci.LAYER_TAR);
            assertThat(tree).doesNotContainKey("usr/share/doc/rocky-release/old-notes.txt")
                    .containsKey("usr/share/doc/rocky-release/README");
            assertThat(tree.keySet()).filteredOn(n -> n.startsWith("var/cache/dnf/")).containsExactly("var/cache/dnf/");
            assertThat(tree.get("var/cache/dnf/").entry().getMode() & 07777).isEqualTo(0750);
            assertThat(tree.keySet()).noneMatch(n -> n.contains(".wh."));
            assertThat(tree.get("etc/motd").content()).isEqualTo("Rocky Linux 9.7 (layer 2)\n");
            assertThat(tree.keySet()).filteredOn(n -> n.equals("etc/motd")).hasSize(1);
            // Owners, modes and links survive.
            assertThat(tree.get("./").entry().getMode() & 07777).isEqualTo(0555);
            assertThat(tree.get("usr/bin/passwd").entry().getMode() & 07777).isEqualTo(04755);
            assertThat(tree.get("usr/bin/passwd").entry().getUserName()).isEqualTo("root");
            assertThat(tree.get("tmp/").entry().getMode() & 07777).isEqualTo(01777);
            assertThat(tree.get("bin").entry().isSymbolicLink()).isTrue();
            assertThat(tree.get("bin").entry().getLinkName()).isEqualTo("usr/bin");
            assertThat(tree.get("usr/bin/dnf").entry().getLinkName()).isEqualTo("dnf-3");
            // Parents come before children.
            assertThat(indexOf(tree, "usr/")).isLessThan(indexOf(tree, "usr/bin/bash"));
            assertThat(indexOf(tree, "var/cache/dnf/")).isGreaterThan(indexOf(tree, "var/cache/"));

            ArchiveInventory reread = inspector.inspect(new ByteArrayInputStream(out.toByteArray()), "flat.tar");
            assertThat(written.entryCount()).isEqualTo(reread.entryCount()).isEqualTo(tree.size());
            assertThat(written.counts()).isEqualTo(reread.counts());
            assertThat(written.format()).isEqualTo(ArchiveFormat.PLAIN_ROOTFS);
            assertThat(written.osRelease().prettyName()).isEqualTo("Rocky Linux 9.7 (Blue Onyx)");
            assertThat(written.hasDnf()).isTrue();
            assertThat(image.inventory()).isEqualTo(written);
            RootfsValidator.linuxUserland("rocky", "9", new dev.jailspec.linux.rocky.RockyLinux().requiredPrograms(),
                new dev.jailspec.linux.rocky.RockyLinux()::withoutProgramsAdvice).require(archive.name(), image.inventory());
        }
        assertThat(dir.resolve("spool")).isEmptyDirectory();
    }

    private static int indexOf(Map<String, Member> tree, String name) {
        return tree.keySet().stream().toList().indexOf(name);
    }

    @Test
    void flatteningIsDeterministic() throws IOException {
        Artifact archive = FixtureArchives.rockyOciArchive(RockyRelease.R9_7);
        try (OciImage a = open("a.oci.tar.xz", archive.bytes()); OciImage b = open("b.oci.tar.xz", archive.bytes())) {
            assertThat(flatten(a)).isEqualTo(flatten(b));
        }
    }

    @Test
    void theManifestIsFoundThroughANestedIndexOrTheConfigPlatform() throws IOException {
        FixtureTar layer = FixtureTar.create().dir("etc", 0755).file("etc/os-release", 0644, "ID=rocky\nVERSION_ID=9.7\n");
        byte[] nested = FixtureOci.create().layer(layer, true).nestedIndex(true).xz();
        byte[] kiwi = FixtureOci.create().layer(layer, false).platformInIndex(false).xz();

        try (OciImage n = open("nested.oci.tar.xz", nested); OciImage k = open("kiwi.oci.tar.xz", kiwi)) {
            assertThat(n.inventory().osRelease().versionId()).isEqualTo("9.7");
            assertThat(k.inventory().osRelease().versionId()).isEqualTo("9.7");
        }
    }

    @Test
    void anImageWithoutLinuxAmd64SaysWhatItOffers() throws IOException {
        byte[] arm = FixtureOci.create().layer(FixtureTar.create().file("a", 0644, "a"), false)
                .platform("linux", "arm64").xz();

        assertThatThrownBy(() -> open("arm.oci.tar.xz", arm))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.BAD_OCI))
                .hasMessage(dir.resolve("arm.oci.tar.xz") + " has no linux/amd64 image; it offers linux/arm64.");
        assertThat(dir.resolve("spool")).isEmptyDirectory();
    }

    @Test
    void aBlobWhoseBytesDoNotMatchItsDigestIsRefused() throws IOException {
        String fake = "b".repeat(64);
        byte[] archive = FixtureTar.create().file("oci-layout", 0644, "{\"imageLayoutVersion\":\"1.0.0\"}")
                .file("blobs/sha256/" + fake, 0644, "not what the digest says")
                .file("index.json", 0644, "{\"schemaVersion\":2,\"manifests\":[]}").tar();
        byte[] actual = "not what the digest says".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> open("tampered.tar", archive))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.BAD_OCI))
                .hasMessage(dir.resolve("tampered.tar") + ": blob sha256:" + fake + " has the digest sha256:"
                        + Hashing.sha256(actual) + "; the archive is damaged or was tampered with.");
    }

    @Test
    void aMissingLayerBlobIsNamed() throws IOException {
        byte[] full = FixtureOci.create().layer(FixtureTar.create().file("a", 0644, "a"), false).tar();
        Map<String, Member> m = members(full);
        String layerBlob = m.keySet().stream().filter(n -> n.startsWith("blobs/sha256/"))
                .filter(n -> m.get(n).content().startsWith("a")).findFirst().orElseThrow();
        FixtureTar without = FixtureTar.create();
        for (var e : m.entrySet()) {
            if (!e.getKey().equals(layerBlob) && !e.getValue().entry().isDirectory()) {
                without.file(e.getKey(), 0644, e.getValue().content());
            }
        }

        assertThatThrownBy(() -> open("incomplete.tar", without.tar()))
                .hasMessage(dir.resolve("incomplete.tar") + " lacks the layer blob "
                        + layerBlob.replace("blobs/sha256/", "sha256:") + " (" + layerBlob
                        + "): the archive is incomplete.");
    }

    @Test
    void notAnOciLayoutAtAll() throws IOException {
        byte[] rootfs = FixtureArchives.rockyBaseRootfs(RockyRelease.R9_6).bytes();

        assertThatThrownBy(() -> open("rootfs.tar.xz", rootfs))
                .hasMessage(dir.resolve("rootfs.tar.xz") + " has no index.json: it is not an OCI image layout"
                        + " (no oci-layout either).");
    }

    @Test
    void hardLinksKeepTheirContentWhenTheTargetIsWhitedOutAndDirectoriesReplacedByFilesLoseTheirChildren()
            throws IOException {
        FixtureTar lower = FixtureTar.create().dir("data", 0755).file("data/a", 0640, "shared bytes")
                .hardlink("data/b", "data/a").hardlink("data/c", "data/a")
                .dir("opt", 0755).dir("opt/x", 0755).file("opt/x/f", 0644, "gone");
        FixtureTar upper = FixtureTar.create().file("data/.wh.a", 0644, "").file("opt/x", 0644, "now a file");
        byte[] archive = FixtureOci.create().layer(lower, false).layer(upper, true).xz();

        try (OciImage image = open("links.oci.tar.xz", archive)) {
            Map<String, Member> tree = members(flatten(image));

            assertThat(tree).doesNotContainKeys("data/a", "opt/x/f", "opt/x/");
            assertThat(tree.get("data/b").entry().isFile()).isTrue();
            assertThat(tree.get("data/b").content()).isEqualTo("shared bytes");
            assertThat(tree.get("data/b").entry().getMode() & 07777).isEqualTo(0640);
            assertThat(tree.get("data/c").entry().isLink()).isTrue();
            assertThat(tree.get("data/c").entry().getLinkName()).isEqualTo("data/b");
            assertThat(tree.get("opt/x").content()).isEqualTo("now a file");
        }
    }

    @Test
    void unsafeLayerMembersAreListedInTheInventoryAndNeverWritten() throws IOException {
        FixtureTar layer = FixtureTar.create().dir("etc", 0755).file("etc/os-release", 0644, "ID=rocky\nVERSION_ID=9.7\n")
                .file("../escape", 0644, "x").charDevice("dev/kmem", 2, 1);
        byte[] archive = FixtureOci.create().layer(layer, true).xz();

        try (OciImage image = open("evil.oci.tar.xz", archive)) {
            ArchiveInventory inv = image.inventory();

            assertThat(inv.unsafeEntries()).extracting(UnsafeEntry::describe)
                    .containsExactly("../escape ('..' in the path)", "dev/kmem (2,1) (device node)");
            assertThatThrownBy(() -> image.writeFlattenedTar(new ByteArrayOutputStream()))
                    .isInstanceOfSatisfying(ArchiveException.class,
                            e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.UNSAFE_ENTRY))
                    .hasMessage(dir.resolve("evil.oci.tar.xz") + ": refusing to write an unsafe member of the flattened"
                            + " tree:\n  ../escape ('..' in the path)\nThe tar written so far is incomplete and must be"
                            + " discarded.");
        }
    }

    @Test
    void oneFlatteningListingTheUnsafeGivesTheTarAndTheInventoryOfTheTwoItReplaces() throws IOException {
        Artifact archive = FixtureArchives.rockyOciArchive(RockyRelease.R9_7);
        try (OciImage image = open("rocky.oci.tar.xz", archive.bytes())) {
            var strictTar = new ByteArrayOutputStream();
            ArchiveInventory written = image.writeFlattenedTar(strictTar);
            var listingTar = new ByteArrayOutputStream();
            ArchiveInventory listed = image.writeFlattenedTarListingUnsafe(listingTar);

            assertThat(listingTar.toByteArray()).isEqualTo(strictTar.toByteArray());
            assertThat(listed).isEqualTo(written).isEqualTo(image.inventory());
            assertThat(listed.hasDnf()).isTrue();
        }
        FixtureTar layer = FixtureTar.create().dir("etc", 0755).file("etc/os-release", 0644, "ID=rocky\nVERSION_ID=9.7\n")
                .file("../escape", 0644, "x").charDevice("dev/kmem", 2, 1);
        try (OciImage evil = open("evil.oci.tar.xz", FixtureOci.create().layer(layer, true).xz())) {
            ArchiveInventory listed = evil.writeFlattenedTarListingUnsafe(new ByteArrayOutputStream());

            assertThat(listed).isEqualTo(evil.inventory());
            assertThat(listed.unsafeCount()).isEqualTo(2);
        }
    }

    @Test
    void aLayerThatDoesNotUncompressToItsDiffIdIsRefusedBeforeAnythingIsWritten() throws IOException {
        FixtureTar layer = FixtureTar.create().file("a", 0644, "a");
        byte[] good = FixtureOci.create().layer(layer, true).tar();
        String diffId = Hashing.sha256(layer.tar());
        String other = "c".repeat(64);
        byte[] archive = rewriteBlobs(good, diffId, other);

        try (OciImage image = open("diff.oci.tar", archive)) {
            var out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> image.writeFlattenedTar(out))
                    .isInstanceOfSatisfying(ArchiveException.class,
                            e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.BAD_OCI))
                    .hasMessage(dir.resolve("diff.oci.tar") + ": layer 1 (" + image.layers().get(0).digest()
                            + ") uncompresses to sha256:" + diffId + " but the config's diff_id is sha256:" + other + ".");
            assertThat(out.size()).isZero();
        }
    }

    /**
     * The archive with {@code from} replaced by {@code to} (same length) in its JSON blobs; each
     * changed blob gets its new digest, and so do the blobs and index.json that point to it.
     */
    private static byte[] rewriteBlobs(byte[] tar, String from, String to) throws IOException {
        Map<String, String> json = new LinkedHashMap<>();
        Map<String, byte[]> binary = new LinkedHashMap<>();
        for (Map.Entry<String, Member> e : members(tar).entrySet()) {
            if (e.getValue().entry().isDirectory()) {
                continue;
            }
            String text = e.getValue().content();
            if (text.startsWith("{")) {
                json.put(e.getKey(), text);
            } else {
                try (var in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
                    for (var m = in.getNextEntry(); m != null; m = in.getNextEntry()) {
                        if (m.getName().equals(e.getKey())) {
                            binary.put(e.getKey(), in.readAllBytes());
                        }
                    }
                }
            }
        }
        java.util.Deque<String[]> pending = new java.util.ArrayDeque<>();
        pending.add(new String[] {from, to});
        while (!pending.isEmpty()) {
            String[] r = pending.poll();
            for (String name : List.copyOf(json.keySet())) {
                String text = json.get(name);
                if (!text.contains(r[0])) {
                    continue;
                }
                String changed = text.replace(r[0], r[1]);
                json.remove(name);
                if (name.startsWith("blobs/sha256/")) {
                    String hex = Hashing.sha256(changed.getBytes(StandardCharsets.UTF_8));
                    json.put("blobs/sha256/" + hex, changed);
                    pending.add(new String[] {name.substring("blobs/sha256/".length()), hex});
                } else {
                    json.put(name, changed);
                }
            }
        }
        FixtureTar out = FixtureTar.create();
        binary.forEach((n, c) -> out.file(n, 0644, c));
        json.forEach((n, c) -> out.file(n, 0644, c));
        return out.tar();
    }
}
