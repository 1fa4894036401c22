package dev.jailspec.matrix;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Spreads a matrix's cells over hosts: one queue in the matrix's order, each host one cell at a time
 * (a thread per host; on the host its RunLock is the lock), the hosts in parallel. A host that drops
 * out takes no more cells: the cell it was running fails with the transport error, or, when none of
 * its scenarios had begun, goes back to the head of the queue; the rest go to the hosts left. When
 * every host is gone the cells still queued are not run, each saying so. A dropped host is re-checked
 * ({@link Recheck}: a bounded number of attempts, its transport reconnecting) on the thread its cells
 * ran on, once per run; when one succeeds while cells are still queued, it takes cells again
 * ({@link Event.HostReadmitted}); dropping out again it stays out.
 * The run waits for a re-check only while cells are queued and no host is left to run them. All decisions
 * are made on the calling thread from the runs' outcomes, so the order is the queue's.
 */
final class HostScheduler<C> {
    /** Runs one cell on one host, blocking until it ends (a JVM per cell: {@link CellLauncher}). */
    interface CellRunner<C> {
        CellOutcome run(C cell, MatrixHost host) throws Exception;
    }

    /** One attempt to reach a dropped host again (its transport reconnects); bounded by the check itself. */
    interface HostCheck {
        boolean reconnects(MatrixHost host) throws Exception;
    }

    /** How a dropped host is re-checked: up to {@code attempts} times, {@code interval} apart; {@link #NONE}: never. */
    record Recheck(HostCheck check, int attempts, java.time.Duration interval) {
        static final Recheck NONE = new Recheck(h -> false, 0, java.time.Duration.ZERO);

        Recheck {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(interval, "interval");
            if (attempts < 0 || interval.isNegative()) {
                throw new IllegalArgumentException("a re-check needs attempts >= 0 and an interval >= 0, not "
                        + attempts + " and " + interval);
            }
        }
    }

    /** What the scheduler did, as it did it: for the console and for tests. */
    sealed interface Event<C> {
        record Started<C>(C cell, MatrixHost host) implements Event<C> {
        }

        record Finished<C>(Placement<C> placement) implements Event<C> {
        }

        /** {@code host} dropped out for {@code reason}; {@code requeued} went back to the queue; {@code left} take the rest. */
        record HostDropped<C>(MatrixHost host, String reason, Optional<C> requeued, List<C> queued, List<MatrixHost> left)
                implements Event<C> {
        }

        /** {@code host}, dropped earlier, reconnected at re-check {@code attempt} and takes {@code queued} with the others. */
        record HostReadmitted<C>(MatrixHost host, int attempt, List<C> queued) implements Event<C> {
        }

        /** {@code host} did not reconnect in {@code attempts} re-checks ({@code lastFailure}), or not before the queue emptied. */
        record HostStaysOut<C>(MatrixHost host, int attempts, String lastFailure) implements Event<C> {
        }
    }

    /** Where a cell ended: the host of its last run (empty when never run), the outcome, and when it ran. */
    record Placement<C>(C cell, Optional<MatrixHost> host, CellOutcome outcome, Instant started, Instant finished) {
        Placement {
            Objects.requireNonNull(cell, "cell");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(outcome, "outcome");
        }

        boolean overlaps(Placement<?> other) {
            return started.isBefore(other.finished) && other.started.isBefore(finished);
        }
    }

    /** What a thread of the pool hands back: a cell's run, or a dropped host's re-check. */
    private sealed interface Completion<C> {
    }

    private record Done<C>(C cell, MatrixHost host, CellOutcome outcome, Instant started, Instant finished)
            implements Completion<C> {
    }

    /** {@code attempt} is the one that reconnected, 0 when none did. */
    private record Rechecked<C>(MatrixHost host, int attempt, String lastFailure) implements Completion<C> {
    }

    private final List<MatrixHost> hosts;
    private final CellRunner<C> runner;
    private final java.util.function.Consumer<Event<C>> observer;
    private final Clock clock;
    private final Recheck recheck;

    HostScheduler(List<MatrixHost> hosts, CellRunner<C> runner, java.util.function.Consumer<Event<C>> observer, Clock clock) {
        this(hosts, runner, observer, clock, Recheck.NONE);
    }

