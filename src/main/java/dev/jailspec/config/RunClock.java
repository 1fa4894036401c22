package dev.jailspec.config;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The run's clock (jailspec.clock): {@code now} is the system clock in UTC; a date such as
 * {@code 2026-12-03} is that day's start in UTC, and an instant such as
 * {@code 2026-12-03T10:00:00Z} is itself, both fixed for the whole run. Which FreeBSD releases
 * are supported follows from it.
 */
public final class RunClock {
    private RunClock() {
    }

    public static Optional<Clock> parse(String value) {
        if (value.equals("now")) {
            return Optional.of(Clock.systemUTC());
        }
        try {
            return Optional.of(Clock.fixed(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
        } catch (DateTimeParseException notADate) {
            try {
                return Optional.of(Clock.fixed(Instant.parse(value), ZoneOffset.UTC));
            } catch (DateTimeParseException notAnInstant) {
                return Optional.empty();
            }
        }
    }
}
