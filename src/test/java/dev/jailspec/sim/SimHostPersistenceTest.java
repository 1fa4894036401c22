package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimHostPersistenceTest {
    @TempDir
    Path dir;

    @Test
    void a_second_host_over_the_same_root_sees_the_datasets_and_snapshots() {
        SimHost first = SimTestSupport.freshHost(dir);
        ok(first, "zfs", "create", "-p", "zdata/jails/templates/14.3-RELEASE");
        first.writeText("/zdata/jails/templates/14.3-RELEASE/x", "1");
        ok(first, "zfs", "snapshot", "zdata/jails/templates/14.3-RELEASE@base");
        ok(first, "zfs", "set", "com.example:run=42", "zdata/jails");

        SimHost later = SimHost.create(dir, SimHostSpec.defaults().withRelease("14.2-RELEASE"));

        assertThat(ok(later, "zfs", "list", "-H", "-o", "name", "-t", "all", "-r", "zdata/jails"))
                .isEqualTo("zdata/jails\nzdata/jails/templates\nzdata/jails/templates/14.3-RELEASE\n"
                        + "zdata/jails/templates/14.3-RELEASE@base\n");
        assertThat(ok(later, "zfs", "get", "-H", "-o", "value", "com.example:run", "zdata/jails")).isEqualTo("42\n");
        assertThat(ok(later, "zfs", "version")).as("the stored host keeps its release").contains("2.2.7");
        ok(later, "zfs", "clone", "zdata/jails/templates/14.3-RELEASE@base", "zdata/jails/c");
        assertThat(later.readText("/zdata/jails/c/x")).isEqualTo("1");
    }

    @Test
    void the_state_file_is_json_under_var_db() throws Exception {
        SimTestSupport.freshHost(dir);

        Path state = dir.resolve("var/db/jailspec-sim/state.json");
        assertThat(state).isRegularFile();
        assertThat(Files.readString(state)).contains("\"datasets\"", "\"zdata\"");
        try (var files = Files.list(state.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void commands_from_many_threads_do_not_lose_updates() throws Exception {
        SimHost a = SimTestSupport.freshHost(dir);
        SimHost b = SimHost.create(dir, SimHostSpec.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            SimHost h = i % 2 == 0 ? a : b;
            String name = "zdata/d" + i;
            results.add(pool.submit(() -> ok(h, "zfs", "create", name)));
        }
        for (Future<String> f : results) {
            f.get();
        }
        pool.shutdown();

        List<String> names = new ArrayList<>(ok(a, "zfs", "list", "-H", "-o", "name").lines().toList());
        Collections.sort(names);
        assertThat(names).hasSize(25).contains("zdata/d0", "zdata/d23");
    }
}
