package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.sim.fixtures.Artifact;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArchiveInspectorTest {
    private final ArchiveInspector inspector = new ArchiveInspector();

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void freebsdBaseInventoryMatchesItsManifestCount() throws IOException {
        var dist = FixtureArchives.freebsd("14.3-RELEASE");

        ArchiveInventory inv = inspector.inspect(write("base.txz", dist.base().bytes()));

        assertThat(inv.entryCount()).isEqualTo(dist.baseEntryCount())
                .isEqualTo(FreebsdManifest.parse(dist.manifest(), "MANIFEST").require("base.txz").entryCount());
        assertThat(inv.format()).isEqualTo(ArchiveFormat.PLAIN_ROOTFS);
        assertThat(inv.count(EntryType.DIRECTORY)).isEqualTo(13);
        assertThat(inv.count(EntryType.FILE)).isEqualTo(15);
        assertThat(inv.count(EntryType.SYMLINK)).isEqualTo(2);
        assertThat(inv.count(EntryType.HARDLINK)).isEqualTo(1);
        assertThat(inv.osRelease()).isEqualTo(OsRelease.NONE); // made at boot: ../var/run/os-release
        assertThat(inv.has("bin/freebsd-version")).isTrue();
        assertThat(inv.hasDnf()).isFalse();
        assertThat(inv.isSafe()).isTrue();
    }

    @Test
    void plainRockyRootfsInventoryReadsOsReleaseThroughItsSymlinkAndFindsDnf() throws IOException {
        Artifact image = FixtureArchives.rockyBaseRootfs(RockyRelease.R9_6);

        ArchiveInventory inv = inspector.inspect(write(image.name(), image.bytes()));

        assertThat(image.name()).isEqualTo("Rocky-9-Container-Base-9.6-20250531.0.x86_64.tar.xz");
        assertThat(inv.format()).isEqualTo(ArchiveFormat.PLAIN_ROOTFS);
        assertThat(inv.osRelease().id()).isEqualTo("rocky");
        assertThat(inv.osRelease().versionId()).isEqualTo("9.6");
        assertThat(inv.osRelease().name()).isEqualTo("Rocky Linux");
        assertThat(inv.osRelease().prettyName()).isEqualTo("Rocky Linux 9.6 (Blue Onyx)");
        assertThat(inv.hasDnf()).isTrue();
        assertThat(inv.hasRpm()).isTrue();
        assertThat(inv.entryCount()).isEqualTo(43);
        assertThat(inv.counts()).containsEntry(EntryType.DIRECTORY, 17L).containsEntry(EntryType.FILE, 17L)
                .containsEntry(EntryType.SYMLINK, 9L).containsEntry(EntryType.HARDLINK, 0L)
                .containsEntry(EntryType.DEVICE, 0L).containsEntry(EntryType.FIFO, 0L);
        assertThat(inv.totalSize()).isPositive();
        assertThat(inv.notablePaths()).contains("usr/bin/bash", "usr/bin/dnf", "usr/bin/rpm", "etc/system-release");
        assertThat(inv.isSafe()).isTrue();
    }

    @Test
    void anOciArchiveIsRecognisedByItsMembersNotItsName() throws IOException {
        var images = FixtureArchives.rockyImages(RockyRelease.R9_7);

        ArchiveInventory inv = inspector.inspect(write(images.latestAlias(), images.base().bytes()));
        ArchiveInventory notOci = inspector.inspect(write("x.oci.tar", FixtureTar.create()
                .dir("etc", 0755).file("etc/index.json", 0644, "{}").file("oci-layout.txt", 0644, "").tar()));

        assertThat(inv.format()).isEqualTo(ArchiveFormat.OCI_ARCHIVE);
        assertThat(inv.osRelease().isPresent()).isFalse();
        assertThat(notOci.format()).isEqualTo(ArchiveFormat.PLAIN_ROOTFS);
    }

    @Test
    void gzipAndPlainTarAreReadAndLeadingDotSlashIsStripped() throws IOException {
        FixtureTar t = FixtureTar.create().dir("./", 0755).dir("././etc", 0755)
                .file("./etc/os-release", 0644, "ID=rocky\nVERSION_ID=\"9.6\"\n").file("usr/bin/rpm", 0755, "x");

        ArchiveInventory gz = inspector.inspect(write("root.tar.gz", t.gzip()));
        ArchiveInventory plain = inspector.inspect(write("root.tar", t.tar()));

        for (ArchiveInventory inv : new ArchiveInventory[] {gz, plain}) {
            assertThat(inv.entryCount()).isEqualTo(4);
            assertThat(inv.osRelease().versionId()).isEqualTo("9.6");
            assertThat(inv.hasRpm()).isTrue();
        }
    }

    static Stream<Arguments> unsafeTrees() {
        return Stream.of(
                Arguments.of("absolute path", (UnaryOperator<FixtureTar>) t -> t.file("/etc/passwd", 0644, "x"),
                        "/etc/passwd (absolute path)"),
                Arguments.of("dot-dot", (UnaryOperator<FixtureTar>) t -> t.file("usr/../../etc/passwd", 0644, "x"),
                        "usr/../../etc/passwd ('..' in the path)"),
                Arguments.of("escaping symlink",
                        (UnaryOperator<FixtureTar>) t -> t.symlink("etc/shadow-link", "../../../etc/shadow"),
                        "etc/shadow-link -> ../../../etc/shadow (symlink pointing outside the root)"),
                Arguments.of("escaping hard link",
                        (UnaryOperator<FixtureTar>) t -> t.hardlink("etc/h", "../etc/master.passwd"),
                        "etc/h => ../etc/master.passwd (hard link to a path outside the root)"),
                Arguments.of("absolute hard link", (UnaryOperator<FixtureTar>) t -> t.hardlink("etc/h", "/etc/shadow"),
                        "etc/h => /etc/shadow (hard link to a path outside the root)"),
                Arguments.of("written through a symlink", (UnaryOperator<FixtureTar>) t -> t
                                .symlink("etc/cron", "/etc").file("etc/cron/crontab", 0644, "* * * * * root evil"),
                        "etc/cron/crontab (etc/cron is a symlink to /etc) (written through a symlink)"),
                Arguments.of("hard link through a symlink", (UnaryOperator<FixtureTar>) t -> t
                                .symlink("etc/hostetc", "/etc").hardlink("etc/pw", "etc/hostetc/master.passwd"),
                        "etc/pw => etc/hostetc/master.passwd (etc/hostetc is a symlink to /etc) (written through a symlink)"),
                Arguments.of("hard link to a symlink", (UnaryOperator<FixtureTar>) t -> t
                                .symlink("etc/l", "/etc/master.passwd").hardlink("etc/pw", "etc/l"),
                        "etc/pw => etc/l (a hard link to the symlink etc/l -> /etc/master.passwd) (written through a symlink)"),
                Arguments.of("device node", (UnaryOperator<FixtureTar>) t -> t.charDevice("dev/mem", 1, 1),
                        "dev/mem (1,1) (device node)"),
                Arguments.of("block device", (UnaryOperator<FixtureTar>) t -> t.blockDevice("dev/ada0", 0, 90),
                        "dev/ada0 (0,90) (device node)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeTrees")
    void eachUnsafeEntryKindIsListedAndRefused(String kind, UnaryOperator<FixtureTar> evil, String described)
            throws IOException {
        FixtureTar t = FixtureTar.create().dir("./", 0755).dir("etc", 0755).dir("dev", 0755)
                .file("etc/os-release", 0644, "ID=rocky\nVERSION_ID=9.6\n").file("usr/bin/dnf", 0755, "x");
        Path file = write("evil.tar.xz", evil.apply(t).xz());

        ArchiveInventory inv = inspector.inspect(file);

        assertThat(inv.isSafe()).isFalse();
        assertThat(inv.unsafeEntries()).extracting(UnsafeEntry::describe).containsExactly(described);
        assertThatThrownBy(() -> RootfsValidator.linuxUserland("rocky", "9", new dev.jailspec.linux.rocky.RockyLinux().requiredPrograms(),
                new dev.jailspec.linux.rocky.RockyLinux()::withoutProgramsAdvice).require(file.toString(), inv))
                .isInstanceOfSatisfying(RootfsRejectedException.class, e -> assertThat(e.violations())
                        .extracting(RootfsValidator.Violation::rule).containsExactly(RootfsValidator.Rule.UNSAFE_ENTRIES))
                .hasMessage(file + " has 1 unsafe member(s); extracting it could write outside the jail root or create"
                        + " device nodes. First offenders:\n  " + described);
    }

    @Test
    void fifosAndAbsoluteSymlinksAreFine() throws IOException {
        FixtureTar t = FixtureTar.create().dir("etc", 0755).symlink("etc/localtime", "/usr/share/zoneinfo/UTC")
                .symlink("etc/up", "../../..").dir("run", 0755).fifo("run/initctl");

        ArchiveInventory inv = inspector.inspect(write("ok.tar", t.tar()));

        assertThat(inv.unsafeEntries()).extracting(UnsafeEntry::path).containsExactly("etc/up");
        assertThat(inv.count(EntryType.FIFO)).isEqualTo(1);
    }

    @Test
    void onlyTheFirstOffendersAreListedButAllAreCounted() throws IOException {
        FixtureTar t = FixtureTar.create();
        for (int i = 0; i < 7; i++) {
            t.file("/abs" + i, 0644, "x");
        }
        var small = new ArchiveInspector(ArchiveInspector.DEFAULT_XZ_MEMORY_LIMIT, 3);

        ArchiveInventory inv = small.inspect(write("many.tar", t.tar()));

        assertThat(inv.unsafeCount()).isEqualTo(7);
        assertThat(inv.unsafeEntries()).extracting(UnsafeEntry::path).containsExactly("/abs0", "/abs1", "/abs2");
        assertThat(RootfsValidator.safetyOnly().check("many.tar", inv)).singleElement()
                .extracting(RootfsValidator.Violation::message).asString()
                .endsWith("First offenders:\n  /abs0 (absolute path)\n  /abs1 (absolute path)\n  /abs2 (absolute path)"
                        + "\n  ... and 4 more");
    }

    @Test
    void aTruncatedXzFileSaysItEndsEarly() throws IOException {
        byte[] whole = FixtureArchives.rockyBaseRootfs(RockyRelease.R9_6).bytes();
        Path file = write("cut.tar.xz", Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> inspector.inspect(file))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.TRUNCATED))
                .hasMessageStartingWith(file + " ends early (truncated")
                .hasMessageEndingWith("): an interrupted download? Delete it and download it again.");
    }

    @Test
    void aDamagedXzFileFailsItsIntegrityCheck() throws IOException {
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise); // incompressible: stored as-is, so only the CRC can notice
        byte[] xz = FixtureTar.create().file("noise.bin", 0644, noise).xz();
        xz[xz.length / 2] ^= 0x01;
        Path file = write("damaged.txz", xz);

        assertThatThrownBy(() -> inspector.inspect(file))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.CORRUPT))
                .hasMessage(file + " is damaged: the xz decoder reports \"Integrity check (CRC64) does not match\"."
                        + " Delete it and download it again; if it happens again, the mirror's copy is bad.");
    }

    @Test
    void aFileThatIsNotXzNamesItselfAndTheBytesSeen() throws IOException {
        Path file = write("base.txz", "<!DOCTYPE html><title>404</title>".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> inspector.inspect(file))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.WRONG_FORMAT))
                .hasMessage(file + " is not xz-compressed (expected the magic bytes fd 37 7a 58 5a 00): it starts with"
                        + " 3c 21 44 4f 43 54 59 50 (\"<!DOCTYP\"). It looks like a web page or an error message saved"
                        + " under the archive's name: check the URL and the mirror.");
    }

    @Test
    void aGzipFileNamedTxzIsNotXzEither() throws IOException {
        Path file = write("base.txz", FixtureTar.create().file("a", 0644, "a").gzip());

        assertThatThrownBy(() -> inspector.inspect(file))
                .hasMessageStartingWith(file + " is not xz-compressed (expected the magic bytes fd 37 7a 58 5a 00):"
                        + " it starts with 1f 8b 08 00 00 00 00 00 (\"........\").");
    }

    @Test
    void anEmptyFileIsTruncated() throws IOException {
        Path file = write("base.txz", new byte[0]);

        assertThatThrownBy(() -> inspector.inspect(file))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.TRUNCATED))
                .hasMessage(file + " is empty (0 bytes): an interrupted download? Delete it and download it again.");
    }

    @Test
    void anXzHeaderAskingForMoreMemoryThanTheLimitIsRefused() throws IOException {
        byte[] xz = FixtureTar.xz(FixtureTar.create().file("a", 0644, "a").tar(), 8 << 20);
        var strict = new ArchiveInspector(1 << 20, 20);
        Path file = write("big-dict.tar.xz", xz);

        assertThatThrownBy(() -> strict.inspect(file))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.problem()).isEqualTo(ArchiveException.Problem.MEMORY_LIMIT))
                .hasMessageMatching("\\Q" + file + ": decompressing needs \\E8(\\.\\d)? MiB\\Q of memory (the xz header"
                        + " says so), more than the limit of 1 MiB. Raise the xz memory limit only for a file you trust:"
                        + " a hostile header can ask for gigabytes.\\E");
        assertThat(inspector.inspect(file).entryCount()).isEqualTo(1); // the default limit allows it
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nope.txz");

        assertThatThrownBy(() -> inspector.inspect(file))
                .isInstanceOf(ArchiveException.class)
                .hasMessage("archive " + file + " does not exist");
    }

    @Test
    void streamsCanBeInspectedWithoutAFile() {
        byte[] bytes = FixtureArchives.rockyMinimalRootfs(RockyRelease.R9_6).bytes();

        ArchiveInventory inv = inspector.inspect(new ByteArrayInputStream(bytes), "minimal.tar.xz");

        assertThat(inv.hasDnf()).isFalse();
        assertThat(inv.has("usr/bin/microdnf")).isTrue();
    }
}
