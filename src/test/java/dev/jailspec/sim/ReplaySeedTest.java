package dev.jailspec.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.Command;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySeedTest {
    @TempDir
    Path dir;

    @Test
    void aSeedSetsTheHostWritesFilesAndRunsCommands() {
        ReplaySeed seed = ReplaySeed.parse("t/001.seed", """
                # why: a dataset with a property
                host pools=zroot,tank hostname=test
                file /etc/motd 0600
                | hello
                |
                | world
                $ zfs create -p 'zroot/var/newname'
                """, SimHostSpec.defaults());

        assertThat(seed.spec().pools()).containsExactly("zroot", "tank");
        assertThat(seed.spec().hostname()).isEqualTo("test");
        assertThat(seed.steps()).containsExactly(new ReplaySeed.WriteFile("/etc/motd", 0600, "hello\n\nworld\n"),
                new ReplaySeed.Run(List.of("zfs", "create", "-p", "zroot/var/newname")));
        SimHost host = SimHost.create(dir, seed.spec());
        seed.apply(host);
        assertThat(host.readText("/etc/motd")).isEqualTo("hello\n\nworld\n");
        assertThat(host.run(Command.of("zfs", "list", "-H", "-o", "name", "zroot/var/newname")).stdout())
                .isEqualTo("zroot/var/newname\n");
    }

    @Test
    void aLineOfNoKnownShapeIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> ReplaySeed.parse("t/001.seed", "# why: x\nzfs create zroot/a\n", SimHostSpec.defaults()))
                .hasMessageContaining("t/001.seed line 2").hasMessageContaining("expected '$ COMMAND'");
        assertThatThrownBy(() -> ReplaySeed.parse("t/001.seed", "| stray\n", SimHostSpec.defaults()))
                .hasMessageContaining("outside a 'file PATH'");
        assertThatThrownBy(() -> ReplaySeed.parse("t/001.seed", "host shell=csh\n", SimHostSpec.defaults()))
                .hasMessageContaining("hostname=, pools= or release=");
    }

    @Test
    void aSeedCommandThatFailsStopsTheReplaySayingWhy() {
        ReplaySeed seed = ReplaySeed.parse("t/001.seed", "$ zfs create nosuchpool/x\n", SimHostSpec.defaults());
        SimHost host = SimHost.create(dir, seed.spec());

        assertThatThrownBy(() -> seed.apply(host)).hasMessageContaining("the seed command 'zfs create nosuchpool/x' exited 1")
                .hasMessageContaining("no such pool");
    }
}
