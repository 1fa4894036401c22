package dev.jailspec.event;

/** Receives every event, in publication order, on the publishing thread. */
@FunctionalInterface
public interface EventListener {
    void on(JailspecEvent event);
}
