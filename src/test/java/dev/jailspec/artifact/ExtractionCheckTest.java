package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionCheckTest {
    private final ArchiveInspector inspector = new ArchiveInspector();

    @TempDir
    Path dir;

    /** The extracted tree on the local disk, as the host's stat (no symlink followed) and list see it. */
    static final ExtractedTree LOCAL = ExtractedTree.of(path -> {
        Path p = Path.of(path);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new ExtractedTree.Stat(a.isRegularFile(), a.isDirectory(), a.size()));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }, path -> {
        Path p = Path.of(path);
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    /** What tar -xpf does, for the member types the fixtures use. */
    static void extract(byte[] tar, Path root) throws IOException {
        Files.createDirectories(root);
        try (var in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = ArchivePaths.normalize(e.getName());
                Path p = root.resolve(name);
                if (name.isEmpty()) {
                    continue;
                }
                Files.createDirectories(p.getParent());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else if (e.isSymbolicLink()) {
                    Files.deleteIfExists(p);
                    Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.deleteIfExists(p);
                    Files.createLink(p, root.resolve(ArchivePaths.normalize(e.getLinkName())));
                } else {
                    Files.deleteIfExists(p);
                    Files.write(p, in.readAllBytes());
                }
            }
        }
    }

    private ArchiveInventory inspect(String name, byte[] bytes) throws IOException {
        return inspector.inspect(Files.write(dir.resolve(name), bytes));
    }

    @Test
    void aCompleteExtractionPassesAndSaysWhatItChecked() throws IOException {
        FixtureTar t = ParallelXzTest.tree();
        ArchiveInventory inv = inspect("root.tar", t.tar());
        Path root = dir.resolve("rocky");
        extract(t.tar(), root);

        ExtractionCheck.Result r = ExtractionCheck.require(inv, root.toString(), LOCAL);

        assertThat(r.isComplete()).isTrue();
        assertThat(r.expectedPaths()).isEqualTo(t.entryCount() - 1); // all but ./
        assertThat(r.foundPaths()).isEqualTo(r.expectedPaths());
        assertThat(r.sampledFiles()).isBetween(32, TreeSample.MAX_FILES);
        assertThat(r.describe()).isEqualTo(root + " holds " + r.foundPaths() + " paths after extracting "
                + dir.resolve("root.tar") + " (which makes " + r.expectedPaths() + "); " + r.sampledFiles()
                + " sampled files checked");
    }

    @Test
    void anExtractionMissingAFileFailsNamingTheFileAndExpectedVsFound() throws IOException {
        FixtureTar t = ParallelXzTest.tree();
        ArchiveInventory inv = inspect("root.tar", t.tar());
        Path root = dir.resolve("rocky");
        extract(t.tar(), root);
        TreeSample.SampledFile gone = inv.tree().files().get(inv.tree().files().size() / 2);
        Files.delete(root.resolve(gone.path()));

        assertThatThrownBy(() -> ExtractionCheck.require(inv, root.toString(), LOCAL))
                .isInstanceOfSatisfying(ExtractionIncompleteException.class, e -> {
                    assertThat(e.root()).isEqualTo(root.toString());
                    assertThat(e.problems()).hasSize(2);
                })
                .hasMessage(root + " is incomplete after extracting " + dir.resolve("root.tar") + ":"
                        + "\n- " + root + " holds " + (t.entryCount() - 2) + " paths, expected at least "
                        + (t.entryCount() - 1) + " (the archive makes " + (t.entryCount() - 1) + ")"
                        + "\n- " + root + "/" + gone.path() + ": expected a regular file of " + gone.size()
                        + " bytes, found nothing"
                        + "\nThe extraction stopped early or failed without saying so (disk full? quota? tar killed?);"
                        + " remove " + root + " and run again.");
    }

    @Test
    void aShortOrReplacedFileIsNamedWithWhatWasFound() throws IOException {
        FixtureTar t = ParallelXzTest.tree();
        ArchiveInventory inv = inspect("root.tar", t.tar());
        Path root = dir.resolve("rocky");
        extract(t.tar(), root);
        TreeSample.SampledFile cut = inv.tree().files().stream().filter(f -> f.size() > 100).findFirst().orElseThrow();
        TreeSample.SampledFile replaced = inv.tree().files().get(inv.tree().files().size() - 1);
        Files.write(root.resolve(cut.path()), new byte[100]);
        Files.delete(root.resolve(replaced.path()));
        Files.createDirectory(root.resolve(replaced.path()));

        ExtractionCheck.Result r = ExtractionCheck.check(inv, root.toString(), LOCAL);

        assertThat(r.isComplete()).isFalse();
        assertThat(r.problems()).containsExactly(
                root + "/" + cut.path() + ": expected a regular file of " + cut.size()
                        + " bytes, found a regular file of 100 bytes",
                root + "/" + replaced.path() + ": expected a regular file of " + replaced.size()
                        + " bytes, found a directory");
    }

    @Test
    void moreThanTheArchiveMadeIsFine() throws IOException {
        byte[] tar = FixtureArchives.rockyTree(RockyRelease.R9_6, true).tar();
        ArchiveInventory inv = inspect("rocky.tar", tar);
        Path root = dir.resolve("rocky");
        extract(tar, root);
        Files.writeString(root.resolve("etc/resolv.conf.extra"), "nameserver 192.0.2.1\n");
        Files.createDirectories(root.resolve("dev/shm"));

        ExtractionCheck.Result r = ExtractionCheck.require(inv, root + "/", LOCAL);

        assertThat(r.foundPaths()).isGreaterThan(r.expectedPaths());
        assertThat(r.root()).isEqualTo(root.toString());
    }

    @Test
    void symlinksAreCountedNotFollowed() throws IOException {
        byte[] tar = FixtureTar.create().dir("usr", 0755).dir("usr/bin", 0755).file("usr/bin/a", 0755, "a")
                .symlink("bin", "usr/bin").symlink("loop", ".").tar();
        ArchiveInventory inv = inspect("links.tar", tar);
        Path root = dir.resolve("links");
        extract(tar, root);

        assertThat(ExtractionCheck.countPaths(root.toString(), LOCAL)).isEqualTo(5);
        assertThat(inv.tree().pathCount()).isEqualTo(5);
    }

    @Test
    void theSampleIsBoundedDeterministicAndSpansTheWholeArchive() throws IOException {
        FixtureTar t = FixtureTar.create().dir("./", 0755).dir("f", 0755);
        for (int i = 0; i < 1000; i++) {
            t.file(String.format("f/%04d", i), 0644, new byte[i % 97]).symlink(String.format("f/l%04d", i), "x");
        }
        ArchiveInventory inv = inspect("many.tar", t.tar());
        TreeSample s = inv.tree();

        assertThat(s.pathCount()).isEqualTo(2001);
        assertThat(s.stride()).isEqualTo(16); // 1000 files: 63 of them, every 16th
        assertThat(s.files()).hasSize(63);
        for (TreeSample.SampledFile f : s.files()) {
            int i = Integer.parseInt(f.path().substring(2));
            assertThat(i % s.stride()).isZero();
            assertThat(f.size()).isEqualTo(i % 97);
        }
        assertThat(s.files().get(0).path()).isEqualTo("f/0000");
        assertThat(s.files().get(s.files().size() - 1).path()).isEqualTo("f/0992");
        assertThat(inspect("again.tar", t.tar()).tree()).isEqualTo(s);
    }

    @Test
    void theRootIsNotCountedAPathWrittenTwiceCountsOnceAndAReplacedFileLeavesTheSample() throws IOException {
        byte[] tar = FixtureTar.create().dir("./", 0755).dir("etc", 0755).file("etc/a", 0644, "12345")
                .file("etc/b", 0644, "xy").symlink("etc/a", "b").file("/abs", 0644, "x").tar();

        TreeSample s = inspect("dup.tar", tar).tree();

        assertThat(s.pathCount()).isEqualTo(3); // etc, etc/a, etc/b
        assertThat(s.files()).containsExactly(new TreeSample.SampledFile("etc/b", 2));
    }
}
