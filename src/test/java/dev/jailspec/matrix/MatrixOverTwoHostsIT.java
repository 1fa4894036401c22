package dev.jailspec.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jailspec.config.Matrix;
import dev.jailspec.config.Setting;
import dev.jailspec.freebsd.FreebsdRelease;
import dev.jailspec.freebsd.FreebsdReleases;
import dev.jailspec.host.ssh.TestSshd;
import dev.jailspec.matrix.HostScheduler.Event;
import dev.jailspec.matrix.HostScheduler.Placement;
import dev.jailspec.provision.SimTargetOverSsh;
import dev.jailspec.report.MatrixCell;
import dev.jailspec.report.MatrixPage;
import dev.jailspec.report.ReportListeners;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureServer;
import dev.jailspec.sim.fixtures.LinuxFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A release matrix spread over two hosts (issue 13): two simulated FreeBSD hosts, each resident
 * behind a real OpenSSH sshd of its own ({@link SimTargetOverSsh}), both of the newest release the
 * catalogue supports today, with one fixture mirror serving every cell's FreeBSD and Rocky release.
 * First the two cells of the newest release with Rocky 9 and 10 run the real features, one on each
 * host, at the same time (two cells: each more would add a whole run of the features to the build);
 * then the 2 × 2 cells of two FreeBSD and two Rocky releases, each a few features, and one host's
 * sshd is killed once its first cell has begun a scenario: that cell fails with the transport error
 * and the cells still queued run on the other host; last, a cell given to the host that is gone
 * goes back to the queue before any of its scenarios begins and runs on the other. Its own failsafe
 * execution (pom.xml), its reports under target/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MatrixOverTwoHostsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The failover's cells: enough scenarios for the kill to land inside the cell, in a few seconds each. */
    private static final String FEW_FEATURES = "features/01_host_preflight.feature,features/02_release_template.feature,"
            + "features/03_thin_jail.feature";

    private static Path dir;
    private static FixtureServer mirror;
    private static SimTargetOverSsh first;
    private static SimTargetOverSsh second;
    private static MatrixHost a;
    private static MatrixHost b;
    private static List<Matrix.Cell> cells;
    private static String newest;

    @BeforeAll
    static void twoHostsAndOneMirror() throws IOException {
        TestSshd.assumeInstalled();
        dir = Files.createTempDirectory("jailspec-two-hosts-");
        List<FreebsdRelease> supported = FreebsdReleases.supportedAt(Instant.now()).stream()
                .sorted(Comparator.comparing(FreebsdRelease::version).reversed()).limit(2).toList();
        assertThat(supported).as("two FreeBSD releases supported today: " + FreebsdReleases.describeSupported(Instant.now())
                + " (the catalogue, freebsd.FreebsdReleases, has fallen behind)").hasSize(2);
        newest = supported.get(0).name();
        cells = Matrix.parse("freebsd=" + supported.get(1).name() + "," + newest + ";rocky=9,10", "rocky").cells();
        mirror = FixtureServer.start();
        supported.forEach(r -> mirror.serveFreebsd(FixtureArchives.freebsd(r.name())));
        String rockyPath = LinuxFixtures.serve(mirror, "rocky", "9", "oci");
        LinuxFixtures.serve(mirror, "rocky", "10", "oci");
        var given = new Properties();
        given.setProperty(Setting.SIM_RELEASE.key(), newest);
        given.setProperty(Setting.FREEBSD_RELEASE.key(), newest);
        given.setProperty(Setting.FREEBSD_MIRROR.key(), mirror.url("/ftp").toString());
        given.setProperty(Setting.FREEBSD_ARCHIVE_MIRROR.key(), mirror.url(FixtureServer.ARCHIVE_ROOT).toString());
        given.setProperty("jailspec.rocky.mirror", mirror.url(rockyPath).toString());
        first = SimTargetOverSsh.start(Files.createDirectories(dir.resolve("a")), given);
        second = SimTargetOverSsh.start(Files.createDirectories(dir.resolve("b")), given);
        a = host(first);
        b = host(second);
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {first, second, mirror}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.out.println("jailspec: could not stop " + c + ": " + e);
            }
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static MatrixHost host(SimTargetOverSsh target) {
        Map<String, String> p = target.systemProperties();
        return new MatrixHost(p.get(Setting.TARGET.key()), p);
    }

    private static Path reports(String name) {
        return Path.of("target", "matrix-over-two-hosts", name).toAbsolutePath();
    }

    private static Map<String, String> runProperties(Optional<String> features) {
        var p = new java.util.LinkedHashMap<String, String>();
        p.put("features.exclude", System.getProperty("features.exclude", "optional"));
        features.ifPresent(f -> p.put(CellMain.SELECT, f));
        return p;
    }

    @Test
    @Order(1)
    void theMatrixRunsTheFeaturesOnBothHostsInParallel() throws Exception {
        Path reports = reports("both");

        List<Matrix.Cell> newestCells = cells.stream().filter(c -> c.values().get(Matrix.Axis.FREEBSD).equals(newest)).toList();

        List<MatrixRun.Result> results = new MatrixRun(reports, List.of(a, b), runProperties(Optional.empty()), e -> { })
                .run(newestCells, c -> Optional.empty());

        List<Placement<Matrix.Cell>> placed = results.stream().map(r -> r.placement().orElseThrow()).toList();
        assertThat(placed).hasSize(2).as("every cell passed").allSatisfy(p -> assertThat(p.outcome().passed())
                .as(p.cell().id() + ": " + p.outcome()).isTrue());
        assertThat(placed).extracting(p -> p.host().orElseThrow()).containsExactly(a, b);
        assertThat(placed.get(0).overlaps(placed.get(1))).as("the cells on the two hosts ran at the same time: " + placed)
                .isTrue();
        assertThat(results).allSatisfy(r -> assertThat(r.page().scenarios()).as(r.cell().id()).hasSizeGreaterThan(10));
        assertMergedReport(reports, placed);
    }

    @Test
    @Order(2)
    void aHostThatDropsOutFailsItsCellAndTheOtherHostTakesTheRest() throws Exception {
        Path reports = reports("failover");
        List<Event<Matrix.Cell>> events = Collections.synchronizedList(new ArrayList<>());
        var run = new MatrixRun(reports, List.of(a, b), runProperties(Optional.of(FEW_FEATURES)), events::add);
        CompletableFuture<List<MatrixRun.Result>> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run.run(cells, c -> Optional.empty());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        Matrix.Cell onB = await("the first cell on " + b).atMost(Duration.ofSeconds(60)).until(() -> startedOn(events, b),
                Optional::isPresent).orElseThrow();
        Path log = CellLauncher.dirOf(reports.resolve(ReportListeners.CELLS), onB).resolve(ReportListeners.EVENT_LOG);
        await("a scenario of " + onB.id() + " begun on " + b + " (" + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20)).until(() -> beganAScenario(log));
        second.behind().sshd().kill();

        List<MatrixRun.Result> results = running.get(3, TimeUnit.MINUTES);

        List<Placement<Matrix.Cell>> placed = results.stream().map(r -> r.placement().orElseThrow()).toList();
        Placement<Matrix.Cell> lost = placed.stream().filter(p -> p.cell().equals(onB)).findFirst().orElseThrow();
        assertThat(lost.host()).contains(b);
        assertThat(lost.outcome()).isInstanceOfSatisfying(CellOutcome.HostLost.class, l -> {
            assertThat(l.cellStarted()).isTrue();
            assertThat(l.reason()).as("the transport's error").isNotBlank();
        });
        assertThat(placed).filteredOn(p -> !p.cell().equals(onB)).hasSize(cells.size() - 1)
                .allSatisfy(p -> {
                    assertThat(p.host()).as(p.cell().id()).contains(a);
                    assertThat(p.outcome().passed()).as(p.cell().id() + ": " + p.outcome()).isTrue();
                });
        assertThat(placed.stream().filter(p -> p.host().equals(Optional.of(a))).anyMatch(lost::overlaps))
                .as("the two hosts ran cells at the same time").isTrue();
        Event.HostDropped<Matrix.Cell> dropped = events.stream().filter(e -> e instanceof Event.HostDropped<Matrix.Cell>)
                .map(e -> (Event.HostDropped<Matrix.Cell>) e).findFirst().orElseThrow();
        assertThat(dropped.host()).isEqualTo(b);
        assertThat(dropped.left()).containsExactly(a);
        assertThat(dropped.queued()).as("the cells still queued moved to " + a).isNotEmpty();
        MatrixRun.Result lostResult = results.stream().filter(r -> r.cell().equals(onB)).findFirst().orElseThrow();
        assertThat(lostResult.page().status()).isEqualTo(MatrixPage.CellStatus.FAILED);
        assertThat(lostResult.page().reason()).hasValueSatisfying(r -> assertThat(r).startsWith("its host dropped out: "));
        assertMergedReport(reports, placed);
    }

    @Test
    @Order(3)
    void aHostThatCannotBeReachedHandsBackItsCellBeforeItBegins() throws Exception {
        second.behind().sshd().kill();  // gone since the test before; killed here too, should that one not have got so far
        Matrix.Cell cell = cells.get(0);
        List<Event<Matrix.Cell>> events = Collections.synchronizedList(new ArrayList<>());

        List<MatrixRun.Result> results = new MatrixRun(reports("unreachable"), List.of(b, a),
                runProperties(Optional.of("features/01_host_preflight.feature")), events::add).run(List.of(cell), c -> Optional.empty());

        Placement<Matrix.Cell> placed = results.get(0).placement().orElseThrow();
        assertThat(placed.host()).as("run again on the host left").contains(a);
        assertThat(placed.outcome().passed()).as(placed.outcome().toString()).isTrue();
        assertThat(events).filteredOn(e -> e instanceof Event.Started<Matrix.Cell>)
                .extracting(e -> ((Event.Started<Matrix.Cell>) e).host()).containsExactly(b, a);
        assertThat(events).filteredOn(e -> e instanceof Event.HostDropped<Matrix.Cell>).singleElement()
                .satisfies(e -> {
                    var dropped = (Event.HostDropped<Matrix.Cell>) e;
                    assertThat(dropped.host()).isEqualTo(b);
                    assertThat(dropped.requeued()).as("none of its scenarios had begun").contains(cell);
                    assertThat(dropped.reason()).as("the transport's error").contains("127.0.0.1");
                });
    }

    private static Optional<Matrix.Cell> startedOn(List<Event<Matrix.Cell>> events, MatrixHost host) {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof Event.Started<Matrix.Cell> s && s.host().equals(host))
                    .map(e -> ((Event.Started<Matrix.Cell>) e).cell()).findFirst();
        }
    }

    private static boolean beganAScenario(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return false;
        }
        for (String line : Files.readAllLines(log)) {
            try {
                if ("ScenarioStarted".equals(JSON.readTree(line).path("type").asText())) {
                    return true;
                }
            } catch (JsonProcessingException e) {
                // the line being written: the next poll reads it whole
            }
        }
        return false;
    }

    /** One report of every cell: matrix.md names each, and every cell's results carry its cell and its host. */
    private static void assertMergedReport(Path reports, List<Placement<Matrix.Cell>> placed) throws IOException {
        String page = Files.readString(reports.resolve(MatrixPage.MARKDOWN));
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(reports.resolve(ReportListeners.ALLURE_RESULTS))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                results.add(JSON.readTree(f.toFile()));
            }
        }
        for (Placement<Matrix.Cell> p : placed) {
            assertThat(page).contains(p.cell().id()).contains("**" + p.cell().id() + "** ran on " + p.host().orElseThrow());
            String freebsd = p.cell().values().get(Matrix.Axis.FREEBSD);
            String rocky = p.cell().values().get(Matrix.Axis.LINUX);
            assertThat(results).as("the merged results of " + p.cell().id()).anySatisfy(r -> {
                assertThat(parameter(r, "FreeBSD")).contains(freebsd);
                assertThat(parameter(r, "Rocky")).contains(rocky);
                assertThat(parameter(r, MatrixCell.HOST_PARAMETER)).contains(p.host().orElseThrow().name());
            });
        }
    }

    private static Optional<String> parameter(JsonNode result, String name) {
        for (JsonNode p : result.path("parameters")) {
            if (name.equals(p.path("name").asText())) {
                return Optional.of(p.path("value").asText());
            }
        }
        return Optional.empty();
    }
}
