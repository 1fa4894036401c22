package dev.jailspec.config;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The run's clock (jailspec.clock): {@code now} is the system clock in UTC; a date such as
 * {@code 2026-12-03} starts the run at that day's start in UTC, and an instant such as
 * {@code 2026-12-03T10:00:00Z} at itself. From there the clock runs on at the system clock's pace,
 * so what takes time on the host (a dying jail's release, a wait) still takes time, while which
 * FreeBSD releases are supported follows from the date given.
 */
public final class RunClock {
    private RunClock() {
    }

    private static Clock startingAt(Instant start) {
        Clock system = Clock.systemUTC();
        return Clock.offset(system, java.time.Duration.between(system.instant(), start));
    }

    public static Optional<Clock> parse(String value) {
        if (value.equals("now")) {
            return Optional.of(Clock.systemUTC());
        }
        try {
            return Optional.of(startingAt(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()));
        } catch (DateTimeParseException notADate) {
            try {
                return Optional.of(startingAt(Instant.parse(value)));
            } catch (DateTimeParseException notAnInstant) {
                return Optional.empty();
            }
        }
    }
}
