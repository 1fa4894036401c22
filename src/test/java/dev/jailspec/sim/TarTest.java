package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.FileStat;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarTest {
    private static final byte[] BASE_TXZ = FixtureArchives.freebsd("14.3-RELEASE").base().bytes();

    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
        host.writeFile("/zdata/base.txz", BASE_TXZ, 0644);
        ok(host, "mkdir", "-p", "/zdata/tmpl");
    }

    private Path real(String path) {
        return dir.resolve(path.substring(1));
    }

    /** An EL archive's owners: tty is gid 5 there, 4 on FreeBSD; "utmp" and "root" (a group) FreeBSD has not. */
    private static byte[] linuxOwners() {
        return FixtureTar.create().dir("./", 0755)
                .owner(0, "root", 5, "tty").file("./write", 02755, "w\n")
                .owner(2, "daemon", 22, "utmp").file("./utempter", 02711, "u\n")
                .owner(0, "root", 0, "root").file("./plain", 0644, "p\n").tar();
    }

    @Test
    void roots_tar_gives_a_member_the_id_its_owner_name_has_on_this_host() {
        host.writeFile("/zdata/linux.tar", linuxOwners(), 0644);

        ok(host, "tar", "-xpf", "/zdata/linux.tar", "-C", "/zdata/tmpl");

        // tty and daemon are FreeBSD's (HostAccounts); utmp and the group root are unknown: the archive's ids.
        assertThat(host.stat("/zdata/tmpl/write").orElseThrow()).extracting(FileStat::uid, FileStat::gid).containsExactly(0, 4);
        assertThat(host.stat("/zdata/tmpl/utempter").orElseThrow()).extracting(FileStat::uid, FileStat::gid)
                .containsExactly(1, 22);
        assertThat(host.stat("/zdata/tmpl/plain").orElseThrow()).extracting(FileStat::uid, FileStat::gid).containsExactly(0, 0);
    }

    @Test
    void numeric_owner_keeps_the_archives_ids() {
        host.writeFile("/zdata/linux.tar", linuxOwners(), 0644);

        ok(host, "tar", "-xpf", "/zdata/linux.tar", "-C", "/zdata/tmpl", "--numeric-owner");

        assertThat(host.stat("/zdata/tmpl/write").orElseThrow()).extracting(FileStat::uid, FileStat::gid).containsExactly(0, 5);
        assertThat(host.stat("/zdata/tmpl/utempter").orElseThrow()).extracting(FileStat::uid, FileStat::gid)
                .containsExactly(2, 22);
        assertThat(host.stat("/zdata/tmpl/write").orElseThrow().mode()).isEqualTo(02755);
    }

    @Test
    void extracts_the_base_system_keeping_setuid_modes_links_and_owners() throws IOException {
        CommandResult r = run(host, "tar", "-xf", "/zdata/base.txz", "-C", "/zdata/tmpl", "--unlink");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEmpty();
        FileStat su = host.stat("/zdata/tmpl/usr/bin/su").orElseThrow();
        assertThat(su.mode()).isEqualTo(04555);
        assertThat(su.uid()).isZero();
        assertThat(su.type()).isEqualTo(FileStat.Type.FILE);
        assertThat(host.stat("/zdata/tmpl/tmp").orElseThrow().mode()).isEqualTo(01777);
        assertThat(host.stat("/zdata/tmpl/etc/master.passwd").orElseThrow().mode()).isEqualTo(0600);
        assertThat(host.stat("/zdata/tmpl/bin/sh").orElseThrow().mode()).isEqualTo(0555);
        assertThat(host.stat("/zdata/tmpl/etc/os-release").orElseThrow().type()).isEqualTo(FileStat.Type.SYMLINK);
        assertThat(Files.readSymbolicLink(real("/zdata/tmpl/etc/os-release")).toString()).isEqualTo("../var/run/os-release");
        assertThat(Files.isSameFile(real("/zdata/tmpl/bin/["), real("/zdata/tmpl/bin/test"))).isTrue();
        assertThat(host.readText("/zdata/tmpl/bin/freebsd-version")).contains("USERLAND_VERSION=\"14.3-RELEASE\"");
    }

    @Test
    void the_recorded_mode_survives_a_new_host_object_but_not_a_replaced_file() {
        ok(host, "tar", "-xf", "/zdata/base.txz", "-C", "/zdata/tmpl");
        SimHost again = SimHost.create(dir, SimHostSpec.defaults());
        assertThat(again.stat("/zdata/tmpl/usr/bin/su").orElseThrow().mode()).isEqualTo(04555);

        again.writeFile("/zdata/tmpl/usr/bin/su", "replaced by hand\n".getBytes(StandardCharsets.UTF_8), 0755);

        assertThat(again.stat("/zdata/tmpl/usr/bin/su").orElseThrow().mode()).isEqualTo(0755);
    }

    @Test
    void unlink_replaces_an_existing_file_instead_of_writing_through_its_hard_links() throws IOException {
        ok(host, "mkdir", "-p", "/zdata/tmpl/etc");
        host.writeText("/zdata/tmpl/etc/rc", "old rc\n");
        Files.createLink(real("/zdata/keep"), real("/zdata/tmpl/etc/rc"));

        ok(host, "tar", "-xf", "/zdata/base.txz", "-C", "/zdata/tmpl", "--unlink");

        assertThat(host.readText("/zdata/tmpl/etc/rc")).startsWith("#!/bin/sh\n# fixture /etc/rc");
        assertThat(host.readText("/zdata/keep")).isEqualTo("old rc\n");
    }

    @Test
    void reads_the_archive_from_standard_input_with_f_dash() {
        CommandResult r = host.run(Command.of("tar", "-x", "-f", "-", "-C", "/zdata/tmpl", "./etc").withStdin(BASE_TXZ));

        assertThat(r.exitCode()).isZero();
        assertThat(host.stat("/zdata/tmpl/etc/rc")).isPresent();
        assertThat(host.stat("/zdata/tmpl/bin")).isEmpty();
    }

    @Test
    void lists_members_with_t_in_archive_order() {
        String listing = ok(host, "tar", "-tf", "/zdata/base.txz");

        assertThat(listing).startsWith("./\n./bin/\n./bin/sh\n./bin/test\n./bin/ls\n./bin/[\n");
        assertThat(listing.lines()).hasSize(FixtureArchives.freebsd("14.3-RELEASE").baseEntryCount());
    }

    @Test
    void old_style_bundled_options_work_as_in_bsdtar() {
        CommandResult r = run(host, "tar", "xpf", "/zdata/base.txz", "-C", "/zdata/tmpl");

        assertThat(r.exitCode()).isZero();
        assertThat(host.stat("/zdata/tmpl/usr/bin/su").orElseThrow().mode()).isEqualTo(04555);
    }

    @Test
    void verbose_lists_each_member_on_stderr() {
        CommandResult r = run(host, "tar", "-xvf", "/zdata/base.txz", "-C", "/zdata/tmpl");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).startsWith("x ./\nx ./bin/\nx ./bin/sh\n");
    }

    @Test
    void a_missing_directory_for_C_is_bsdtars_chdir_error() {
        CommandResult r = run(host, "tar", "-xf", "/zdata/base.txz", "-C", "/zdata/nope");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tar: could not chdir to '/zdata/nope'\n");
    }

    @Test
    void a_missing_archive_cannot_be_opened() {
        CommandResult r = run(host, "tar", "-xf", "/zdata/nope.txz", "-C", "/zdata/nope");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tar: Error opening archive: Failed to open '/zdata/nope.txz'\n");
    }

    @Test
    void a_web_page_saved_as_the_archive_is_not_recognised() {
        host.writeText("/zdata/page.txz", "<!DOCTYPE html><html><body>404</body></html>\n");

        CommandResult r = run(host, "tar", "-xf", "/zdata/page.txz", "-C", "/zdata/tmpl");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tar: Error opening archive: Unrecognized archive format\n");
    }

    @Test
    void without_a_mode_tar_refuses() {
        CommandResult r = run(host, "tar", "-f", "/zdata/base.txz");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tar: Must specify one of -c, -r, -t, -u, -x\n");
    }

    @Test
    void an_unknown_long_option_prints_the_usage() {
        CommandResult r = run(host, "tar", "-xf", "/zdata/base.txz", "--frobnicate");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tar: Option --frobnicate is not supported\n"
                + "Usage:\n  List:    tar -tf <archive-filename>\n  Extract: tar -xf <archive-filename>\n"
                + "  Create:  tar -cf <archive-filename> [filenames...]\n  Help:    tar --help\n");
    }

    @Test
    void creating_an_archive_is_not_simulated() {
        assertThatThrownBy(() -> run(host, "tar", "-cf", "/zdata/x.tar", "/etc"))
                .isInstanceOf(SimUnsupportedException.class);
    }

    @Test
    void strips_leading_slashes_with_one_warning_and_refuses_dot_dot() {
        byte[] evil = FixtureTar.create().file("/etc/evil", 0644, "abs\n").file("/etc/evil2", 0644, "abs\n")
                .file("../escape", 0644, "up\n").file("./ok", 0644, "ok\n").tar();
        host.writeFile("/zdata/evil.tar", evil, 0644);

        CommandResult r = run(host, "tar", "-xf", "/zdata/evil.tar", "-C", "/zdata/tmpl");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tar: Removing leading '/' from member names\n"
                + "../escape: Path contains '..': Unknown error: -1\n"
                + "tar: Error exit delayed from previous errors.\n");
        assertThat(host.readText("/zdata/tmpl/etc/evil")).isEqualTo("abs\n");
        assertThat(host.readText("/zdata/tmpl/ok")).isEqualTo("ok\n");
        assertThat(host.stat("/zdata/escape")).isEmpty();
        assertThat(host.stat("/etc/evil")).isEmpty();
    }

    @Test
    void a_truncated_plain_tar_fails_while_reading_the_cut_member() {
        byte[] tar = bigTar();
        host.writeFile("/zdata/cut.tar", Arrays.copyOf(tar, 512 + 512 + 1000), 0644);

        CommandResult r = run(host, "tar", "-xf", "/zdata/cut.tar", "-C", "/zdata/tmpl");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("./big: Truncated tar archive detected while reading data: Unknown error: -1\n"
                + "tar: Error exit delayed from previous errors.\n");
    }

    @Test
    void listing_a_truncated_tar_reports_the_bytes_it_could_not_skip() {
        byte[] tar = bigTar();
        host.writeFile("/zdata/cut.tar", Arrays.copyOf(tar, 512 + 512 + 1000), 0644);

        CommandResult r = run(host, "tar", "-tf", "/zdata/cut.tar");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("./\n./big\n");
        assertThat(r.stderr()).isEqualTo("tar: Truncated input file (needed 4096 bytes, only 1000 available)\n"
                + "tar: Error exit delayed from previous errors.\n");
    }

    @Test
    void a_header_cut_in_the_middle_is_a_truncated_archive() {
        host.writeFile("/zdata/cut.tar", Arrays.copyOf(bigTar(), 512 + 300), 0644);

        CommandResult r = run(host, "tar", "-tf", "/zdata/cut.tar");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("./\n");
        assertThat(r.stderr()).isEqualTo("tar: Truncated tar archive\ntar: Error exit delayed from previous errors.\n");
    }

    @Test
    void a_truncated_txz_fails_with_liblzmas_error() {
        byte[] random = new byte[300_000];
        new Random(42).nextBytes(random);
        byte[] txz = FixtureTar.create().dir("./", 0755).file("./small", 0644, "small\n").file("./big", 0644, random).xz();
        host.writeFile("/zdata/cut.txz", Arrays.copyOf(txz, txz.length * 6 / 10), 0644);

        CommandResult r = run(host, "tar", "-xf", "/zdata/cut.txz", "-C", "/zdata/tmpl");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("./big: Lzma library error:  No progress is possible: Unknown error: -1\n"
                + "tar: Error exit delayed from previous errors.\n");
        assertThat(host.readText("/zdata/tmpl/small")).isEqualTo("small\n");
    }

    @Test
    void a_cut_member_keeps_its_header_size_and_only_whole_64k_blocks_of_decoded_data() throws IOException {
        byte[] random = new byte[300_000];
        new Random(42).nextBytes(random);
        byte[] txz = FixtureTar.create().dir("./", 0755).file("./small", 0644, "small\n").file("./big", 0644, random).xz();
        host.writeFile("/zdata/cut.txz", Arrays.copyOf(txz, txz.length * 6 / 10), 0644);

        run(host, "tar", "-xf", "/zdata/cut.txz", "-C", "/zdata/tmpl");

        // As real bsdtar leaves it: two 64 KiB xz output blocks reached tar (131072 bytes, less the
        // 2048 bytes of headers and ./small before ./big's data), then ftruncate() to the header's size.
        byte[] big = Files.readAllBytes(real("/zdata/tmpl/big"));
        assertThat(big).hasSize(300_000);
        assertThat(Arrays.copyOf(big, 129_024)).isEqualTo(Arrays.copyOf(random, 129_024));
        assertThat(Arrays.copyOfRange(big, 129_024, big.length)).containsOnly((byte) 0);
    }

    @Test
    void without_unlink_a_member_or_hard_link_target_through_a_symlink_is_refused_with_errno_0() {
        byte[] evil = FixtureTar.create().dir("./", 0755).dir("etc", 0755).symlink("etc/cron", "/etc")
                .file("etc/cron/crontab", 0644, "* * * * * root evil").symlink("etc/hostetc", "/etc")
                .hardlink("etc/pw", "etc/hostetc/master.passwd").tar();
        host.writeFile("/zdata/evil.tar", evil, 0644);

        CommandResult r = run(host, "tar", "-xpf", "/zdata/evil.tar", "-C", "/zdata/tmpl");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("etc/cron/crontab: Cannot extract through symlink etc/cron/crontab: No error: 0\n"
                + "etc/pw: Cannot extract through symlink etc/hostetc/master.passwd: No error: 0\n"
                + "tar: Error exit delayed from previous errors.\n");
        assertThat(host.stat("/zdata/tmpl/etc/pw")).isEmpty();
    }

    @Test
    void a_gzip_archive_is_detected_by_its_magic_bytes() {
        host.writeFile("/zdata/a.tar.gz", FixtureTar.create().file("./hello", 0640, "hi\n").gzip(), 0644);

        ok(host, "tar", "-xf", "/zdata/a.tar.gz", "-C", "/zdata/tmpl");

        assertThat(host.readText("/zdata/tmpl/hello")).isEqualTo("hi\n");
        assertThat(host.stat("/zdata/tmpl/hello").orElseThrow().mode()).isEqualTo(0640);
    }

    @Test
    void a_pattern_that_matches_nothing_is_reported() {
        CommandResult r = run(host, "tar", "-xf", "/zdata/base.txz", "-C", "/zdata/tmpl", "./nothing");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("tar: ./nothing: Not found in archive\ntar: Error exit delayed from previous errors.\n");
    }

    private static byte[] bigTar() {
        byte[] data = new byte[4000];
        Arrays.fill(data, (byte) 'a');
        return FixtureTar.create().dir("./", 0755).file("./big", 0644, data).tar();
    }
}
