package dev.jailspec.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.matrix.HostScheduler.Event;
import dev.jailspec.matrix.HostScheduler.Placement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class HostSchedulerTest {
    private static final MatrixHost A = MatrixHost.target("ssh://a");
    private static final MatrixHost B = MatrixHost.target("ssh://b");
    private static final List<String> CELLS = List.of("c1", "c2", "c3", "c4");

    private final List<Event<String>> events = Collections.synchronizedList(new ArrayList<>());
    /** cell -> the hosts it was run on, in order. */
    private final Map<String, List<String>> runs = new ConcurrentHashMap<>();
    /** Open once the scheduler has dealt with a host dropping out (its observer runs on the scheduler's thread). */
    private final CountDownLatch dropSeen = new CountDownLatch(1);

    /** Open once the scheduler has let a dropped host back in. */
    private final CountDownLatch readmitSeen = new CountDownLatch(1);

    private HostScheduler<String> scheduler(List<MatrixHost> hosts, HostScheduler.CellRunner<String> runner) {
        return scheduler(hosts, runner, HostScheduler.Recheck.NONE);
    }

    private HostScheduler<String> scheduler(List<MatrixHost> hosts, HostScheduler.CellRunner<String> runner,
                                            HostScheduler.Recheck recheck) {
        HostScheduler.CellRunner<String> recording = (cell, host) -> {
            runs.computeIfAbsent(cell, c -> Collections.synchronizedList(new ArrayList<>())).add(host.name());
            return runner.run(cell, host);
        };
        return new HostScheduler<>(hosts, recording, e -> {
            events.add(e);
            if (e instanceof Event.HostDropped<String>) {
                dropSeen.countDown();
            }
            if (e instanceof Event.HostReadmitted<String>) {
                readmitSeen.countDown();
            }
        }, Clock.systemUTC(), recheck);
    }

    private static HostScheduler.Recheck recheck(HostScheduler.HostCheck check) {
        return new HostScheduler.Recheck(check, 3, java.time.Duration.ZERO);
    }

    private List<Event.HostReadmitted<String>> readmitted() {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof Event.HostReadmitted<String>)
                    .map(e -> (Event.HostReadmitted<String>) e).toList();
        }
    }

    private List<Event.HostStaysOut<String>> staysOut() {
        synchronized (events) {
            return events.stream().filter(e -> e instanceof Event.HostStaysOut<String>)
                    .map(e -> (Event.HostStaysOut<String>) e).toList();
        }
    }

    /** A's first cell ends only after B's drop was dealt with: the order of what follows is then fixed. */
    private void awaitTheDrop(String cell) throws InterruptedException {
        if (cell.equals("c1")) {
            assertThat(dropSeen.await(10, TimeUnit.SECONDS)).as("the drop was dealt with").isTrue();
        }
    }

    private Event.HostDropped<String> theDrop() {
        return events.stream().filter(e -> e instanceof Event.HostDropped<String>).map(e -> (Event.HostDropped<String>) e)
                .findFirst().orElseThrow();
    }

    private static CellOutcome passed() {
        return new CellOutcome.Ran(true, "");
    }

    @Test
    void twoHostsRunInParallelEachOneCellAtATime() throws Exception {
        var bothBusy = new CyclicBarrier(2);
        Map<String, AtomicInteger> busy = Map.of(A.name(), new AtomicInteger(), B.name(), new AtomicInteger());
        List<Integer> seenPerHost = Collections.synchronizedList(new ArrayList<>());
        List<Placement<String>> placed = scheduler(List.of(A, B), (cell, host) -> {
            seenPerHost.add(busy.get(host.name()).incrementAndGet());
            if (cell.equals("c1") || cell.equals("c2")) {
                bothBusy.await(10, TimeUnit.SECONDS);  // only returns when the other host runs a cell too
            }
            busy.get(host.name()).decrementAndGet();
            return passed();
        }).run(CELLS);

        assertThat(placed).extracting(Placement::cell).containsExactlyElementsOf(CELLS);
        assertThat(placed).allMatch(p -> p.outcome().passed());
        assertThat(placed).extracting(p -> p.host().orElseThrow().name()).contains(A.name(), B.name());
        assertThat(placed.get(0).overlaps(placed.get(1))).as("the first two cells ran at the same time").isTrue();
        assertThat(seenPerHost).as("no host ever ran two cells at once").containsOnly(1);
        assertThat(runs.values()).allMatch(hostsOfCell -> hostsOfCell.size() == 1);
    }

    @Test
    void aHostLostDuringItsCellFailsThatCellAndTheRestMoveToTheHostLeft() throws Exception {
        List<Placement<String>> placed = scheduler(List.of(A, B), (cell, host) -> {
            if (host == B) {
                return new CellOutcome.HostLost("connection refused", true);
            }
            awaitTheDrop(cell);
            return passed();
        }).run(CELLS);

        assertThat(placed.get(1).host()).contains(B);
        assertThat(placed.get(1).outcome()).isEqualTo(new CellOutcome.HostLost("connection refused", true));
        assertThat(List.of(placed.get(0), placed.get(2), placed.get(3))).allMatch(p -> p.host().equals(Optional.of(A))
                && p.outcome().passed());
        assertThat(theDrop().host()).isEqualTo(B);
        assertThat(theDrop().requeued()).isEmpty();
        assertThat(theDrop().queued()).containsExactly("c3", "c4");
        assertThat(theDrop().left()).containsExactly(A);
        assertThat(runs.get("c2")).as("the cell that was running is not run again").containsExactly(B.name());
    }

    @Test
    void aHostGoneBetweenCellsHandsItsCellBackAtTheHeadOfTheQueue() throws Exception {
        List<String> orderOnA = Collections.synchronizedList(new ArrayList<>());
        List<Placement<String>> placed = scheduler(List.of(A, B), (cell, host) -> {
            if (host == B) {
                return new CellOutcome.HostLost("ssh: connect to host b port 22: Connection refused", false);
            }
            orderOnA.add(cell);
            awaitTheDrop(cell);
            return passed();
        }).run(CELLS);

        assertThat(orderOnA).as("c2 went back first: the matrix's order is kept").containsExactly("c1", "c2", "c3", "c4");
        assertThat(placed).allMatch(p -> p.host().equals(Optional.of(A)) && p.outcome().passed());
        assertThat(theDrop().requeued()).contains("c2");
        assertThat(theDrop().queued()).containsExactly("c2", "c3", "c4");
    }

    @Test
    void whenEveryHostIsGoneTheQueuedCellsAreNotRunAndSaySo() throws Exception {
        List<Placement<String>> placed = scheduler(List.of(A, B), (cell, host) ->
                new CellOutcome.HostLost(host == A ? "A is off" : "B is off", cell.equals("c1"))).run(CELLS);

        assertThat(placed).extracting(Placement::cell).containsExactlyElementsOf(CELLS);
        Placement<String> c1 = placed.get(0);
        assertThat(c1.outcome()).isInstanceOf(CellOutcome.HostLost.class);
        List<Placement<String>> notRun = placed.stream().filter(p -> p.outcome() instanceof CellOutcome.NotRun).toList();
        assertThat(notRun).as("c1 failed where it started; every other cell found no host").hasSize(3);
        assertThat(notRun).allSatisfy(p -> {
            assertThat(p.host()).isEmpty();
            assertThat(((CellOutcome.NotRun) p.outcome()).reason()).startsWith("not run: every host dropped out (")
                    .contains("ssh://a: A is off").contains("ssh://b: B is off");
        });
        assertThat(events.stream().filter(e -> e instanceof Event.HostDropped<String>)).hasSize(2);
    }

    @Test
    void aCellThatCannotBeLaunchedFailsAndItsHostTakesTheNext() throws Exception {
        List<Placement<String>> placed = scheduler(List.of(A), (cell, host) -> {
            if (cell.equals("c1")) {
                throw new java.io.IOException("cannot run java");
            }
            return passed();
        }).run(CELLS);

        assertThat(placed.get(0).outcome()).isEqualTo(new CellOutcome.Ran(false, "could not run on ssh://a:"
                + " java.io.IOException: cannot run java"));
        assertThat(placed.subList(1, 4)).allMatch(p -> p.outcome().passed());
    }

    @Test
    void oneHostRunsTheCellsInTheMatrixOrder() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        scheduler(List.of(A), (cell, host) -> {
            order.add(cell);
            return passed();
        }).run(CELLS);

        assertThat(order).containsExactlyElementsOf(CELLS);
    }

    @Test
    void aDroppedHostThatReconnectsAtARecheckTakesCellsAgain() throws Exception {
        var checks = new AtomicInteger();
        var bDropped = new AtomicInteger();
        List<Placement<String>> placed = scheduler(List.of(A, B), (cell, host) -> {
            if (host == B && bDropped.getAndIncrement() == 0) {
                return new CellOutcome.HostLost("ssh: connect to host b port 22: Connection refused", false);
            }
            if (host == A && cell.equals("c1")) {
                // A holds on to its first cell until B is back, so cells are still queued when it is
                assertThat(readmitSeen.await(10, TimeUnit.SECONDS)).as("B was let back in").isTrue();
            }
            return passed();
        }, recheck(host -> checks.incrementAndGet() == 2)).run(CELLS);

        assertThat(readmitted()).singleElement().satisfies(r -> {
            assertThat(r.host()).isEqualTo(B);
            assertThat(r.attempt()).as("the first re-check failed, the second reconnected").isEqualTo(2);
            assertThat(r.queued()).containsExactly("c2", "c3", "c4");
        });
        assertThat(placed).allMatch(p -> p.outcome().passed());
        assertThat(runs.get("c2")).as("handed back by B, then run by B again once it was back").containsExactly(B.name(), B.name());
        assertThat(staysOut()).isEmpty();
    }

    @Test
    void aHostWhoseRechecksAllFailStaysOutAndSaysWhy() throws Exception {
        List<Placement<String>> placed = scheduler(List.of(A, B), (cell, host) -> {
            if (host == B) {
                return new CellOutcome.HostLost("connection refused", false);
            }
            if (cell.equals("c1")) {
                // the re-checks end before A's first cell: the host staying out is decided while cells are queued
                await(() -> !staysOut().isEmpty());
            }
            return passed();
        }, recheck(host -> {
            throw new java.net.ConnectException("Connection refused");
        })).run(CELLS);

        assertThat(placed).allMatch(p -> p.host().equals(Optional.of(A)) && p.outcome().passed());
        assertThat(staysOut()).singleElement().satisfies(o -> {
            assertThat(o.host()).isEqualTo(B);
            assertThat(o.attempts()).isEqualTo(3);
            assertThat(o.lastFailure()).isEqualTo("re-check 3: Connection refused");
        });
        assertThat(readmitted()).isEmpty();
    }

    @Test
    void withNoHostLeftTheRunWaitsForTheRecheckAndTheHostRunsTheRest() throws Exception {
        var first = new AtomicInteger();
        List<Placement<String>> placed = scheduler(List.of(A), (cell, host) -> first.getAndIncrement() == 0
                ? new CellOutcome.HostLost("A is off", false) : passed(), recheck(host -> true)).run(CELLS);

        assertThat(placed).allMatch(p -> p.host().equals(Optional.of(A)) && p.outcome().passed());
        assertThat(readmitted()).singleElement().satisfies(r -> assertThat(r.queued())
                .isEqualTo(CELLS));
    }

    @Test
    void aHostIsLetBackInOnceDroppingAgainItStaysOut() throws Exception {
        var checks = new AtomicInteger();
        List<Placement<String>> placed = scheduler(List.of(A), (cell, host) -> new CellOutcome.HostLost("A flaps", false),
                recheck(host -> {
                    checks.incrementAndGet();
                    return true;
                })).run(CELLS);

        assertThat(checks).as("re-checked after the first drop only").hasValue(1);
        assertThat(runs.get("c1")).containsExactly(A.name(), A.name());
        assertThat(placed).allMatch(p -> p.outcome() instanceof CellOutcome.NotRun);
    }

    @Test
    void theRunDoesNotWaitForARecheckOnceTheQueueIsDone() throws Exception {
        var never = new CountDownLatch(1);
        List<Placement<String>> placed = scheduler(List.of(A, B), (cell, host) -> {
            if (host == B) {
                return new CellOutcome.HostLost("connection refused", false);
            }
            awaitTheDrop(cell);
            return passed();
        }, recheck(host -> never.await(1, TimeUnit.MINUTES))).run(CELLS);  // a check that hangs: the run ends anyway

        assertThat(placed).allMatch(p -> p.host().equals(Optional.of(A)) && p.outcome().passed());
        assertThat(readmitted()).isEmpty();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(condition);
    }
}
