package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

/**
 * A single-block xz file's one decoder running ahead of the tar reader: the reader sees what the
 * decoder itself gives, byte for byte, then its end or its very exception; the inventory is the
 * serial one; closing stops the decoding thread.
 */
class ReadAheadTest {
    private static final long LIMIT = ArchiveInspector.DEFAULT_XZ_MEMORY_LIMIT;

    @TempDir
    Path dir;

    private final ArchiveInspector serial = new ArchiveInspector(LIMIT, ArchiveInspector.DEFAULT_MAX_LISTED, 1);
    private final ArchiveInspector parallel = new ArchiveInspector(LIMIT, ArchiveInspector.DEFAULT_MAX_LISTED, 4);

    /** Several chunks' worth of text and noise, so chunk boundaries fall inside the data. */
    private static byte[] data() {
        Random rnd = new Random(11);
        byte[] b = new byte[ReadAheadInputStream.CHUNK * 3 + 12_345];
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 5_000 < 1_000 ? (byte) rnd.nextInt() : (byte) ('a' + rnd.nextInt(4));
        }
        return b;
    }

    private static byte[] oneBlock(byte[] data) {
        return ParallelXzTest.multiBlockXz(data, Integer.MAX_VALUE, 1 << 16);
    }

    /** What {@code in} gives, {@code step} bytes at a time, up to the end or the first failure. */
    private static Outcome readAll(InputStream in, int step) {
        var got = new ByteArrayOutputStream();
        byte[] buf = new byte[step];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
            return new Outcome(got.toByteArray(), null);
        } catch (IOException e) {
            return new Outcome(got.toByteArray(), e);
        }
    }

    private record Outcome(byte[] bytes, IOException failure) {
    }

    @Test
    void theReaderGetsTheDecodersBytesWhateverTheReadSizes() throws IOException {
        byte[] data = data();
        byte[] xz = oneBlock(data);
        for (int step : new int[] {1, 8_192, ReadAheadInputStream.CHUNK + 7, 4 * ReadAheadInputStream.CHUNK}) {
            try (InputStream in = new ReadAheadInputStream(new XZInputStream(new ByteArrayInputStream(xz)))) {
                Outcome got = step == 1 ? readOneByOne(in) : readAll(in, step);
                assertThat(got.failure()).isNull();
                assertThat(got.bytes()).as("read %d at a time", step).isEqualTo(data);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    private static Outcome readOneByOne(InputStream in) throws IOException {
        var got = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            got.write(in.read());
        }
        got.write(in.readAllBytes());
        return new Outcome(got.toByteArray(), null);
    }

    @Test
    void aDamagedBlockGivesTheSameBytesThenTheSameErrorAsTheDecoderReadInPieces() throws IOException {
        byte[] xz = oneBlock(data());
        xz[xz.length / 2] ^= 0x10;

        Outcome alone = readAll(new XZInputStream(new ByteArrayInputStream(xz)), ReadAheadInputStream.PIECE);
        Outcome ahead;
        try (InputStream in = new ReadAheadInputStream(new XZInputStream(new ByteArrayInputStream(xz)))) {
            ahead = readAll(in, 8_192);
            assertThatThrownBy(in::read).as("the failure sticks").isSameAs(ahead.failure());
        }

        assertThat(alone.failure()).isNotNull();
        assertThat(ahead.failure()).isInstanceOf(alone.failure().getClass()).hasMessage(alone.failure().getMessage());
        assertThat(ahead.bytes()).isEqualTo(alone.bytes());
    }

    @Test
    void aSingleBlockFileIsDecodedAheadWithTheSerialInventoryAndRefusals() throws IOException {
        byte[] tar = ParallelXzTest.tree().tar();
        Path single = Files.write(dir.resolve("single.tar.xz"), oneBlock(tar));
        try (InputStream one = ArchiveStreams.decompressFile(single, "single.tar.xz", ArchiveStreams.Compression.XZ, LIMIT, 1);
             InputStream two = ArchiveStreams.decompressFile(single, "single.tar.xz", ArchiveStreams.Compression.XZ, LIMIT, 2)) {
            assertThat(one).isNotInstanceOf(ReadAheadInputStream.class);
            assertThat(two).isInstanceOf(ReadAheadInputStream.class);
            assertThat(two.readAllBytes()).isEqualTo(tar);
        }
        assertThat(parallel.inspect(single)).isEqualTo(serial.inspect(single));

        byte[] cut = Arrays.copyOf(oneBlock(tar), oneBlock(tar).length - 100);
        Path truncated = Files.write(dir.resolve("cut.tar.xz"), cut);
        assertThatThrownBy(() -> parallel.inspect(truncated))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.TRUNCATED))
                .hasMessage(catchMessage(() -> serial.inspect(truncated)));
    }

    @Test
    void aDamagedSingleBlockFileIsRefusedInTheSerialDecodersWords() throws IOException {
        byte[] noise = new byte[3_000_000];
        new Random(7).nextBytes(noise); // incompressible: stored as-is, so only the CRC can notice
        byte[] stored = oneBlock(tarOf("noise.bin", noise));
        stored[stored.length / 2] ^= 0x01;
        byte[] text = data();
        byte[] packed = oneBlock(tarOf("text.txt", text));
        packed[packed.length / 3] ^= 0x10; // in the LZMA data: the decoder itself may notice

        for (byte[] xz : new byte[][] {stored, packed}) {
            Path file = Files.write(dir.resolve("damaged.tar.xz"), xz);
            String expected = catchMessage(() -> serial.inspect(file));
            assertThatThrownBy(() -> parallel.inspect(file)).isInstanceOf(ArchiveException.class).hasMessage(expected);
        }
        assertThat(catchMessage(() -> serial.inspect(dir.resolve("damaged.tar.xz")))).contains("damaged");
    }

    private static byte[] tarOf(String name, byte[] content) {
        return FixtureTar.create().file(name, 0644, content).tar();
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void closingEarlyStopsTheDecoderAndClosesTheSource() throws IOException, InterruptedException {
        var closed = new AtomicBoolean();
        InputStream source = new XZInputStream(new ByteArrayInputStream(oneBlock(data()))) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        var in = new ReadAheadInputStream(source);

        assertThat(in.read(new byte[100])).isEqualTo(100);
        in.close();

        assertThat(in.decoderStopped()).isTrue();
        assertThat(closed).isTrue();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("stream closed");
    }
}
