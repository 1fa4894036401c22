package dev.jailspec.parameters;

import io.cucumber.java.ParameterType;
import java.time.Duration;

/** The feature files' own words: "30 seconds", "@base", a file mode such as 1777. */
public final class ParameterTypes {

    @ParameterType("(\\d+) (seconds?|minutes?)")
    public Duration duration(String amount, String unit) {
        long n = Long.parseLong(amount);
        return unit.startsWith("minute") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }

    /**
     * A command as the feature writes it, in quotes: words separated by spaces become the argv,
     * so "dnf -y install dnf-command(config-manager)" is four arguments; no shell is involved.
     */
    @ParameterType("\"([^\"]+)\"")
    public java.util.List<String> command(String words) {
        return java.util.List.of(words.trim().split("\\s+"));
    }

    /** A file mode as chmod(1) writes it, in octal: 1777 is the sticky bit and rwx for all. */
    @ParameterType("[0-7]{3,4}")
    public Integer mode(String octal) {
        return Integer.parseInt(octal, 8);
    }

    /** A snapshot name as written in the how-to, with its '@': "@base" gives "base". */
    @ParameterType("\"@([A-Za-z0-9_.:-]+)\"")
    public String snapshot(String name) {
        return name;
    }
}
