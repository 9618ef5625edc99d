package dev.datacenter.operator.app;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.claims.ObjectEvents;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kubernetes Events about DataCenterApps (placements, failures, decline summaries), rate-limited: at
 * most one event per app and reason per {@code datacenter.events.min-interval}; what comes in between
 * is counted, and when the interval ends the newest of them is recorded with that count ("and N more like
 * it"), so that a burst of 50 placements of an app is two events that tell all of it, not 50 (as
 * kube-scheduler's event broadcaster correlates similar events). {@link ObjectEvents} writes them, on a
 * background thread.
 */
@ApplicationScoped
public class AppEvents {
    public static final String NORMAL = ObjectEvents.NORMAL;
    public static final String WARNING = ObjectEvents.WARNING;

    @Inject
    ObjectEvents events;

    @ConfigProperty(name = "datacenter.events.min-interval", defaultValue = "30s")
    Duration minInterval;

    /** An app and reason's window: since {@code last}, {@code suppressed} events held back, the newest {@code held}. */
    private record Window(Instant last, int suppressed, Held held) {}

    private record Held(DataCenterApp app, String type, String reason, String message) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "datacenter-app-events");
        t.setDaemon(true);
        return t;
    });

    /**
     * Records an event about a user's action (a failed rollback-to) at once, outside the rate limit: the
     * user is waiting for the answer to what they asked.
     */
    public void recordAction(DataCenterApp app, String type, String reason, String message) {
        events.record(app, type, reason, message);
    }

    /**
     * Records an event unless one with this reason was recorded for the app within the interval; one held back
     * is recorded, with the count of those held back, when the interval ends.
     */
    public void record(DataCenterApp app, String type, String reason, String message) {
        String key = app.getMetadata().getNamespace() + "/" + app.getMetadata().getName() + "/" + reason;
        Instant now = Instant.now();
        int[] suppressed = {-1};
        Instant[] flushAt = {null};
        windows.compute(key, (k, w) -> {
            if (w == null || !now.isBefore(w.last().plus(minInterval))) {
                suppressed[0] = w == null ? 0 : w.suppressed();
                return new Window(now, 0, null);
            }
            if (w.suppressed() == 0) {
                flushAt[0] = w.last().plus(minInterval);
            }
            return new Window(w.last(), w.suppressed() + 1, new Held(app, type, reason, message));
        });
        if (flushAt[0] != null) {
            long delay = Math.max(0, Duration.between(now, flushAt[0]).toMillis());
            flusher.schedule(() -> flush(key, flushAt[0]), delay, TimeUnit.MILLISECONDS);
        }
        if (suppressed[0] < 0) {
            return;
        }
        events.record(app, type, reason, withCount(message, suppressed[0]));
    }

    /** The window that ended at {@code end}: its newest held-back event, with the count of the others. */
    private void flush(String key, Instant end) {
        Held[] held = {null};
        int[] others = {0};
        windows.computeIfPresent(key, (k, w) -> {
            if (w.suppressed() == 0 || !w.last().plus(minInterval).equals(end)) {
                return w; // recorded meanwhile by a newer event, which carried the count
            }
            held[0] = w.held();
            others[0] = w.suppressed() - 1;
            return new Window(Instant.now(), 0, null);
        });
        if (held[0] != null) {
            events.record(held[0].app(), held[0].type(), held[0].reason(), withCount(held[0].message(), others[0]));
        }
    }

    private static String withCount(String message, int others) {
        return others == 0 ? message : message + " (and " + others + " more like it since the last event)";
    }

    @PreDestroy
    void stop() {
        flusher.shutdownNow();
    }
}
