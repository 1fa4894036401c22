package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZfsNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"zroot", "zroot/jails", "zdata/jails/rocky-9.6_base:x", "z/a.b/c-d"})
    void acceptsDatasetNames(String name) {
        assertThat(ZfsNames.requireDataset(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zdata/jails/../x | component '..' is not allowed",
            "zdata/./x        | component '.' is not allowed",
            "lr;dev           | component 'lr;dev' has a character outside [A-Za-z0-9_.:-]",
            "zdata//x         | empty component",
            "zdata/x/         | leading or trailing '/'",
            "/zdata/x         | leading or trailing '/'",
            "zdata/x@snap     | '@' belongs in snapshot names only",
            "1pool/x          | the pool name must begin with a letter",
            "zdata/a b        | character outside",
    })
    void rejectsBadDatasetNamesSayingWhy(String name, String why) {
        assertThatThrownBy(() -> ZfsNames.requireDataset(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zdata/jails                 | a snapshot name needs '@'",
            "zdata/jails@a@b             | more than one '@'",
            "zdata/jails@                | empty snapshot name after '@'",
            "zdata/jails@a/b             | snapshot part 'a/b'",
            "zdata/../jails@base         | dataset part: component '..' is not allowed",
    })
    void rejectsBadSnapshotNames(String name, String why) {
        assertThatThrownBy(() -> ZfsNames.requireSnapshot(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zdata/jails/templates/14.3-RELEASE@base", "zroot@x"})
    void acceptsSnapshotNames(String name) {
        assertThat(ZfsNames.requireSnapshot(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mountpoint", "compression", "userquota@alice", "com.example:owner", "custom:costcenter"})
    void acceptsPropertyNames(String name) {
        assertThat(ZfsNames.requireProperty(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Com.Example:Owner | lowercase",
            "-x:y              | cannot begin with '-'",
            "MountPoint        | native property names are lowercase",
            "mount=point       | native property names are lowercase",
    })
    void rejectsBadPropertyNames(String name, String why) {
        assertThatThrownBy(() -> ZfsNames.requireProperty(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 300})
    void rejectsOverlongDatasetNames(int length) {
        String name = "z/" + "a".repeat(length - 2);
        assertThatThrownBy(() -> ZfsNames.requireDataset(name)).hasMessageContaining("longer than 255");
    }
}
