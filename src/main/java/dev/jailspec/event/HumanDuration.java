package dev.jailspec.event;

import java.time.Duration;

/**
 * The one way jailspec prints a duration for a person: {@code 300 ms}, {@code 12 s},
 * {@code 5 min}. In the lowest layer so that every layer's messages say it alike.
 */
public final class HumanDuration {
    private HumanDuration() {
    }

    public static String of(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) {
            return ms + " ms";
        }
        return ms % 60_000 == 0 ? ms / 60_000 + " min" : ms / 1000 + " s";
    }
}
