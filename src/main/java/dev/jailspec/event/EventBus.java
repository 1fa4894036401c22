package dev.jailspec.event;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Thread-safe, ordered delivery: one event is handed to every listener before the next is
 * published, whatever thread publishes. A listener that throws is reported on stderr and does
 * not stop the others (a broken report must not break a run).
 */
public final class EventBus {
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final Object deliveryLock = new Object();
    private final Clock clock;

    public EventBus() {
        this(Clock.systemUTC());
    }

    public EventBus(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Adds a listener; returns a handle that removes it again. */
    public AutoCloseable subscribe(EventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public <T extends JailspecEvent> AutoCloseable subscribe(Class<T> type, Consumer<? super T> handler) {
        return subscribe(event -> {
            if (type.isInstance(event)) {
                handler.accept(type.cast(event));
            }
        });
    }

    /**
     * Subscribes each handler {@code subscriber} registers, in the order it registers them; the
     * handle returned removes them all again.
     */
    public AutoCloseable register(EventSubscriber subscriber) {
        var handles = new java.util.ArrayList<AutoCloseable>();
        subscriber.subscribeTo(new EventSubscriber.Handlers() {
            @Override
            public <T extends JailspecEvent> void on(Class<T> type, Consumer<? super T> handler) {
                handles.add(subscribe(type, handler));
            }
        });
        return () -> {
            for (AutoCloseable h : handles) {
                h.close();
            }
        };
    }

    public void publish(JailspecEvent event) {
        synchronized (deliveryLock) {
            for (EventListener listener : listeners) {
                try {
                    listener.on(event);
                } catch (RuntimeException e) {
                    System.err.println("jailspec: event listener " + listener + " failed on "
                            + event.type() + ": " + e);
                }
            }
        }
    }
}
