package dev.jailspec.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jailspec.artifact.ArchiveInspector;
import dev.jailspec.artifact.OciImage;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 point 1: the archives of our tests through the simulator's tar and through real
 * bsdtar (Debian's libarchive-tools, libarchive's own bsdtar, the program FreeBSD ships as
 * /usr/bin/tar), with the options the harness uses (provision/InstallBaseSystem:
 * {@code tar -xf A -C D --unlink}; provision/InstallLinuxUserland: {@code tar -xpf A -C D --numeric-owner}), as
 * root. Exit status, stderr (the program name normalised, and the scratch directory's prefix
 * taken off the paths) and the resulting tree ({@link TreeSnapshot}) must be equal, except for
 * the differences listed in {@link #EXPECTED}, each with its source.
 *
 * <p>Owner names: as root, bsdtar maps a member's uname/gname through the extracting system's
 * passwd and group databases and keeps the numeric id only for an empty or unknown name
 * (tar/read.c tar_mode_x() installs archive_write_disk_set_standard_lookup() unless
 * --numeric-owner; lookup_uid()/lookup_gid() of archive_write_disk_set_standard_lookup.c), and the
 * simulator does the same through its host's /etc/passwd and /etc/group (sim.TarOwners). The
 * databases differ (Debian's here, FreeBSD's in the sim), so the mapped cases use {@code daemon},
 * uid and gid 1 on both (Debian's base-passwd, FreeBSD's etc/master.passwd and etc/group), with
 * the EL ids 2 in the archive: both must give 1 without --numeric-owner and 2 with it.
 *
 * <p>Not compared yet, and so not claimed:
 * <ul>
 * <li>The header-cut message: the simulator prints 3.6.2's "Truncated tar archive" (and Debian's
 * bsdtar agrees), while 3.7.9 says "Truncated tar archive detected while reading next header"
 * (tar_read_header()). [UNVERIFIED: which libarchive releng/14.3 ships; if 3.7.7 or later, the
 * simulator's header message is the wrong version while its data message is right.]</li>
 * </ul>
 */
class TarDifferentialTest {
    /** The harness's two command lines; A and D are the archive and the target directory. */
    enum Options {
        BASE_TXZ, ROCKY_ROOTFS;

        List<String> argv(String archive, String dir) {
            return this == BASE_TXZ ? List.of("-xf", archive, "-C", dir, "--unlink")
                    : List.of("-xpf", archive, "-C", dir, "--numeric-owner");
        }
    }

    /** What is in the target directory before tar runs, made the same way in both (real paths). */
    interface Before {
        void make(Path target) throws IOException;
    }

    /** One archive of our tests, the command line it is extracted with, and what is there before. */
    record Case(String name, byte[] archive, Options options, Before before) {
        Case(String name, byte[] archive, Options options) {
            this(name, archive, options, target -> { });
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A difference between Debian's bsdtar on Linux and FreeBSD's tar that is not the simulator's
     * fault: the real output's {@code linux} text is replaced by the {@code freebsd} text before
     * comparing. Each has its source; none hides a behaviour of libarchive itself.
     */
    record Expected(String linux, String freebsd, String source) {
    }

    static final List<Expected> EXPECTED = List.of(
            // libarchive formats an unknown errno with strerror(); ARCHIVE_ERRNO_MISC is -1
            // (libarchive/archive.h@v3.6.2). FreeBSD's libc says "Unknown error: -1"
            // (lib/libc/string/strerror.c@releng/14.3, errstr(): "Unknown error: "), glibc says
            // "Unknown error -1" (glibc string/_strerror.c: "Unknown error "). A libc difference.
            new Expected("Unknown error -1", "Unknown error: -1",
                    "libc strerror(): FreeBSD lib/libc/string/strerror.c@releng/14.3 vs glibc string/_strerror.c"),
            // strerror(0) after "Cannot extract through symlink": FreeBSD's sys_errlist[0] is
            // "No error: 0" (lib/libc/gen/errlst.c), glibc's "Success" (as Debian's bsdtar prints it here).
            new Expected(": Success\n", ": No error: 0\n",
                    "libc strerror(0): FreeBSD lib/libc/gen/errlst.c vs glibc; [UNVERIFIED: errlst.c read at a 2012 revision]"),
            // A member's data cut short: libarchive 3.6.2 says "Truncated tar archive"
            // (archive_read_format_tar_read_data(), libarchive/archive_read_support_format_tar.c@v3.6.2);
            // from 3.7.7 on it says "Truncated tar archive detected while reading data" (same function
            // @v3.7.7 and @v3.7.9), which the simulator prints. [UNVERIFIED: which libarchive
            // contrib/libarchive holds at releng/14.3; the simulator assumes 3.7.7 or later.]
            new Expected("./big: Truncated tar archive: ", "./big: Truncated tar archive detected while reading data: ",
                    "libarchive/archive_read_support_format_tar.c@v3.6.2 vs @v3.7.9, archive_read_format_tar_read_data()"));

    /** The cases whose owner names must mean uid and gid 1 on this machine, as on FreeBSD. */
    static final String DAEMON_OWNED = "owned by daemon (EL's ids 2:2)";

    static boolean bsdtarRuns;
    static boolean root;
    static boolean daemonIsOneHere;

    @TempDir
    Path simDir;
    @TempDir
    Path realDir;

    @BeforeAll
    static void probe() throws IOException, InterruptedException {
        root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        daemonIsOneHere = idOf(Path.of("/etc/passwd"), "daemon") == 1 && idOf(Path.of("/etc/group"), "daemon") == 1;
        try {
            Process p = new ProcessBuilder("bsdtar", "--version").redirectErrorStream(true).start();
            bsdtarRuns = p.waitFor() == 0;
        } catch (IOException e) {
            bsdtarRuns = false;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        out.add(new Case("base.txz 14.3-RELEASE", FixtureArchives.freebsd("14.3-RELEASE").base().bytes(), Options.BASE_TXZ));
        // The template is extracted again over what is there (InstallBaseSystem's --unlink): a file with
        // a second hard link, and a symlink where the archive has a directory.
        out.add(new Case("base.txz over an existing tree", FixtureArchives.freebsd("14.3-RELEASE").base().bytes(),
                Options.BASE_TXZ, target -> {
                    Files.createDirectories(target.resolve("etc"));
                    Files.writeString(target.resolve("etc/rc"), "old rc\n");
                    Files.createLink(target.resolve("rc.keep"), target.resolve("etc/rc"));
                    Files.createDirectories(target.resolve("elsewhere"));
                    Files.createSymbolicLink(target.resolve("bin"), Path.of("elsewhere"));
                }));
        out.add(new Case("Rocky 9.6 Base rootfs", FixtureArchives.rockyBaseRootfs(RockyRelease.R9_6).bytes(), Options.ROCKY_ROOTFS));
        out.add(new Case("Rocky 9.6 Minimal rootfs", FixtureArchives.rockyMinimalRootfs(RockyRelease.R9_6).bytes(),
                Options.ROCKY_ROOTFS));
        out.add(new Case("Rocky 9.7 OCI flattened", flattenedOci(), Options.ROCKY_ROOTFS));
        out.add(new Case("leading slashes and '..'", FixtureTar.create().file("/etc/evil", 0644, "abs\n")
                .file("/etc/evil2", 0644, "abs\n").file("../escape", 0644, "up\n").file("./ok", 0644, "ok\n").tar(),
                Options.ROCKY_ROOTFS));
        out.add(new Case("owners, setuid, sticky, hard links", FixtureTar.create().dir("./", 0755).dir("./tmp", 01777)
                // Names neither host knows: both fall back to the numeric ids (class comment).
                .owner(1001, "jsdiffuser", 1002, "jsdiffgroup").dir("./home", 02750).file("./home/s", 06755, "s\n")
                .owner(0, "root", 0, "wheel").file("./a", 0640, "a\n").hardlink("./b", "./a").symlink("./c", "a").tar(),
                Options.ROCKY_ROOTFS));
        byte[] daemon = FixtureTar.create().dir("./", 0755).owner(2, "daemon", 2, "daemon").file("./d", 02750, "d\n")
                .owner(1001, "jsdiffuser", 2, "daemon").dir("./run", 0750).tar();
        out.add(new Case(DAEMON_OWNED + ", names looked up", daemon, Options.BASE_TXZ));
        out.add(new Case(DAEMON_OWNED + ", --numeric-owner", daemon, Options.ROCKY_ROOTFS));
        byte[] big = bigTar();
        out.add(new Case("plain tar cut in a member", Arrays.copyOf(big, 512 + 512 + 1000), Options.BASE_TXZ));
        out.add(new Case("plain tar cut in a header", Arrays.copyOf(big, 512 + 300), Options.BASE_TXZ));
        byte[] random = new byte[300_000];
        new Random(42).nextBytes(random);
        byte[] txz = FixtureTar.create().dir("./", 0755).file("./small", 0644, "small\n").file("./big", 0644, random).xz();
        out.add(new Case("txz cut in a member", Arrays.copyOf(txz, txz.length * 6 / 10), Options.BASE_TXZ));
        out.add(new Case("gzip", FixtureTar.create().file("./hello", 0640, "hi\n").gzip(), Options.BASE_TXZ));
        out.add(new Case("a web page", "<!DOCTYPE html><html><body>404</body></html>\n".getBytes(StandardCharsets.UTF_8),
                Options.BASE_TXZ));
        for (var u : unsafe()) {
            out.add(new Case("unsafe: " + u.getKey(), u.getValue().apply(FixtureTar.create().dir("./", 0755)
                    .dir("etc", 0755).dir("dev", 0755)).tar(), Options.ROCKY_ROOTFS));
        }
        return out.stream();
    }

    /** The unsafe trees of ArchiveInspectorTest that the simulator's tar models. */
    private static List<Map.Entry<String, UnaryOperator<FixtureTar>>> unsafe() {
        return List.of(
                Map.entry("escaping symlink", t -> t.symlink("etc/shadow-link", "../../../etc/shadow")),
                Map.entry("escaping hard link", t -> t.hardlink("etc/h", "../etc/master.passwd")),
                Map.entry("absolute hard link", t -> t.hardlink("etc/h", "/etc/shadow")),
                Map.entry("dot-dot inside", t -> t.file("usr/../../etc/passwd", 0644, "x")),
                Map.entry("written through a symlink", t -> t.symlink("etc/cron", "/etc")
                        .file("etc/cron/crontab", 0644, "* * * * * root evil")),
                Map.entry("hard link through a symlink", t -> t.symlink("etc/hostetc", "/etc")
                        .hardlink("etc/pw", "etc/hostetc/master.passwd")),
                Map.entry("hard link to a symlink", t -> t.symlink("etc/l", "/etc/master.passwd")
                        .hardlink("etc/pw", "etc/l")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_simulators_tar_does_what_real_bsdtar_does(Case c) throws Exception {
        assumeTrue(bsdtarRuns, "real bsdtar is not on PATH: install Debian's libarchive-tools (.ci/run does)");
        assumeTrue(root, "not root: bsdtar restores owners and setuid bits only for root, as the harness's tar runs");
        assumeTrue(!c.name().startsWith(DAEMON_OWNED) || daemonIsOneHere,
                "this machine's daemon user or group is not 1, as Debian's base-passwd and FreeBSD have it");

        SimHost host = SimTestSupport.freshHost(simDir);
        host.writeFile("/zdata/archive", c.archive(), 0644);
        host.run(Command.of("mkdir", "-p", "/zdata/target")).orThrow();
        c.before().make(simDir.resolve("zdata/target"));
        CommandResult sim = host.run(Command.of(concat("tar", c.options().argv("/zdata/archive", "/zdata/target"))));

        Path archive = Files.write(realDir.resolve("archive"), c.archive());
        Path target = Files.createDirectory(realDir.resolve("target"));
        c.before().make(target);
        Process p = new ProcessBuilder(concat("bsdtar", c.options().argv(archive.toString(), target.toString())))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();

        assertThat(sim.exitCode()).as("exit status").isEqualTo(status);
        assertThat(sim.stderr()).as("stderr").isEqualTo(normalise(stderr, realDir, "/zdata"));
        assertThat(TreeSnapshot.ofSim(host, simDir, "/zdata/target").entries()).as("extracted tree")
                .containsExactlyEntriesOf(TreeSnapshot.ofReal(target).entries());
    }

    /** bsdtar names itself by argv[0] (lafe_setprogname in tar/bsdtar.c); the sim's program is tar. */
    static String normalise(String realStderr, Path scratch, String simPrefix) {
        String s = realStderr.replaceAll("(?m)^bsdtar: ", "tar: ").replace(scratch.toString(), simPrefix);
        for (Expected e : EXPECTED) {
            s = s.replace(e.linux(), e.freebsd());
        }
        return s;
    }

    private static List<String> concat(String program, List<String> args) {
        List<String> all = new ArrayList<>(List.of(program));
        all.addAll(args);
        return all;
    }

    /** The id of {@code name} in a passwd(5) or group(5) file (third field), -1 if absent. */
    private static int idOf(Path file, String name) throws IOException {
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        return Files.readAllLines(file).stream().map(l -> l.split(":", -1))
                .filter(f -> f.length >= 3 && f[0].equals(name)).mapToInt(f -> Integer.parseInt(f[2])).findFirst().orElse(-1);
    }

    private static byte[] bigTar() {
        byte[] data = new byte[4000];
        Arrays.fill(data, (byte) 'a');
        return FixtureTar.create().dir("./", 0755).file("./big", 0644, data).tar();
    }

    private static byte[] flattenedOci() throws IOException {
        Path tmp = Files.createTempDirectory("oci");
        var archive = FixtureArchives.rockyOciArchive(RockyRelease.R9_7);
        try (OciImage oci = OciImage.open(Files.write(tmp.resolve(archive.name()), archive.bytes()), new ArchiveInspector(),
                tmp.resolve("spool"))) {
            var out = new ByteArrayOutputStream();
            oci.writeFlattenedTar(out);
            return out.toByteArray();
        }
    }
}
