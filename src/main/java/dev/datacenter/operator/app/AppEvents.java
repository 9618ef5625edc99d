package dev.datacenter.operator.app;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.claims.ObjectEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kubernetes Events about DataCenterApps (placements, failures, decline summaries), rate-limited: at
 * most one event per app and reason per {@code datacenter.events.min-interval}; what comes in between
 * is counted and mentioned in the next one. {@link ObjectEvents} writes them, on a background thread.
 */
@ApplicationScoped
public class AppEvents {
    public static final String NORMAL = ObjectEvents.NORMAL;
    public static final String WARNING = ObjectEvents.WARNING;

    @Inject
    ObjectEvents events;

    @ConfigProperty(name = "datacenter.events.min-interval", defaultValue = "30s")
    Duration minInterval;

    private record Window(Instant last, int suppressed) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * Records an event about a user's action (a failed rollback-to) at once, outside the rate limit: the
     * user is waiting for the answer to what they asked.
     */
    public void recordAction(DataCenterApp app, String type, String reason, String message) {
        events.record(app, type, reason, message);
    }

    /** Records an event unless one with this reason was recorded for the app within the interval. */
    public void record(DataCenterApp app, String type, String reason, String message) {
        String key = app.getMetadata().getNamespace() + "/" + app.getMetadata().getName() + "/" + reason;
        Instant now = Instant.now();
        int[] suppressed = {-1};
        windows.compute(key, (k, w) -> {
            if (w == null || !now.isBefore(w.last().plus(minInterval))) {
                suppressed[0] = w == null ? 0 : w.suppressed();
                return new Window(now, 0);
            }
            return new Window(w.last(), w.suppressed() + 1);
        });
        if (suppressed[0] < 0) {
            return;
        }
        String text = suppressed[0] == 0
                ? message
                : message + " (and " + suppressed[0] + " more like it since the last event)";
        events.record(app, type, reason, text);
    }
}
