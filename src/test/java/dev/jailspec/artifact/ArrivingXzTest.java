package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jailspec.report.tools.BrowserCheck;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blocks of an xz file still arriving, decoded by several threads as they come: the same
 * inventory as the finished file's, the hash of every byte, the same refusals; and the streaming
 * decoder for what cannot be split. The multi-block files are the xz CLI's own ({@code xz -T2}
 * writes the sizes into each block header), as real images are written; CI installs xz-utils.
 */
class ArrivingXzTest {
    private static final long LIMIT = ArchiveInspector.DEFAULT_XZ_MEMORY_LIMIT;
    private static final byte[] TAR = ParallelXzTest.tree().tar();

    @TempDir
    Path dir;

    private final ArchiveInspector serial = new ArchiveInspector(LIMIT, ArchiveInspector.DEFAULT_MAX_LISTED, 1);
    private final ArchiveInspector parallel = new ArchiveInspector(LIMIT, ArchiveInspector.DEFAULT_MAX_LISTED, 4);

    /** {@code xz ARGS} over {@code data}, or the test is skipped (fails under CI=true) without xz. */
    private static byte[] xzCli(byte[] data, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("xz", "-c"));
        argv.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            if (BrowserCheck.isCi(System.getenv("CI"))) {
                fail("CI=true: the xz command line is needed (xz-utils): " + e.getMessage());
            }
            assumeTrue(false, "no xz command line here (xz-utils): " + e.getMessage());
            throw new IllegalStateException(e);
        }
        try {
            Thread writer = new Thread(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.start();
            byte[] out = p.getInputStream().readAllBytes();
            writer.join();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("xz " + argv).isZero();
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] multiBlock() {
        byte[] xz = xzCli(TAR, "-T2", "--block-size=32KiB", "-6");
        assertThat(xz[12] & 0xff).as("a block header after the stream header").isPositive();
        assertThat(xz[13] & 0xC0).as("xz -T2 writes both sizes into the block header").isEqualTo(0xC0);
        return xz;
    }

    /** Writes {@code bytes} into a .part in small pieces, as a download does, from another thread. */
    private GrowingPart arriving(byte[] bytes, int piece) throws IOException {
        Path part = dir.resolve("image.tar.xz.part");
        Files.write(part, new byte[0]);
        GrowingPart growing = new GrowingPart(part);
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.APPEND)) {
                for (int off = 0; off < bytes.length; off += piece) {
                    int n = Math.min(piece, bytes.length - off);
                    out.write(bytes, off, n);
                    out.flush();
                    growing.grew(off + n);
                }
                growing.complete();
            } catch (IOException e) {
                growing.abandon(e.toString());
            }
        });
        writer.setDaemon(true);
        writer.start();
        return growing;
    }

    private static ArchiveInventory unnamed(ArchiveInventory i) {
        return new ArchiveInventory("", i.format(), i.entryCount(), i.totalSize(), i.counts(), i.osRelease(),
                i.hasDnf(), i.hasRpm(), i.notablePaths(), i.unsafeEntries(), i.unsafeCount(), i.tree());
    }

    @Test
    void blocksDecodedAsTheyArriveGiveTheFinishedFilesInventoryAndHash() throws IOException {
        byte[] xz = multiBlock();
        ArchiveInventory expected = serial.inspect(Files.write(dir.resolve("done.tar.xz"), xz));
        GrowingPart growing = arriving(xz, 7_001);

        ArchiveInventory inv;
        try (InputStream in = growing.reader()) {
            inv = parallel.inspect(in, "image.tar.xz", null);
            growing.drain(in);
        }

        assertThat(unnamed(inv)).isEqualTo(unnamed(expected));
        assertThat(growing.sha256()).contains(Hashing.sha256(xz));
    }

    @Test
    void thePublicInspectionOfArrivingBytesDecodesThemAsAFinishedFileIs() throws IOException {
        // What InstallBaseSystem reads base.txz with as it downloads; a single-block file's decoder runs ahead.
        for (byte[] xz : List.of(multiBlock(), xzCli(TAR, "-T1", "-6"))) {
            ArchiveInventory expected = serial.inspect(Files.write(dir.resolve("base.txz"), xz));
            GrowingPart growing = arriving(xz, 9_001);

            ArchiveInventory inv;
            try (InputStream in = growing.reader()) {
                inv = parallel.inspect(in, "base.txz");
                growing.drain(in);
            }

            assertThat(unnamed(inv)).isEqualTo(unnamed(expected));
            assertThat(growing.sha256()).contains(Hashing.sha256(xz));
        }
    }

    @Test
    void aMultiBlockFileIsSplitButASingleBlockOneIsStreamed() throws IOException {
        try (InputStream in = arriving(multiBlock(), 1 << 20).reader();
             InputStream decoded = ArrivingXzInputStream.open(in, (GrowingPart.Arriving) in, LIMIT, 2)) {
            assertThat(decoded).isInstanceOf(ArrivingXzInputStream.class);
            assertThat(decoded.readAllBytes()).isEqualTo(TAR);
        }
        byte[] single = xzCli(TAR, "-T1", "-6");
        try (InputStream in = arriving(single, 1 << 20).reader();
             InputStream decoded = ArrivingXzInputStream.open(in, (GrowingPart.Arriving) in, LIMIT, 2)) {
            assertThat(decoded).isNotInstanceOf(ArrivingXzInputStream.class)
                    .as("its one decoder runs ahead of the reader, its check on the reader's thread")
                    .isInstanceOf(CheckedAfterDecoding.class);
            assertThat(decoded.readAllBytes()).isEqualTo(TAR);
        }
        // XZ for Java's encoder leaves the sizes out of its block headers: streamed too, but its blocks'
        // checks cannot be told apart on the reader's thread, so at the end the finished file is read again.
        byte[] noSizes = ParallelXzTest.multiBlockXz(TAR, 32 * 1024, 1 << 16);
        try (InputStream in = arriving(noSizes, 1 << 20).reader();
             InputStream decoded = ArrivingXzInputStream.open(in, (GrowingPart.Arriving) in, LIMIT, 2)) {
            assertThat(decoded).isNotInstanceOf(ArrivingXzInputStream.class);
            assertThatThrownBy(decoded::readAllBytes).isInstanceOf(InFlightDeclined.class)
                    .hasMessageContaining("not one xz stream of one block");
        }
    }

    @Test
    void aDamagedBlockIsRefusedAsTheStreamingDecoderRefusesIt() throws IOException {
        byte[] xz = multiBlock();
        byte[] damaged = xz.clone();
        damaged[damaged.length / 2] ^= 0x55;
        assertThatThrownBy(() -> serial.inspect(new ByteArrayInputStream(damaged), "image.tar.xz"))
                .isInstanceOf(ArchiveException.class);

        try (InputStream in = arriving(damaged, 50_000).reader()) {
            assertThatThrownBy(() -> parallel.inspect(in, "image.tar.xz", null))
                    .isInstanceOf(ArchiveException.class).hasMessageContaining("image.tar.xz");
        }
    }

    @Test
    void aFileCutBeforeItsIndexIsRefused() throws IOException {
        byte[] xz = multiBlock();
        byte[] cut = Arrays.copyOf(xz, xz.length - 40);

        try (InputStream in = arriving(cut, 50_000).reader()) {
            assertThatThrownBy(() -> parallel.inspect(in, "image.tar.xz", null))
                    .isInstanceOf(ArchiveException.class);
        }
    }

    @Test
    void anIndexThatDoesNotMatchTheBlocksIsRefused() throws IOException {
        byte[] xz = multiBlock();
        // The last record's uncompressed size is the index's last varint before padding and CRC32:
        // change the record count instead, the byte right after the index indicator.
        int footer = xz.length - 12;
        long backward = (xz[footer + 4] & 0xffL) | (xz[footer + 5] & 0xffL) << 8;
        int index = footer - (int) ((backward + 1) * 4);
        assertThat(xz[index]).as("the index indicator").isZero();
        byte[] lying = xz.clone();
        lying[index + 1]++;

        try (InputStream in = arriving(lying, 50_000).reader()) {
            assertThatThrownBy(() -> parallel.inspect(in, "image.tar.xz", null))
                    .isInstanceOf(ArchiveException.class).hasStackTraceContaining("the xz index lists");
        }
    }

    @Test
    void anAbandonedDownloadEndsTheDecodersWithoutAVerdict() throws IOException {
        byte[] xz = multiBlock();
        Path part = Files.write(dir.resolve("half.tar.xz.part"), Arrays.copyOf(xz, xz.length / 2));
        GrowingPart growing = new GrowingPart(part);
        Thread stop = new Thread(() -> growing.abandon("the download failed"));

        try (InputStream in = growing.reader()) {
            stop.start();
            assertThatThrownBy(() -> parallel.inspect(in, "image.tar.xz", null))
                    .hasStackTraceContaining("the download failed");
        }
        assertThat(growing.sha256()).isEmpty();
    }

    /** Where a one-stream file's check field is: the check-size bytes before the index, which ends at the footer. */
    private static int checkFieldOf(byte[] xz, int checkSize) {
        int footer = xz.length - 12;
        long backward = (xz[footer + 4] & 0xffL) | (xz[footer + 5] & 0xffL) << 8;
        return footer - (int) ((backward + 1) * 4) - checkSize;
    }

    @Test
    void aSingleBlockFileWhoseCheckFieldDisagreesIsRefusedInFlightAsXzRefusesIt() throws IOException {
        byte[] single = xzCli(TAR, "-T1", "-6");
        assertThat(single[7] & 0x0f).as("xz's default check, CRC64").isEqualTo(4);
        byte[] lying = single.clone();
        lying[checkFieldOf(single, 8)] ^= 0x01;
        assertThatThrownBy(() -> serial.inspect(new ByteArrayInputStream(lying), "image.tar.xz"))
                .as("XZ for Java's own check").hasMessageContaining("Integrity check (CRC64) does not match");

        try (InputStream in = arriving(lying, 9_001).reader()) {
            assertThatThrownBy(() -> parallel.inspect(in, "image.tar.xz", null))
                    .isInstanceOf(ArchiveException.class).hasMessageContaining("image.tar.xz")
                    .hasMessageContaining("Integrity check (CRC64) does not match");
        }
    }

    @Test
    void aSingleBlockFileOfEveryCheckTypeIsCheckedOnTheReadersThread() throws IOException {
        for (String check : List.of("none", "crc32", "crc64", "sha256")) {
            byte[] single = xzCli(TAR, "-T1", "-6", "--check=" + check);
            try (InputStream in = arriving(single, 9_001).reader();
                 InputStream decoded = ArrivingXzInputStream.open(in, (GrowingPart.Arriving) in, LIMIT, 2)) {
                assertThat(decoded.readAllBytes()).as("--check=" + check).isEqualTo(TAR);
            }
        }
    }

    @Test
    void twoStreamsInOneFileAreLeftToTheFinishedFilesRead() throws IOException {
        byte[] half = Arrays.copyOf(TAR, TAR.length / 2);
        byte[] rest = Arrays.copyOfRange(TAR, TAR.length / 2, TAR.length);
        byte[] a = xzCli(half, "-T1", "-6");
        byte[] b = xzCli(rest, "-T1", "-6");
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);

        try (InputStream in = arriving(both, 9_001).reader();
             InputStream decoded = ArrivingXzInputStream.open(in, (GrowingPart.Arriving) in, LIMIT, 2)) {
            assertThatThrownBy(decoded::readAllBytes).isInstanceOf(InFlightDeclined.class)
                    .hasMessageContaining("not one xz stream of one block");
        }
        assertThat(serial.inspect(Files.write(dir.resolve("two.tar.xz"), both)).entryCount())
                .as("the finished file, read with the decoder's own checks").isPositive();
    }
}
