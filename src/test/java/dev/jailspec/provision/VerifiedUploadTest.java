package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.artifact.Hashing;
import dev.jailspec.host.ForwardingHost;
import dev.jailspec.host.Host;
import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedUploadTest {
    private final dev.jailspec.event.EventBus bus = new dev.jailspec.event.EventBus();
    @TempDir
    Path simRoot;
    @TempDir
    Path local;

    /** A transport that damages what it copies: the last byte is lost, as on a full disk. */
    private static final class TruncatingHost extends ForwardingHost {
        TruncatingHost(Host inner) {
            super(inner);
        }

        @Override
        public void writeFile(String absolutePath, byte[] content, int mode) {
            inner().writeFile(absolutePath, java.util.Arrays.copyOf(content, content.length - 1), mode);
        }

        // Host's default upload reads the file and writes it: through writeFile, so it is damaged too.
        @Override
        public void upload(Path localFile, String absolutePath, int mode) {
            try {
                writeFile(absolutePath, java.nio.file.Files.readAllBytes(localFile), mode);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void aGoodCopyIsCheckedWithTheHostsOwnSha256() throws Exception {
        Host host = SimHost.create(simRoot, SimHostSpec.defaults());
        Path file = Files.writeString(local.resolve("base.txz"), "base system", StandardCharsets.UTF_8);

        VerifiedUpload.upload(host, file, "/tmp/base.txz", Hashing.sha256(file), "the release MANIFEST", bus);

        assertThat(host.readText("/tmp/base.txz")).isEqualTo("base system");
    }

    @Test
    void aDamagedCopyStopsTheRunWithBothHashes() throws Exception {
        Host host = new TruncatingHost(SimHost.create(simRoot, SimHostSpec.defaults()));
        Path file = Files.writeString(local.resolve("base.txz"), "base system", StandardCharsets.UTF_8);
        String expected = Hashing.sha256(file);
        String damaged = Hashing.sha256("base syste".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> VerifiedUpload.upload(host, file, "/tmp/base.txz", expected, "the release MANIFEST", bus))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("/tmp/base.txz on the host has sha256 " + damaged + ", but the release MANIFEST says "
                        + expected + "; the copy to the host is damaged (disk full?); remove it and run again");
    }

    @Test
    void aCopyAlreadyOnTheHostWithTheSameSha256IsNotCopiedAgainAndADifferentOneIs() throws Exception {
        Host host = SimHost.create(simRoot, SimHostSpec.defaults());
        Path file = Files.writeString(local.resolve("base.txz"), "base system", StandardCharsets.UTF_8);
        var notes = new java.util.ArrayList<String>();
        bus.subscribe(dev.jailspec.event.Note.class, n -> notes.add(n.text()));
        var uploads = new java.util.concurrent.atomic.AtomicInteger();
        Host counting = new dev.jailspec.host.ForwardingHost(host) {
            @Override
            public void upload(Path localFile, String absolutePath, int mode) {
                uploads.incrementAndGet();
                super.upload(localFile, absolutePath, mode);
            }
        };

        VerifiedUpload.upload(counting, file, "/tmp/base.txz", Hashing.sha256(file), "the release MANIFEST", bus);
        VerifiedUpload.upload(counting, file, "/tmp/base.txz", Hashing.sha256(file), "the release MANIFEST", bus);
        assertThat(uploads).hasValue(1);
        assertThat(notes).containsExactly("/tmp/base.txz is on the host already, with the same sha256: not copied again");

        host.writeFile("/tmp/base.txz", "someone else's".getBytes(StandardCharsets.UTF_8), 0644);
        VerifiedUpload.upload(counting, file, "/tmp/base.txz", Hashing.sha256(file), "the release MANIFEST", bus);
        assertThat(uploads).as("a different file there is replaced").hasValue(2);
        assertThat(host.readText("/tmp/base.txz")).isEqualTo("base system");
    }
}
