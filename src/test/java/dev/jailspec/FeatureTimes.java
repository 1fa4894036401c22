package dev.jailspec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The wall time of the feature suite, per way of running it, kept in target/feature-times between
 * the two failsafe executions of one build (features over SSH to the simulator first, then on the
 * sim), so that the second prints both and their ratio. A measurement for the build output, not an
 * assertion: issue 12 asks that SSH cost at most three times the sim, and shows the ratio.
 */
final class FeatureTimes {
    static final double BOUND = 3.0;
    private static final Path DIR = Path.of("target", "feature-times");

    private FeatureTimes() {
    }

    static void record(String name, Duration took) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(name), Long.toString(took.toMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the suite's time in " + DIR, e);
        }
    }

    /** The time recorded under {@code name}, removed so that a later build without that run does not show it. */
    static Optional<Duration> take(String name) {
        Path file = DIR.resolve(name);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Duration took = Duration.ofMillis(Long.parseLong(Files.readString(file).strip()));
            Files.delete(file);
            return Optional.of(took);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** The line the build prints once both runs are measured. */
    static String comparison(Duration sim, Duration ssh) {
        double ratio = (double) ssh.toMillis() / Math.max(1, sim.toMillis());
        return String.format(Locale.ROOT, "jailspec: the features took %s on sim and %s over SSH (real OpenSSH to the"
                + " resident simulator): %.2f times the sim's time (issue 12's bound: %.0f times)%s", seconds(sim),
                seconds(ssh), ratio, BOUND, ratio > BOUND ? " -- OVER THE BOUND" : "");
    }
}
