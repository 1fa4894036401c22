package dev.jailspec.report;

import java.net.URI;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A known failure that expires: the scenario (its name in the feature), why it fails, the ticket
 * that tracks it and the last day the waiver holds. {@code line} is where it stands in the file.
 */
public record Waiver(String scenario, String reason, URI ticket, LocalDate expires, int line) {
    public Waiver {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(expires, "expires");
    }

    /** Past its last day on {@code today} (a waiver holds through its expiry date). */
    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }

    /** One line for a report: {@code 'NAME' (waived until 2027-01-31, TICKET: REASON)}. */
    public String describe() {
        return "'" + scenario + "' (waived until " + expires + ", " + ticket + ": " + reason + ")";
    }
}
