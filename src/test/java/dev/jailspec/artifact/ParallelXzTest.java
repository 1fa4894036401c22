package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** Multi-block xz files decoded by several threads: same bytes, same inventory, same errors. */
class ParallelXzTest {
    private static final long LIMIT = ArchiveInspector.DEFAULT_XZ_MEMORY_LIMIT;

    private final ArchiveInspector serial = new ArchiveInspector(LIMIT, ArchiveInspector.DEFAULT_MAX_LISTED, 1);
    private final ArchiveInspector parallel = new ArchiveInspector(LIMIT, ArchiveInspector.DEFAULT_MAX_LISTED, 4);

    @TempDir
    Path dir;

    /** xz with CRC64, a new block every {@code blockSize} bytes of input (as xz -T does, smaller). */
    static byte[] multiBlockXz(byte[] data, int blockSize, int dictSize) {
        var bytes = new ByteArrayOutputStream();
        try {
            LZMA2Options options = new LZMA2Options(1);
            options.setDictSize(dictSize);
            try (var xz = new XZOutputStream(bytes, options)) {
                for (int off = 0; off < data.length; off += blockSize) {
                    xz.write(data, off, Math.min(blockSize, data.length - off));
                    if (off + blockSize < data.length) {
                        xz.endBlock();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The tar of {@link #tree()}, built once; and in blocks of 32 KiB. */
    private static final FixtureTar TREE = tree();
    private static final byte[] TREE_TAR = TREE.tar();
    private static final byte[] TREE_XZ_BLOCKS = multiBlockXz(TREE_TAR, 32 * 1024, 1 << 16);

    /** A userland-like tree: 250 files of text and noise, links, a hard link, os-release, dnf. */
    static FixtureTar tree() {
        Random rnd = new Random(42);
        FixtureTar t = FixtureTar.create().dir("./", 0755).dir("etc", 0755).dir("usr", 0755).dir("usr/bin", 0755)
                .dir("usr/lib", 0755).file("usr/lib/os-release", 0644, "ID=\"rocky\"\nVERSION_ID=\"9.6\"\n")
                .symlink("etc/os-release", "../usr/lib/os-release").file("usr/bin/dnf-3", 0755, "#!/usr/bin/python3\n")
                .symlink("usr/bin/dnf", "dnf-3").symlink("bin", "usr/bin");
        for (int i = 0; i < 250; i++) {
            byte[] content = new byte[rnd.nextInt(8_000)];
            if (i % 3 == 0) {
                rnd.nextBytes(content);
            } else {
                for (int j = 0; j < content.length; j++) {
                    content[j] = (byte) ('a' + rnd.nextInt(6));
                }
            }
            t.file("usr/lib/file" + i, 0644, content);
        }
        return t.hardlink("usr/bin/rpm", "usr/lib/file7");
    }

    /** The blocks ParallelXzInputStream would decode in parallel (closed at once), or 0 when it would stream. */
    private static int parallelBlocks(Path file, long limit, int threads) {
        ParallelXzInputStream in = ParallelXzInputStream.open(file, limit, threads);
        if (in == null) {
            return 0;
        }
        in.close();
        return in.blockCount();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void aMultiBlockFileGivesTheSameInventoryAsTheSerialDecoder() throws IOException {
        Path file = write("root.tar.xz", TREE_XZ_BLOCKS);

        ParallelXzInputStream stream = ParallelXzInputStream.open(file, LIMIT, 4);
        ArchiveInventory viaThreads = parallel.inspect(file);
        ArchiveInventory viaOne = serial.inspect(file);

        assertThat(stream).isNotNull();
        stream.close();
        assertThat(stream.blockCount()).isGreaterThanOrEqualTo(20);
        assertThat(stream.workerCount()).isEqualTo(4);
        assertThat(viaThreads).isEqualTo(viaOne);
        assertThat(viaThreads.entryCount()).isEqualTo(TREE.entryCount());
        assertThat(viaThreads.osRelease().versionId()).isEqualTo("9.6");
        assertThat(viaThreads.hasDnf()).isTrue();
        assertThat(viaThreads.tree().files()).isNotEmpty();
    }

    @Test
    void theBlocksComeOutInOrderByteForByteWhateverTheReadSizes() throws IOException {
        byte[] tar = TREE_TAR;
        Path file = write("root.tar.xz", TREE_XZ_BLOCKS);

        byte[] bulk = readAll(ParallelXzInputStream.open(file, LIMIT, 3));
        var mixed = new ByteArrayOutputStream();
        try (InputStream in = ParallelXzInputStream.open(file, LIMIT, 2)) {
            Random rnd = new Random(1);
            byte[] buf = new byte[70_000];
            while (true) {
                int how = rnd.nextInt(3);
                if (how == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    mixed.write(b);
                } else {
                    int n = in.read(buf, 0, 1 + rnd.nextInt(buf.length));
                    if (n < 0) {
                        break;
                    }
                    mixed.write(buf, 0, n);
                }
            }
        }

        assertThat(bulk).isEqualTo(tar);
        assertThat(mixed.toByteArray()).isEqualTo(tar);
    }

    @Test
    void skipCrossesBlockBoundaries() throws IOException {
        byte[] tar = TREE_TAR;
        Path file = write("root.tar.xz", multiBlockXz(tar, 10_000, 1 << 16)); // not a multiple of 512

        try (InputStream in = ParallelXzInputStream.open(file, LIMIT, 2)) {
            assertThat(in.skip(23_456)).isEqualTo(23_456);
            assertThat(in.read()).isEqualTo(tar[23_456] & 0xFF);
            assertThat(in.skip(Long.MAX_VALUE)).isEqualTo(tar.length - 23_457);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aCorruptedBlockInTheMiddleFailsItsIntegrityCheckLikeTheSerialDecoder() throws IOException {
        byte[] noise = new byte[1_000_000];
        new Random(7).nextBytes(noise); // incompressible: stored as-is, so only the CRC can notice
        byte[] tar = FixtureTar.create().file("a.txt", 0644, "before\n").file("noise.bin", 0644, noise)
                .file("z.txt", 0644, "after\n").tar();
        byte[] xz = multiBlockXz(tar, 64 * 1024, 1 << 16);
        Path intact = write("intact.tar.xz", xz);
        int blocks;
        long flip;
        try (var index = new SeekableXZInputStream(new SeekableFileInputStream(intact.toFile()))) {
            blocks = index.getBlockCount();
            int middle = blocks / 2;
            flip = index.getBlockCompPos(middle) + index.getBlockCompSize(middle) / 3;
        }
        xz[(int) flip] ^= 0x01;
        Path file = write("damaged.txz", xz);
        String expected = file + " is damaged: the xz decoder reports \"Integrity check (CRC64) does not match\"."
                + " Delete it and download it again; if it happens again, the mirror's copy is bad.";

        assertThat(blocks).isGreaterThanOrEqualTo(10);
        assertThat(parallelBlocks(file, LIMIT, 4)).isEqualTo(blocks); // the index is intact: parallel path
        assertThatThrownBy(() -> parallel.inspect(file))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.CORRUPT))
                .hasMessage(expected);
        assertThatThrownBy(() -> serial.inspect(file)).hasMessage(expected);
        assertThat(parallel.inspect(intact).entryCount()).isEqualTo(3);
    }

    @Test
    void theReaderGetsEveryBlockBeforeTheDamagedOneThenTheError() throws IOException {
        byte[] noise = new byte[1_000_000];
        new Random(8).nextBytes(noise);
        byte[] xz = multiBlockXz(noise, 100_000, 1 << 16);
        Path intact = write("intact.xz", xz);
        long flip;
        long damagedStarts;
        try (var index = new SeekableXZInputStream(new SeekableFileInputStream(intact.toFile()))) {
            flip = index.getBlockCompPos(6) + index.getBlockCompSize(6) / 3;
            damagedStarts = index.getBlockPos(6);
        }
        xz[(int) flip] ^= 0x40;
        Path file = write("damaged.xz", xz);

        var got = new ByteArrayOutputStream();
        try (InputStream in = ParallelXzInputStream.open(file, LIMIT, 4)) {
            byte[] buf = new byte[8192];
            assertThatThrownBy(() -> {
                int n;
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                }
            }).isInstanceOf(IOException.class).hasRootCauseMessage("Integrity check (CRC64) does not match");
            // The failure sticks: reading again does not skip the damaged block.
            assertThatThrownBy(in::read).isInstanceOf(IOException.class);
        }
        assertThat(got.size()).isEqualTo(damagedStarts);
        assertThat(got.toByteArray()).isEqualTo(Arrays.copyOf(noise, (int) damagedStarts));
    }

    @Test
    void eachBlockDecoderKeepsToTheMemoryLimit() throws IOException {
        Path file = write("big-dict.tar.xz", multiBlockXz(TREE_TAR, 256 * 1024, 8 << 20));
        var strict = new ArchiveInspector(1 << 20, 20, 4);

        assertThat(parallelBlocks(file, 1 << 20, 4)).isGreaterThan(1);
        assertThatThrownBy(() -> strict.inspect(file))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.MEMORY_LIMIT))
                .hasMessageMatching("\\Q" + file + ": decompressing needs \\E8(\\.\\d)? MiB\\Q of memory (the xz header"
                        + " says so), more than the limit of 1 MiB.\\E.*");
        assertThat(parallel.inspect(file).entryCount()).isEqualTo(TREE.entryCount());
    }

    @Test
    void aTruncatedMultiBlockFileSaysItEndsEarly() throws IOException {
        byte[] whole = TREE_XZ_BLOCKS;
        Path file = write("cut.tar.xz", Arrays.copyOf(whole, whole.length / 2));

        assertThat(parallelBlocks(file, LIMIT, 4)).isZero(); // no index at the end: streamed
        assertThatThrownBy(() -> parallel.inspect(file))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.TRUNCATED))
                .hasMessageStartingWith(file + " ends early (truncated");
    }

    @Test
    void singleBlockFilesOtherFormatsAndOneThreadAreStreamed() throws IOException {
        Path single = write("single.tar.xz", multiBlockXz(TREE_TAR, Integer.MAX_VALUE, 1 << 16));
        Path multi = write("multi.tar.xz", TREE_XZ_BLOCKS);
        Path gz = write("root.tar.gz", TREE.gzip());

        assertThat(parallelBlocks(single, LIMIT, 4)).isZero();
        assertThat(parallelBlocks(gz, LIMIT, 4)).isZero();
        assertThat(parallelBlocks(multi, LIMIT, 1)).isZero();
        assertThat(parallelBlocks(dir.resolve("absent.txz"), LIMIT, 4)).isZero();
        assertThat(parallelBlocks(multi, LIMIT, 4)).isGreaterThan(1);
        assertThat(parallel.inspect(single)).usingRecursiveComparison().ignoringFields("archive")
                .isEqualTo(parallel.inspect(multi));
    }

    @Test
    void closingEarlyStopsTheWorkers() throws IOException, InterruptedException {
        Path file = write("root.tar.xz", TREE_XZ_BLOCKS);
        ParallelXzInputStream in = ParallelXzInputStream.open(file, LIMIT, 3);

        assertThat(in.read(new byte[100])).isEqualTo(100);
        in.close();

        assertThat(in.workersAlive()).isZero();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("stream closed");
    }

    @Test
    void anOciArchiveInSeveralBlocksFlattensToTheSameTree() throws IOException {
        byte[] ociXz = FixtureArchives.rockyOciArchive(RockyRelease.R9_7).bytes();
        byte[] ociTar = readAll(new XZInputStream(new ByteArrayInputStream(ociXz)));
        Path one = Files.write(Files.createDirectories(dir.resolve("one")).resolve("rocky.oci.tar.xz"), ociXz);
        Path many = Files.write(Files.createDirectories(dir.resolve("many")).resolve("rocky.oci.tar.xz"),
                multiBlockXz(ociTar, 4096, 1 << 16));

        assertThat(parallelBlocks(many, LIMIT, 4)).isGreaterThan(1);
        try (OciImage a = OciImage.open(one, serial, dir.resolve("spool"));
             OciImage b = OciImage.open(many, parallel, dir.resolve("spool"))) {
            assertThat(b.layers()).isEqualTo(a.layers());
            assertThat(b.inventory()).usingRecursiveComparison().ignoringFields("archive").isEqualTo(a.inventory());
            assertThat(b.inventory().hasDnf()).isTrue();
        }
    }
}
