package dev.jailspec.parameters;

import io.cucumber.java.ParameterType;
import java.time.Duration;

/** The feature files' own words: "30 seconds", "@base". */
public final class ParameterTypes {

    @ParameterType("(\\d+) (seconds?|minutes?)")
    public Duration duration(String amount, String unit) {
        long n = Long.parseLong(amount);
        return unit.startsWith("minute") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }

    /** A snapshot name as written in the how-to, with its '@': "@base" gives "base". */
    @ParameterType("\"@([A-Za-z0-9_.:-]+)\"")
    public String snapshot(String name) {
        return name;
    }
}
