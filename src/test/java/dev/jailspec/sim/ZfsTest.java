package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zfs(8) of the simulated host against freebsd-facts section 1 and the zfs transcripts. */
class ZfsTest {
    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = SimHost.create(dir, SimHostSpec.defaults().withPools(List.of("zdata", "zroot")));
    }

    private static void assertFails(CommandResult r, int status, String stderr) {
        assertThat(r.stderr()).isEqualTo(stderr);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(status);
    }

    @Nested
    class Create {
        @Test
        void creates_a_mounted_directory_below_the_parent() {
            assertThat(ok(host, "zfs", "create", "zdata/jails")).isEmpty();

            assertThat(host.stat("/zdata/jails")).get().extracting(s -> s.isDirectory()).isEqualTo(true);
            assertThat(ok(host, "zfs", "get", "-H", "-o", "value", "mounted,mountpoint", "zdata/jails"))
                    .isEqualTo("yes\n/zdata/jails\n");
        }

        @Test
        void o_mountpoint_puts_it_elsewhere_and_children_inherit() {
            ok(host, "zfs", "create", "-o", "mountpoint=/usr/local/jails", "zroot/jails");
            ok(host, "zfs", "create", "zroot/jails/media");

            assertThat(host.stat("/usr/local/jails/media")).isPresent();
            assertThat(ok(host, "zfs", "get", "mountpoint", "zroot/jails/media")).isEqualTo(
                    "NAME               PROPERTY    VALUE                   SOURCE\n"
                            + "zroot/jails/media  mountpoint  /usr/local/jails/media  inherited from zroot/jails\n");
        }

        @Test
        void the_errors_of_facts_1_5() {
            ok(host, "zfs", "create", "zdata/a");

            assertFails(run(host, "zfs", "create", "zdata/a"), 1, "cannot create 'zdata/a': dataset already exists\n");
            assertFails(run(host, "zfs", "create", "zdata/a/b/c"), 1, "cannot create 'zdata/a/b/c': parent does not exist\n");
            assertFails(run(host, "zfs", "create", "nopool/x"), 1, "cannot create 'nopool/x': no such pool 'nopool'\n");
            assertFails(run(host, "zfs", "create", "zdata/a@s"), 1,
                    "cannot create 'zdata/a@s': snapshot delimiter '@' is not expected here\n");
            assertFails(run(host, "zfs", "create", "-o", "mountpoint=x", "zdata/m"), 1,
                    "cannot create 'zdata/m': 'mountpoint' must be an absolute path, 'none', or 'legacy'\n");
            assertFails(run(host, "zfs", "create", "-o", "nosuchprop=1", "zdata/m"), 1,
                    "cannot create 'zdata/m': invalid property 'nosuchprop'\n");
            // zfs_validate_name() at zfs-2.2.7: '..' is a parent reference; a dataset's first letter has no rule.
            assertFails(run(host, "zfs", "create", "zdata/a/../b"), 1,
                    "cannot create 'zdata/a/../b': parent reference, '..' is found in name\n");
            assertFails(run(host, "zfs", "create", "1pool/x"), 1, "cannot create '1pool/x': no such pool '1pool'\n");
        }

        @Test
        void p_creates_ancestors_and_tolerates_an_existing_target() {
            assertThat(ok(host, "zfs", "create", "-p", "zdata/jails/templates/14.3-RELEASE")).isEmpty();
            assertThat(ok(host, "zfs", "create", "-p", "zdata/jails/templates/14.3-RELEASE")).isEmpty();

            assertThat(ok(host, "zfs", "list", "-H", "-o", "name", "-r", "zdata/jails"))
                    .isEqualTo("zdata/jails\nzdata/jails/templates\nzdata/jails/templates/14.3-RELEASE\n");
            assertFails(run(host, "zfs", "create", "-p", "nopool/x/y"), 1, "cannot create 'nopool/x/y': no such pool 'nopool'\n");
        }

        @Test
        void usage_errors_exit_2() {
            CommandResult missing = run(host, "zfs", "create");
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.stderr()).startsWith("missing filesystem argument\nusage:\n\tcreate [-Pnpuv]");

            CommandResult bad = run(host, "zfs", "create", "-Z", "zdata/x");
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.stderr()).startsWith("invalid option 'Z'\nusage:\n");

            // zfs-2.2.7's optstrings: a missing argument is "missing" only after a leading ':' (get), and
            // create's ':' case says "missing size argument"; clone has no -u (zfs_main.c at the tag).
            assertThat(run(host, "zfs", "get", "-o").stderr()).startsWith("missing argument for 'o' option\nusage:\n");
            assertThat(run(host, "zfs", "create", "-o").stderr()).startsWith("missing size argument\nusage:\n");
            CommandResult cloneO = run(host, "zfs", "clone", "-o");
            assertThat(cloneO.exitCode()).isEqualTo(2);
            assertThat(cloneO.stderr()).startsWith("invalid option 'o'\nusage:\n");
            assertThat(run(host, "zfs", "clone", "-u", "zdata@s", "zdata/c").stderr()).startsWith("invalid option 'u'\nusage:\n");

            // usage_prop_cb() at zfs-2.2.7: %-14s heading, %-15s names (2.3 widened them).
            assertThat(run(host, "zfs", "get").stderr())
                    .contains("\n\tPROPERTY       EDIT  INHERIT   VALUES\n\n\tavailable        NO       NO   <size>\n")
                    .contains("\tuserquota@...   YES       NO   <size> | none\n")
                    .endsWith("    SMB SID         (eg: \"S-1-234-567-89\")\n");

            // parse_depth() at zfs-2.2.7: strtol(opt, &end, 0) over the whole word, not negative.
            CommandResult word = run(host, "zfs", "list", "-d", "x", "zdata");
            assertThat(word.exitCode()).isEqualTo(2);
            assertThat(word.stderr()).startsWith("x is not an integer\nusage:\n\tlist ");
            assertThat(run(host, "zfs", "get", "-d", "-1", "name", "zdata").stderr())
                    .startsWith("Depth can not be negative.\nusage:\n\tget ");
            assertThat(ok(host, "zfs", "list", "-H", "-o", "name", "-d", "0x0", "zdata")).isEqualTo("zdata\n");

            CommandResult unknown = run(host, "zfs", "frob");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.stderr()).startsWith("unrecognized command 'frob'\nusage: zfs command args ...\n");
        }
    }

    @Nested
    class ListAndGet {
        @Test
        void default_columns_and_widths() {
            ok(host, "zfs", "create", "zdata/docs");

            assertThat(ok(host, "zfs", "list", "-r", "zdata")).isEqualTo(
                    "NAME         USED  AVAIL  REFER  MOUNTPOINT\n"
                            + "zdata          0B   100G     0B  /zdata\n"
                            + "zdata/docs     0B   100G     0B  /zdata/docs\n");
        }

        @Test
        void sizes_are_the_bytes_of_the_files() {
            ok(host, "zfs", "create", "zdata/docs");
            host.writeText("/zdata/docs/a", "x".repeat(1536));

            assertThat(ok(host, "zfs", "list", "-H", "-o", "name,used,refer", "zdata/docs")).isEqualTo("zdata/docs\t1.50K\t1.50K\n");
            assertThat(ok(host, "zfs", "list", "-Hp", "-o", "used,refer", "zdata")).isEqualTo("1536\t0\n");
        }

        @Test
        void scripted_output_is_tab_separated_without_header() {
            ok(host, "zfs", "create", "zdata/docs");

            assertThat(ok(host, "zfs", "list", "-H", "-p", "-o", "name,used,avail,refer,mountpoint", "zdata/docs"))
                    .isEqualTo("zdata/docs\t0\t107374182400\t0\t/zdata/docs\n");
        }

        @Test
        void no_snapshots_says_no_datasets_available() {
            Transcript t = Transcript.load("zfs-list-t-snapshot/003.txt");

            CommandResult r = run(host, t.argv());

            assertThat(r.stderr()).isEqualTo(t.output());
            assertThat(r.stdout()).isEmpty();
            assertThat(r.exitCode()).isZero();
        }

        @Test
        void a_missing_dataset() {
            assertFails(run(host, "zfs", "list", "zroot/nope"), 1, "cannot open 'zroot/nope': dataset does not exist\n");
            assertFails(run(host, "zfs", "get", "name", "zroot/nope"), 1, "cannot open 'zroot/nope': dataset does not exist\n");
        }

        @Test
        void snapshots_follow_their_file_system_then_come_the_children() {
            ok(host, "zfs", "create", "-p", "zroot/home/ykla");
            ok(host, "zfs", "snapshot", "-r", "zroot/home@test");
            Transcript t = Transcript.load("zfs-list-r/001.txt");

            String out = ok(host, "zfs", "list", "-rt", "all", "zroot/home");

            assertThat(firstColumn(out)).isEqualTo(firstColumn(t.output()));
            assertThat(out.lines().filter(l -> l.contains("@")).toList())
                    .allSatisfy(l -> assertThat(l).matches(".*\\s+0B\\s+-\\s+\\S+\\s+-$"));
        }

        private List<String> firstColumn(String table) {
            return table.lines().map(l -> l.split("\\s+")[0]).toList();
        }

        @Test
        void user_property_local_then_unset_as_in_the_transcripts() {
            ok(host, "zfs", "create", "-p", "zroot/var/newname");
            ok(host, "zfs", "set", "custom:costcenter=1234", "zroot/var/newname");
            Transcript set = Transcript.load("zfs-get/001.txt");
            assertThat(ok(host, set.argv().toArray(String[]::new))).isEqualTo(set.output());

            ok(host, "zfs", "inherit", "-r", "custom:costcenter", "zroot/var/newname");
            Transcript unset = Transcript.load("zfs-get/002.txt");
            assertThat(ok(host, unset.argv().toArray(String[]::new))).isEqualTo(unset.output());
        }

        @Test
        void origin_of_a_clone_and_of_a_plain_file_system() {
            ok(host, "zfs", "create", "-p", "zroot/home/ykla");
            ok(host, "zfs", "snapshot", "zroot/home/ykla@test");
            ok(host, "zfs", "clone", "zroot/home/ykla@test", "zroot/home/ykla2");
            Transcript clone = Transcript.load("zfs-get/006.txt");
            assertThat(ok(host, clone.argv().toArray(String[]::new))).isEqualTo(clone.output());

            ok(host, "zfs", "destroy", "zroot/home/ykla2");
            ok(host, "zfs", "create", "zroot/home/ykla2");
            Transcript plain = Transcript.load("zfs-get/007.txt");
            assertThat(ok(host, plain.argv().toArray(String[]::new))).isEqualTo(plain.output());
        }

        @Test
        void user_properties_are_inherited_and_unset_is_a_dash() {
            ok(host, "zfs", "create", "-p", "zdata/jails/containers");
            ok(host, "zfs", "set", "com.example:owner=alice", "zdata/jails");

            assertThat(ok(host, "zfs", "get", "-H", "-p", "-o", "name,property,value,source", "-r", "com.example:owner", "zdata"))
                    .isEqualTo("zdata\tcom.example:owner\t-\t-\n"
                            + "zdata/jails\tcom.example:owner\talice\tlocal\n"
                            + "zdata/jails/containers\tcom.example:owner\talice\tinherited from zdata/jails\n");
        }

        @Test
        void a_bad_property_list_is_a_usage_error() {
            CommandResult r = run(host, "zfs", "get", "nosuch", "zdata");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr()).startsWith("bad property list: invalid property 'nosuch'\nusage:\n\tget ");
        }

        @Test
        void a_real_property_that_is_not_modelled_is_refused_loudly() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(host, "zfs", "get", "compression", "zdata"))
                    .isInstanceOf(SimUnsupportedException.class)
                    .hasMessageContaining("compression");
        }

        @Test
        void version_matches_the_14_3_transcript() {
            Transcript t = Transcript.load("zfs-version/001.txt");

            assertThat(ok(host, t.argv().toArray(String[]::new))).isEqualTo(t.output());
        }
    }

    @Nested
    class SetAndInherit {
        @Test
        void user_property_names_follow_the_rules() {
            ok(host, "zfs", "create", "zdata/j");

            assertFails(run(host, "zfs", "set", "Com.Example:x=1", "zdata/j"), 1,
                    "cannot set property for 'zdata/j': invalid property 'Com.Example:x'\n");
            assertFails(run(host, "zfs", "set", "noseparator=1", "zdata/j"), 1,
                    "cannot set property for 'zdata/j': invalid property 'noseparator'\n");
            assertFails(run(host, "zfs", "set", "avail=1", "zdata/j"), 1,
                    "cannot set property for 'zdata/j': 'available' is readonly\n");
            assertThat(run(host, "zfs", "set", "org.freebsd:x-y_z.1=v", "zdata/j").exitCode()).isZero();
        }

        @Test
        void set_argument_errors() {
            CommandResult noDataset = run(host, "zfs", "set", "a:b=1");
            assertThat(noDataset.exitCode()).isEqualTo(2);
            assertThat(noDataset.stderr()).startsWith("missing dataset name(s)\nusage:\n");

            assertFails(run(host, "zfs", "set", "a:b=1", "zdata/none"), 1, "cannot open 'zdata/none': dataset does not exist\n");
        }

        @Test
        void a_new_mountpoint_moves_the_files_and_the_children() {
            ok(host, "zfs", "create", "-p", "zdata/jails/media");
            host.writeText("/zdata/jails/media/base.txz", "data");

            ok(host, "zfs", "set", "mountpoint=/usr/local/jails", "zdata/jails");

            assertThat(host.stat("/zdata/jails")).isEmpty();
            assertThat(host.readText("/usr/local/jails/media/base.txz")).isEqualTo("data");
            ok(host, "zfs", "inherit", "mountpoint", "zdata/jails");
            assertThat(host.readText("/zdata/jails/media/base.txz")).isEqualTo("data");
            assertThat(host.stat("/usr/local/jails")).isEmpty();
        }

        @Test
        void inherit_of_a_read_only_or_invalid_property() {
            ok(host, "zfs", "create", "zdata/j");

            assertFails(run(host, "zfs", "inherit", "used", "zdata/j"), 1, "used property is read-only\n");
            CommandResult invalid = run(host, "zfs", "inherit", "Nope", "zdata/j");
            assertThat(invalid.exitCode()).isEqualTo(2);
            assertThat(invalid.stderr()).startsWith("invalid property 'Nope'\nusage:\n");
        }
    }

    @Nested
    class SnapshotAndClone {
        @Test
        void a_clone_does_not_see_files_added_after_the_snapshot() {
            ok(host, "zfs", "create", "-p", "zdata/jails/templates/14.3-RELEASE");
            ok(host, "mkdir", "/zdata/jails/templates/14.3-RELEASE/etc");
            host.writeText("/zdata/jails/templates/14.3-RELEASE/etc/before", "1");
            ok(host, "zfs", "snapshot", "zdata/jails/templates/14.3-RELEASE@base");
            host.writeText("/zdata/jails/templates/14.3-RELEASE/etc/after", "2");
            host.writeText("/zdata/jails/templates/14.3-RELEASE/etc/before", "changed");

            ok(host, "zfs", "create", "zdata/jails/containers");
            ok(host, "zfs", "clone", "zdata/jails/templates/14.3-RELEASE@base", "zdata/jails/containers/thinjail");

            assertThat(host.readText("/zdata/jails/containers/thinjail/etc/before")).isEqualTo("1");
            assertThat(host.stat("/zdata/jails/containers/thinjail/etc/after")).isEmpty();
            host.writeText("/zdata/jails/containers/thinjail/etc/mine", "3");
            assertThat(host.stat("/zdata/jails/templates/14.3-RELEASE/etc/mine")).isEmpty();
        }

        @Test
        void snapshot_errors() {
            ok(host, "zfs", "create", "zdata/a");
            ok(host, "zfs", "snapshot", "zdata/a@base");

            assertFails(run(host, "zfs", "snapshot", "zdata/a@base"), 1,
                    "cannot create snapshot 'zdata/a@base': dataset already exists\n");
            assertFails(run(host, "zfs", "snapshot", "zdata/nope@x"), 1, "cannot open 'zdata/nope': dataset does not exist\n");
            assertThat(run(host, "zfs", "snapshot", "zdata/a").exitCode()).isEqualTo(2);
        }

        @Test
        void clone_errors() {
            ok(host, "zfs", "create", "zdata/a");
            ok(host, "zfs", "snapshot", "zdata/a@base");
            ok(host, "zfs", "create", "zdata/b");

            assertFails(run(host, "zfs", "clone", "zdata/a@base", "zdata/b"), 1, "cannot create 'zdata/b': dataset already exists\n");
            assertFails(run(host, "zfs", "clone", "zdata/a@nosnap", "zdata/c"), 1,
                    "cannot open 'zdata/a@nosnap': dataset does not exist\n");
            assertFails(run(host, "zfs", "clone", "zdata/a@base", "zdata/x/c"), 1, "cannot create 'zdata/x/c': parent does not exist\n");
            assertThat(run(host, "zfs", "clone", "-p", "zdata/a@base", "zdata/x/c").exitCode()).isZero();
            assertFails(run(host, "zfs", "clone", "zdata/a@base", "zroot/c"), 1,
                    "cannot create 'zroot/c': source and target pools differ\n");
        }
    }

    @Nested
    class Destroy {
        @BeforeEach
        void template_with_a_clone() {
            ok(host, "zfs", "create", "-p", "zroot/jails/templates/14.3-RELEASE");
            host.writeText("/zroot/jails/templates/14.3-RELEASE/file", "x");
            ok(host, "zfs", "snapshot", "zroot/jails/templates/14.3-RELEASE@base");
            ok(host, "zfs", "create", "zroot/jails/containers");
            ok(host, "zfs", "clone", "zroot/jails/templates/14.3-RELEASE@base", "zroot/jails/containers/thinjail");
        }

        @Test
        void a_snapshot_with_clones_needs_R() {
            assertFails(run(host, "zfs", "destroy", "zroot/jails/templates/14.3-RELEASE@base"), 1,
                    "cannot destroy 'zroot/jails/templates/14.3-RELEASE@base': snapshot has dependent clones\n"
                            + "use '-R' to destroy the following datasets:\n"
                            + "zroot/jails/containers/thinjail\n");
            assertThat(host.stat("/zroot/jails/containers/thinjail/file")).isPresent();
        }

        @Test
        void a_file_system_with_snapshots_needs_r() {
            assertFails(run(host, "zfs", "destroy", "zroot/jails/templates/14.3-RELEASE"), 1,
                    "cannot destroy 'zroot/jails/templates/14.3-RELEASE': filesystem has children\n"
                            + "use '-r' to destroy the following datasets:\n"
                            + "zroot/jails/templates/14.3-RELEASE@base\n");
        }

        @Test
        void r_with_clones_outside_the_tree_needs_R() {
            assertFails(run(host, "zfs", "destroy", "-r", "zroot/jails/templates/14.3-RELEASE"), 1,
                    "cannot destroy 'zroot/jails/templates/14.3-RELEASE': filesystem has dependent clones\n"
                            + "use '-R' to destroy the following datasets:\n"
                            + "zroot/jails/containers/thinjail\n");
        }

        @Test
        void R_destroys_clones_first_and_removes_the_files() {
            CommandResult r = run(host, "zfs", "destroy", "-Rv", "zroot/jails/templates/14.3-RELEASE");

            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEqualTo("will destroy zroot/jails/containers/thinjail\n"
                    + "will destroy zroot/jails/templates/14.3-RELEASE@base\n"
                    + "will destroy zroot/jails/templates/14.3-RELEASE\n");
            assertThat(host.stat("/zroot/jails/containers/thinjail")).isEmpty();
            assertThat(host.stat("/zroot/jails/templates/14.3-RELEASE")).isEmpty();
            assertThat(ok(host, "zfs", "list", "-H", "-o", "name", "-t", "all", "-r", "zroot"))
                    .isEqualTo("zroot\nzroot/jails\nzroot/jails/containers\nzroot/jails/templates\n");
        }

        @Test
        void dry_run_destroys_nothing() {
            CommandResult r = run(host, "zfs", "destroy", "-nv", "zroot/jails/containers/thinjail");

            assertThat(r.stdout()).isEqualTo("would destroy zroot/jails/containers/thinjail\n");
            assertThat(host.stat("/zroot/jails/containers/thinjail/file")).isPresent();
        }

        @Test
        void the_clone_goes_then_the_snapshot_then_the_template() {
            ok(host, "zfs", "destroy", "zroot/jails/containers/thinjail");
            ok(host, "zfs", "destroy", "zroot/jails/templates/14.3-RELEASE@base");
            ok(host, "zfs", "destroy", "zroot/jails/templates/14.3-RELEASE");

            assertThat(host.stat("/zroot/jails/templates/14.3-RELEASE")).isEmpty();
        }

        @Test
        void missing_names_and_pools() {
            assertFails(run(host, "zfs", "destroy", "zroot/nope"), 1, "cannot open 'zroot/nope': dataset does not exist\n");
            assertFails(run(host, "zfs", "destroy", "zroot/jails/templates/14.3-RELEASE@nosnap"), 1,
                    "could not find any snapshots to destroy; check snapshot names.\n");
            assertFails(run(host, "zfs", "destroy", "zroot"), 1, "cannot destroy 'zroot': operation does not apply to pools\n"
                    + "use 'zfs destroy -r zroot' to destroy all datasets in the pool\n"
                    + "use 'zpool destroy zroot' to destroy the pool itself\n");
        }

        @Test
        void r_on_the_pool_keeps_the_pool() {
            assertThat(run(host, "zfs", "destroy", "-R", "zroot").exitCode()).isZero();

            assertThat(ok(host, "zfs", "list", "-H", "-o", "name", "-r", "zroot")).isEqualTo("zroot\n");
        }
    }
}
