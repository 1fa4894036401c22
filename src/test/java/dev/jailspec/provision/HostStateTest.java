package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.ScenarioFinished;
import dev.jailspec.event.ScenarioStarted;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import dev.jailspec.host.ObservedHost;
import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link HostState} answers from what it saw, and everything that makes it ask the host again:
 * a command that changes something (wherever it runs), a file write, a wait, a new scenario. Counted
 * from the commands on the bus, over the simulated host.
 */
class HostStateTest {
    private static final String ROOT = "zdata/jails";

    @TempDir
    Path dir;

    private final EventBus bus = new EventBus();
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();
    private Host host;
    private HostState state;

    @BeforeEach
    void observedSimHost() {
        host = new ObservedHost(SimHost.create(dir, SimHostSpec.defaults()), bus);
        bus.subscribe(CommandStarted.class, e -> commands.add(e.argv()));
        state = new HostState(host, ROOT);
        bus.register(state);
    }

    private long zfsGets() {
        return commands.stream().filter(a -> a.subList(0, 2).equals(List.of("zfs", "get"))).count();
    }

    @Test
    void repeatedQuestionsAboutDatasetsAskTheHostOnceWithOneRecursiveRead() {
        new Zfs(host).create(ROOT + "/containers", true, Map.of());
        commands.clear();

        assertThat(state.datasets().exists(ROOT)).isTrue();
        assertThat(state.datasets().exists(ROOT + "/containers")).isTrue();
        assertThat(state.datasets().exists(ROOT + "/templates")).isFalse();
        assertThat(state.datasets().mark(ROOT + "/containers")).hasValueSatisfying(m -> assertThat(m.isJailspecs()).isFalse());

        assertThat(commands).singleElement().satisfies(argv -> assertThat(argv)
                .containsSubsequence("zfs", "get", "-r", "type,mountpoint,origin,jailspec:owner,jailspec:run,jailspec:keep,jailspec:linux-image,jailspec:linux-recipe", ROOT));
    }

    @Test
    void aReadOnlyProbeKeepsWhatWasSeen() {
        state.datasets();
        new Jls(host).list();
        host.run(Command.probe("zfs", "list"));

        state.datasets();
        assertThat(zfsGets()).isEqualTo(1);
    }

    @Test
    void aCommandThatChangesTheHostForcesAReadThatSeesTheChange() {
        assertThat(state.datasets().exists(ROOT)).as("before zfs create").isFalse();

        new Zfs(host).create(ROOT, true, Map.of("jailspec:owner", "jailspec"));

        assertThat(state.datasets().exists(ROOT)).as("after zfs create").isTrue();
        assertThat(state.datasets().mark(ROOT)).hasValueSatisfying(m -> assertThat(m.isJailspecs()).isTrue());
        assertThat(zfsGets()).isEqualTo(2);
    }

    @Test
    void aChangeInsideAJailOrByAnyoneElseCountsToo() {
        state.datasets();
        // Not a typed tool and not a probe: whatever it is, it may have changed what was seen.
        host.run(Command.of("sh", "-c", "true"));

        state.datasets();
        assertThat(zfsGets()).isEqualTo(2);
    }

    @Test
    void aFileWriteForcesARead() {
        state.rcConf(List.of("jail_enable"));
        host.writeText("/etc/rc.conf", "jail_enable=\"YES\"\n");

        assertThat(state.rcConf(List.of("jail_enable"))).containsEntry("jail_enable", Optional.of("YES"));
        assertThat(commands).filteredOn(a -> a.get(0).equals("sysrc")).hasSize(2);
    }

    @Test
    void aWaitForcesARead() {
        state.datasets();
        new Waits(bus).until("something", Duration.ofSeconds(1), () -> true, done -> done, done -> "done");

        state.datasets();
        assertThat(zfsGets()).isEqualTo(2);
    }

    @Test
    void aNewScenarioForcesARead() {
        state.datasets();
        bus.publish(new ScenarioFinished(bus.now(), "one", dev.jailspec.event.Outcome.PASSED, ""));
        state.datasets();
        bus.publish(new ScenarioStarted(bus.now(), "two", "features/x.feature", List.of()));
        state.datasets();

        assertThat(zfsGets()).isEqualTo(3);
    }

    @Test
    void rcConfReadsOnlyWhatItHasNotSeenAndAllOfItInOneSysrc() {
        host.writeText("/etc/rc.conf", "jail_enable=\"YES\"\n");
        commands.clear();

        assertThat(state.rcConf(List.of("jail_enable"))).containsEntry("jail_enable", Optional.of("YES"));
        assertThat(state.rcConf(List.of("jail_enable", "jail_parallel_start", "no_such_variable")))
                .containsExactly(Map.entry("jail_enable", Optional.of("YES")),
                        Map.entry("jail_parallel_start", Optional.of("NO")),
                        Map.entry("no_such_variable", Optional.empty()));
        assertThat(state.rcConf(List.of("jail_parallel_start", "jail_enable"))).hasSize(2);

        assertThat(commands).containsExactly(List.of("sysrc", "jail_enable"),
                List.of("sysrc", "jail_parallel_start", "no_such_variable"));
    }

    @Test
    void aSysrcChangeIsSeenAtTheNextQuestion() {
        assertThat(state.rcConf(List.of("jail_enable"))).containsEntry("jail_enable", Optional.of("NO"));
        new Sysrc(host).set("jail_enable", "YES");

        assertThat(state.rcConf(List.of("jail_enable"))).containsEntry("jail_enable", Optional.of("YES"));
    }

    @Test
    void aNameOutsideTheRootIsNotAnsweredFromARecursiveReadOfTheRoot() {
        assertThatThrownBy(() -> state.datasets().exists("zdata"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zdata is not under the ZFS root zdata/jails");
        assertThatThrownBy(() -> state.datasets().exists("zdata/jailsx"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