    HostScheduler(List<MatrixHost> hosts, CellRunner<C> runner, java.util.function.Consumer<Event<C>> observer, Clock clock,
                  Recheck recheck) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a matrix runs on at least one host");
        }
        this.hosts = List.copyOf(hosts);
        this.runner = runner;
        this.observer = observer;
        this.clock = clock;
        this.recheck = Objects.requireNonNull(recheck, "recheck");
    }

    /** Runs every cell; returns each cell's placement, in the matrix's order. */
    List<Placement<C>> run(List<C> cells) throws InterruptedException {
        Deque<C> queue = new ArrayDeque<>(cells);
        Deque<MatrixHost> idle = new ArrayDeque<>(hosts);
        Map<MatrixHost, String> gone = new LinkedHashMap<>();
        Map<C, Placement<C>> placed = new LinkedHashMap<>();
        java.util.Set<MatrixHost> readmitted = new java.util.HashSet<>();  // re-checked hosts, each at most once
        ExecutorService pool = Executors.newFixedThreadPool(hosts.size(), r -> {
            Thread t = new Thread(r, "jailspec-matrix-host");
            t.setDaemon(true);
            return t;
        });
        CompletionService<Completion<C>> running = new ExecutorCompletionService<>(pool);
        int inFlight = 0;
        int rechecking = 0;
        try {
            while (true) {
                while (!queue.isEmpty() && !idle.isEmpty()) {
                    C cell = queue.poll();
                    MatrixHost host = idle.poll();
                    observer.accept(new Event.Started<>(cell, host));
                    running.submit(() -> runOne(cell, host));
                    inFlight++;
                }
                if (inFlight == 0 && (queue.isEmpty() || rechecking == 0)) {
                    break;  // nothing queued, or no host left to take what is and none being re-checked
                }
                Completion<C> completion = running.take().get();
                if (completion instanceof Rechecked<C> r) {
                    rechecking--;
                    if (r.attempt() > 0 && !queue.isEmpty()) {
                        gone.remove(r.host());
                        idle.add(r.host());
                        observer.accept(new Event.HostReadmitted<>(r.host(), r.attempt(), List.copyOf(queue)));
                    } else {
                        observer.accept(new Event.HostStaysOut<>(r.host(), recheck.attempts(), r.attempt() > 0
                                ? "it reconnected after the queue was empty" : r.lastFailure()));
                    }
                    continue;
                }
                Done<C> done = (Done<C>) completion;
                inFlight--;
                if (done.outcome() instanceof CellOutcome.HostLost lost) {
                    gone.put(done.host(), lost.reason());
                    Optional<C> requeued = lost.cellStarted() ? Optional.empty() : Optional.of(done.cell());
                    requeued.ifPresent(queue::addFirst);  // it was the oldest in the queue: it stays first
                    if (lost.cellStarted()) {
                        place(placed, done);
                    }
                    observer.accept(new Event.HostDropped<>(done.host(), lost.reason(), requeued, List.copyOf(queue),
                            hosts.stream().filter(h -> !gone.containsKey(h)).toList()));
                    if (recheck.attempts() > 0 && readmitted.add(done.host())) {  // once per host: a flapping host stays out
                        running.submit(() -> recheckOne(done.host(), lost.reason()));
                        rechecking++;
                    }
                } else {
                    place(placed, done);
                    idle.add(done.host());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the matrix's scheduler failed running a cell", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        String reason = "not run: every host dropped out (" + gone.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")) + ")";
        Instant now = clock.instant();
        for (C cell : queue) {
            Placement<C> p = new Placement<>(cell, Optional.empty(), new CellOutcome.NotRun(reason), now, now);
            placed.put(cell, p);
            observer.accept(new Event.Finished<>(p));
        }
        List<Placement<C>> inOrder = new ArrayList<>();
        cells.forEach(c -> inOrder.add(placed.get(c)));
        return inOrder;
    }

    private void place(Map<C, Placement<C>> placed, Done<C> done) {
        Placement<C> p = new Placement<>(done.cell(), Optional.of(done.host()), done.outcome(), done.started(), done.finished());
        placed.put(done.cell(), p);
        observer.accept(new Event.Finished<>(p));
    }

    /** Up to the re-check's attempts, its interval apart; interrupted (the run is over) it gives up. */
    private Rechecked<C> recheckOne(MatrixHost host, String dropped) {
        String last = dropped;
        for (int attempt = 1; attempt <= recheck.attempts(); attempt++) {
            try {
                if (attempt > 1) {
                    Thread.sleep(recheck.interval().toMillis());
                }
                if (recheck.check().reconnects(host)) {
                    return new Rechecked<>(host, attempt, "");
                }
                last = "re-check " + attempt + ": no connection";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Rechecked<>(host, 0, "the run ended during the re-check");
            } catch (Exception e) {
                last = "re-check " + attempt + ": " + e.getMessage();
            }
        }
        return new Rechecked<>(host, 0, last);
    }

    private Done<C> runOne(C cell, MatrixHost host) {
        Instant started = clock.instant();
        CellOutcome outcome;
        try {
            outcome = runner.run(cell, host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new CellOutcome.Ran(false, "interrupted while running on " + host);
        } catch (Exception e) {
            outcome = new CellOutcome.Ran(false, "could not run on " + host + ": " + e);
        }
        return new Done<>(cell, host, outcome, started, clock.instant());
    }
}
