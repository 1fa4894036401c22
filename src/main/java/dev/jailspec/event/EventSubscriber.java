package dev.jailspec.event;

import java.util.function.Consumer;

/**
 * A report that reads some event types registers one handler per type, as cucumber-jvm's
 * {@code ConcurrentEventListener} does with {@code registerHandlerFor}: no {@code instanceof}
 * chain over every event, and the types it reads are visible in one place.
 */
public interface EventSubscriber {
    /** Registers a handler for each event type this subscriber reads. */
    void subscribeTo(Handlers handlers);

    /** Where a subscriber registers its handlers ({@link EventBus#register(EventSubscriber)}). */
    interface Handlers {
        <T extends JailspecEvent> void on(Class<T> type, Consumer<? super T> handler);
    }
}
