package dev.jailspec.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The hosts a release matrix is spread over ({@code jailspec.targets}): {@code ssh://} targets and at
 * most one {@code local}, separated by commas, each named once. Not {@code sim}: every cell on sim has
 * a simulated host of its own already.
 */
public record Targets(List<Target> hosts) {
    /** What jailspec.targets may be, for messages. */
    public static final String ALLOWED = "empty (the cells run one after the other on jailspec.target), or two or more"
            + " hosts separated by commas, each ssh://[user@]host[:port] or local, each once, e.g."
            + " ssh://root@192.0.2.10,ssh://root@192.0.2.11; with jailspec.matrix only, and without jailspec.target";

    public Targets {
        hosts = List.copyOf(hosts);
    }

    /** Parses {@code text}; a problem is an {@link IllegalArgumentException} saying what is wrong and what is allowed. */
    public static Targets parse(String text) {
        List<Target> hosts = new ArrayList<>();
        var seen = new LinkedHashSet<String>();
        for (String part : text.split(",", -1)) {
            String value = part.strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("an empty host in '" + text + "': " + ALLOWED);
            }
            Target host;
            try {
                host = Target.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (in jailspec.targets)", e);
            }
            if (!host.isReal()) {
                throw new IllegalArgumentException("'sim' cannot be one of jailspec.targets: each cell on sim has its own"
                        + " simulated host; leave jailspec.targets empty to run the matrix on sim");
            }
            if (!seen.add(value)) {
                throw new IllegalArgumentException("'" + value + "' is named twice in jailspec.targets: a host runs one"
                        + " cell at a time, so it is named once");
            }
            hosts.add(host);
        }
        if (hosts.size() < 2) {
            throw new IllegalArgumentException("jailspec.targets names one host ('" + text + "'): for one host set"
                    + " jailspec.target instead; jailspec.targets is for two or more");
        }
        return new Targets(hosts);
    }

    /** Empty when {@code text} is empty or parses, else what is wrong. */
    public static Optional<String> problem(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
