package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandFailedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZfsTest {
    private final ScriptedHost host = new ScriptedHost();
    private final Zfs zfs = new Zfs(host);

    @AfterEach
    void everyExpectedCommandRan() {
        host.assertAllRan();
    }

    @Test
    void createBuildsParentsFlagAndSortedProperties() {
        host.expect("zfs", "create", "-p", "-o", "com.example:owner=jailspec", "-o", "mountpoint=/usr/local/jails",
                "zroot/jails");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("mountpoint", "/usr/local/jails");
        props.put("com.example:owner", "jailspec");

        zfs.create("zroot/jails", true, props);

        assertThat(host.ran()).hasSize(1);
    }

    @Test
    void createOfExistingDatasetThrowsWithZfsText() {
        // freebsd-facts 1.5
        host.expect("zfs", "create", "zroot/a").exit(1).stderr("cannot create 'zroot/a': dataset already exists\n");

        assertThatThrownBy(() -> zfs.create("zroot/a", false, Map.of()))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("dataset already exists")
                .satisfies(e -> assertThat(((CommandFailedException) e).result().exitCode()).isEqualTo(1));
    }

    @Test
    void createThatCouldNotMountStillThrows() {
        Transcript t = Transcript.load("zfs-create-error/001.txt");
        host.expect("zfs", "create", "zroot/home/safreya/dataset_1").exit(1).stderr(t.output());

        assertThatThrownBy(() -> zfs.create("zroot/home/safreya/dataset_1", false, Map.of()))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("filesystem successfully created, but not mounted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zdata/jails/../x", "lr;dev", "zdata/jails/$(reboot)"})
    void invalidNamesFailBeforeAnyCommandRuns(String name) {
        assertThatThrownBy(() -> zfs.create(name, false, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> zfs.exists(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> zfs.destroy(name, DestroyMode.RECURSIVE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(host.ran()).isEmpty();
    }

    @Test
    void invalidPropertyFailsBeforeAnyCommandRuns() {
        assertThatThrownBy(() -> zfs.create("zroot/a", false, Map.of("Owner", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Owner'");
        assertThatThrownBy(() -> zfs.set("zroot/a", "foo=bar", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(host.ran()).isEmpty();
    }

    @Test
    void existsTrueFalseAndOtherFailures() {
        host.expect("zfs", "list", "-H", "-o", "name", "zroot/jails").stdout("zroot/jails\n");
        host.expect("zfs", "list", "-H", "-o", "name", "zroot/nope").exit(1)
                .stderr("cannot open 'zroot/nope': dataset does not exist\n");
        host.expect("zfs", "list", "-H", "-o", "name", "nopool/x").exit(1)
                .stderr("cannot open 'nopool/x': no such pool 'nopool'\n");

        assertThat(zfs.exists("zroot/jails")).isTrue();
        assertThat(zfs.exists("zroot/nope")).isFalse();
        assertThatThrownBy(() -> zfs.exists("nopool/x")).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("no such pool");
    }

    @Test
    void findIsOneListingThatAlsoSaysWhetherTheDatasetExists() {
        host.expect("zfs", "list", "-H", "-p", "-o", "name,type,used,avail,refer,mountpoint,origin", "zroot/jails")
                .stdout("zroot/jails\tfilesystem\t98304\t52613349376\t98304\t/usr/local/jails\t-\n");
        host.expect("zfs", "list", "-H", "-p", "-o", "name,type,used,avail,refer,mountpoint,origin", "zroot/nope").exit(1)
                .stderr("cannot open 'zroot/nope': dataset does not exist\n");
        host.expect("zfs", "list", "-H", "-p", "-o", "name,type,used,avail,refer,mountpoint,origin", "nopool/x").exit(1)
                .stderr("cannot open 'nopool/x': no such pool 'nopool'\n");

        assertThat(zfs.find("zroot/jails")).hasValueSatisfying(ds -> assertThat(ds.mountpoint()).contains("/usr/local/jails"));
        assertThat(zfs.find("zroot/nope")).isEmpty();
        assertThatThrownBy(() -> zfs.find("nopool/x")).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("no such pool");
    }

    @Test
    void getRecursiveIsEmptyForADatasetThatDoesNotExist() {
        host.expect("zfs", "get", "-H", "-p", "-o", "name,property,value,source", "-r", "type,jailspec:run", "zroot/jails")
                .stdout("zroot/jails\ttype\tfilesystem\t-\nzroot/jails\tjailspec:run\tr1\tlocal\n"
                        + "zroot/jails@a\ttype\tsnapshot\t-\nzroot/jails@a\tjailspec:run\tr1\tinherited from zroot/jails\n");
        host.expect("zfs", "get", "-H", "-p", "-o", "name,property,value,source", "-r", "type", "zroot/nope").exit(1)
                .stderr("cannot open 'zroot/nope': dataset does not exist\n");

        assertThat(zfs.getRecursive("zroot/jails", "type", "jailspec:run")).extracting(ZfsProperty::dataset)
                .containsExactly("zroot/jails", "zroot/jails", "zroot/jails@a", "zroot/jails@a");
        assertThat(zfs.getRecursive("zroot/nope", "type")).isEmpty();
        assertThatThrownBy(() -> zfs.getRecursive("zroot/jails")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listBuildsScriptedArgvAndParses() {
        host.expect("zfs", "list", "-H", "-p", "-o", "name,type,used,avail,refer,mountpoint,origin", "-r",
                        "-t", "filesystem,snapshot", "zroot/jails")
                .stdout("zroot/jails\tfilesystem\t98304\t52613349376\t98304\t/usr/local/jails\t-\n"
                        + "zroot/jails/templates/14.3-RELEASE@base\tsnapshot\t0\t-\t1234567\t-\t-\n"
                        + "zroot/jails/containers/thinjail\tfilesystem\t65536\t52613349376\t1234567\t"
                        + "/usr/local/jails/containers/thinjail\tzroot/jails/templates/14.3-RELEASE@base\n");

        var rows = zfs.list("zroot/jails", true, "filesystem", "snapshot");

        assertThat(rows).extracting(ZfsDataset::name).containsExactly("zroot/jails",
                "zroot/jails/templates/14.3-RELEASE@base", "zroot/jails/containers/thinjail");
        assertThat(rows.get(1).type()).isEqualTo(ZfsType.SNAPSHOT);
        assertThat(rows.get(1).available()).isEmpty();
        assertThat(rows.get(1).mountpoint()).isEmpty();
        assertThat(rows.get(2).origin()).contains("zroot/jails/templates/14.3-RELEASE@base");
        assertThat(rows.get(0).available()).isEqualTo(OptionalLong.of(52613349376L));
    }

    @Test
    void listOfEverythingWithNoDatasetsIsEmpty() {
        // freebsd-facts 1.3: "no datasets available" goes to stderr, exit 0
        host.expect("zfs", "list", "-H", "-p", "-o", "name,type,used,avail,refer,mountpoint,origin")
                .stderr("no datasets available\n");

        assertThat(zfs.list(null, false)).isEmpty();
    }

    @Test
    void listRejectsUnknownType() {
        assertThatThrownBy(() -> zfs.list("zroot", false, "snap")).hasMessageContaining("unknown zfs list type 'snap'");
        assertThat(host.ran()).isEmpty();
    }

    @Test
    void getParsesValueAndInheritedSource() {
        host.expect("zfs", "get", "-H", "-p", "-o", "name,property,value,source", "com.example:owner,mountpoint",
                        "zroot/jails/a")
                .stdout("zroot/jails/a\tcom.example:owner\talice\tinherited from zroot/jails\n"
                        + "zroot/jails/a\tmountpoint\t/usr/local/jails/a\tinherited from zroot/jails\n");

        var props = zfs.get("zroot/jails/a", "com.example:owner", "mountpoint");

        assertThat(props).hasSize(2);
        assertThat(props.get(0).value()).isEqualTo("alice");
        assertThat(props.get(0).source().kind()).isEqualTo(ZfsPropertySource.Kind.INHERITED);
        assertThat(props.get(0).source().inheritedFrom()).contains("zroot/jails");
    }

    @Test
    void setSnapshotCloneAndDestroyBuildExactArgv() {
        host.expect("zfs", "set", "com.example:owner=alice bob", "zroot/jails");
        host.expect("zfs", "snapshot", "zroot/jails/templates/14.3-RELEASE@base");
        host.expect("zfs", "clone", "-o", "mountpoint=/j/thin", "zroot/jails/templates/14.3-RELEASE@base",
                "zroot/jails/containers/thin");
        host.expect("zfs", "destroy", "zroot/jails/containers/thin");
        host.expect("zfs", "destroy", "-r", "zroot/jails/templates");
        host.expect("zfs", "destroy", "-R", "zroot/jails/templates/14.3-RELEASE@base");

        zfs.set("zroot/jails", "com.example:owner", "alice bob");
        zfs.snapshot("zroot/jails/templates/14.3-RELEASE@base");
        zfs.clone("zroot/jails/templates/14.3-RELEASE@base", "zroot/jails/containers/thin",
                Map.of("mountpoint", "/j/thin"));
        zfs.destroy("zroot/jails/containers/thin", DestroyMode.NONE);
        zfs.destroy("zroot/jails/templates", DestroyMode.RECURSIVE);
        zfs.destroy("zroot/jails/templates/14.3-RELEASE@base", DestroyMode.DEPENDENTS);

        assertThat(host.ran()).hasSize(6);
    }

    @Test
    void destroyWithDependentClonesThrowsWithTheList() {
        // freebsd-facts 1.6
        host.expect("zfs", "destroy", "zroot/t@base").exit(1).stderr(
                "cannot destroy 'zroot/t@base': snapshot has dependent clones\n"
                        + "use '-R' to destroy the following datasets:\nzroot/c/thinjail\n");

        assertThatThrownBy(() -> zfs.destroy("zroot/t@base", DestroyMode.NONE))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("snapshot has dependent clones")
                .hasMessageContaining("zroot/c/thinjail");
    }

    @Test
    void destroyOfHeldSnapshotThrowsWithZfsText() {
        Transcript t = Transcript.load("zfs-destroy-error/001.txt");
        host.expect("zfs", "destroy", "zroot/var/tmp@test").exit(1).stderr(t.output());

        assertThatThrownBy(() -> zfs.destroy("zroot/var/tmp@test", DestroyMode.NONE))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("it's being held");
    }

    @Test
    void destroyRefusesAWholePool() {
        assertThatThrownBy(() -> zfs.destroy("zroot", DestroyMode.RECURSIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole pool");
        assertThat(host.ran()).isEmpty();
    }

    @Test
    void versionParsesBothLines() {
        host.expect("zfs", "version").stdout(Transcript.load("zfs-version/002.txt").output());

        ZfsVersion v = zfs.version();

        assertThat(v.userlandRelease()).isEqualTo("2.2.7");
        assertThat(v.kernelRelease()).isEqualTo("2.3.5");
        assertThat(v.supportsJson()).isFalse();
    }

    @Test
    void valueIfSetTreatsDashAsUnset() {
        var unset = new ZfsProperty("zroot/jails", "com.example:owner", "-", ZfsPropertySource.parse("-"));
        assertThat(unset.valueIfSet()).isEqualTo(Optional.empty());
    }
}
