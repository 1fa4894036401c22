package dev.jailspec.report;

import dev.jailspec.event.Outcome;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the run's scenario outcomes mean once the waivers are applied: a waived scenario that
 * failed is a known failure; a waived one that passed can lose its waiver; an unwaived failure
 * or an expired waiver fails the build.
 */
public record WaiverVerdict(List<String> failures, List<Waiver> knownFailures, List<Waiver> removable,
                            List<Waiver> expired) {
    public WaiverVerdict {
        failures = List.copyOf(failures);
        knownFailures = List.copyOf(knownFailures);
        removable = List.copyOf(removable);
        expired = List.copyOf(expired);
    }

    /**
     * @param outcomes each scenario's name and how it ended, in run order (a name run twice keeps
     *                 its worst outcome: one failure is enough)
     */
    public static WaiverVerdict of(List<Waiver> waivers, LocalDate today, List<Map.Entry<String, Outcome>> outcomes) {
        Map<String, Boolean> failed = new LinkedHashMap<>();
        for (Map.Entry<String, Outcome> o : outcomes) {
            failed.merge(o.getKey(), failedOutcome(o.getValue()), Boolean::logicalOr);
        }
        List<String> failures = new ArrayList<>();
        List<Waiver> known = new ArrayList<>();
        List<Waiver> removable = new ArrayList<>();
        failed.forEach((name, f) -> {
            Optional<Waiver> w = waiverFor(waivers, name);
            if (f && w.isPresent()) {
                known.add(w.get());
            } else if (f) {
                failures.add(name);
            } else if (w.isPresent()) {
                removable.add(w.get());
            }
        });
        List<Waiver> expired = waivers.stream().filter(w -> w.expiredOn(today)).toList();
        return new WaiverVerdict(failures, known, removable, expired);
    }

    /** Cucumber's statuses that fail a run: FAILED, AMBIGUOUS, UNDEFINED and PENDING (strict mode). */
    public static boolean failedOutcome(Outcome o) {
        return o == Outcome.FAILED || o == Outcome.AMBIGUOUS || o == Outcome.UNDEFINED || o == Outcome.PENDING;
    }

    public static Optional<Waiver> waiverFor(List<Waiver> waivers, String scenario) {
        return waivers.stream().filter(w -> w.scenario().equals(scenario)).findFirst();
    }

    public boolean failsBuild() {
        return !failures.isEmpty() || !expired.isEmpty();
    }

    /** What to print: every category that is not empty, one line each. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        failures.forEach(f -> out.add("FAILED (not waived): '" + f + "'"));
        expired.forEach(w -> out.add("EXPIRED waiver, line " + w.line() + " of " + WaiverFile.PATH + ": " + w.describe()
                + " - fix the scenario or extend the waiver with a reason"));
        knownFailures.forEach(w -> out.add("known failure: " + w.describe()));
        removable.forEach(w -> out.add("waiver can be removed (the scenario passed): " + w.describe()));
        return out;
    }
}
