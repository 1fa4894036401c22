package dev.jailspec.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code id} links the start, output and end of one command; {@code env} holds the variables the
 * command sets on top of the host's environment (e.g. {@code PAGER=cat} for freebsd-update), so
 * a runbook can show the command exactly as it ran.
 */
public record CommandStarted(Instant at, long id, List<String> argv, String host, Map<String, String> env)
        implements JailspecEvent {
    public CommandStarted {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    public CommandStarted(Instant at, long id, List<String> argv, String host) {
        this(at, id, argv, host, Map.of());
    }
}
