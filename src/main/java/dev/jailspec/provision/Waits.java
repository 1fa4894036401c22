package dev.jailspec.provision;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.HumanDuration;
import dev.jailspec.event.WaitFinished;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.FixedPollInterval;
import org.awaitility.pollinterval.IterativePollInterval;
import org.awaitility.pollinterval.PollInterval;

/**
 * Waiting on the host, never sleeping: Awaitility polls a probe until its value is right. Each
 * wait is reported (alias, timeout, polls), and a timeout says what was awaited and what the
 * probe last saw, e.g. the last {@code jls} output.
 */
public final class Waits {
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    /** The longest interval of {@link #untilBackingOff}. */
    static final Duration BACKED_OFF_INTERVAL = Duration.ofSeconds(2);

    private final EventBus bus;

    public Waits(EventBus bus) {
        this.bus = bus;
    }

    /**
     * Polls {@code probe} until {@code done} accepts its value; returns that value.
     *
     * @param describe turns the last value into text for the timeout message
     * @throws WaitTimeoutException naming the alias, the timeout and the last value seen
     */
    public <T> T until(String alias, Duration timeout, Callable<T> probe, Predicate<? super T> done,
                       Function<? super T, String> describe) {
        return until(alias, timeout, new FixedPollInterval(POLL_INTERVAL), probe, done, describe);
    }

    /**
     * As {@link #until}, for what may take seconds to minutes on a real host (a removed jail stays dying
     * until its sockets' TIME_WAIT ends): the interval doubles from 250 ms up to 2 s, so a long wait
     * does not ask the host four times a second throughout (issue 15).
     */
    public <T> T untilBackingOff(String alias, Duration timeout, Callable<T> probe, Predicate<? super T> done,
                                 Function<? super T, String> describe) {
        PollInterval doubling = IterativePollInterval.iterative(
                d -> d.multipliedBy(2).compareTo(BACKED_OFF_INTERVAL) > 0 ? BACKED_OFF_INTERVAL : d.multipliedBy(2),
                POLL_INTERVAL);
        return until(alias, timeout, doubling, probe, done, describe);
    }

    private <T> T until(String alias, Duration timeout, PollInterval interval, Callable<T> probe,
                        Predicate<? super T> done, Function<? super T, String> describe) {
        var last = new AtomicReference<T>();
        var polls = new AtomicInteger();
        long start = System.nanoTime();
        try {
            T value = Awaitility.await(alias)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(interval)
                    .ignoreExceptions()
                    .until(() -> {
                        polls.incrementAndGet();
                        T v = probe.call();
                        last.set(v);
                        return v;
                    }, done::test);
            publish(alias, timeout, start, polls.get(), true);
            return value;
        } catch (ConditionTimeoutException e) {
            publish(alias, timeout, start, polls.get(), false);
            String seen = last.get() == null ? "nothing (the probe never answered)" : describe.apply(last.get());
            throw new WaitTimeoutException("waited " + HumanDuration.of(timeout) + " for " + alias + " (" + polls.get()
                    + " polls) in vain; last seen:\n" + seen.indent(2).stripTrailing(), e);
        }
    }

    /**
     * Polls {@code condition} every {@code pollInterval} until it is true; returns false when
     * {@code timeout} ran out instead, for a caller that explains the timeout in its own terms (the
     * run lock names its holder). Unlike {@link #until}, an exception of the condition ends the wait.
     */
    public boolean untilTrue(String alias, Duration timeout, Duration pollInterval, Callable<Boolean> condition) {
        var polls = new AtomicInteger();
        long start = System.nanoTime();
        try {
            Awaitility.await(alias)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(pollInterval)
                    .until(() -> {
                        polls.incrementAndGet();
                        return condition.call();
                    });
            publish(alias, timeout, start, polls.get(), true);
            return true;
        } catch (ConditionTimeoutException e) {
            publish(alias, timeout, start, polls.get(), false);
            return false;
        }
    }

    private void publish(String alias, Duration timeout, long startNanos, int polls, boolean satisfied) {
        long elapsed = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        bus.publish(new WaitFinished(bus.now(), alias, timeout.toMillis(), elapsed, polls, satisfied));
    }

    /** A wait ran out of time; an AssertionError so a test report shows it as a failed expectation. */
    public static final class WaitTimeoutException extends AssertionError {
        WaitTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
