package dev.datacenter.operator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Kubernetes Events about DataCenterApps (placements, failures, decline summaries), rate-limited: at
 * most one event per app and reason per {@code datacenter.events.min-interval}; what comes in between
 * is counted and mentioned in the next one. Written on a background thread, never blocking the caller;
 * a failed write is logged and dropped.
 */
@ApplicationScoped
public class AppEvents {
    private static final Logger LOG = Logger.getLogger(AppEvents.class);
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "datacenter.events.min-interval", defaultValue = "30s")
    Duration minInterval;

    private record Window(Instant last, int suppressed) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "datacenter-events");
        t.setDaemon(true);
        return t;
    });

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
        String text = suppressed[0] == 0 ? message : message + " (and " + suppressed[0] + " more like it since the last event)";
        Event event = event(app, type, reason, text, now);
        writer.execute(() -> write(event));
    }

    private void write(Event event) {
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (RuntimeException e) {
            LOG.debugf("event %s not written: %s", event.getReason(), e.getMessage());
        }
    }

    private static Event event(DataCenterApp app, String type, String reason, String message, Instant now) {
        String time = Conditions.timestamp(now);
        return new EventBuilder()
                .withNewMetadata()
                    .withName(app.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
                    .withNamespace(app.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion(app.getApiVersion())
                    .withKind(app.getKind())
                    .withName(app.getMetadata().getName())
                    .withNamespace(app.getMetadata().getNamespace())
                    .withUid(app.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
                .withCount(1)
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withNewSource().withComponent("datacenter-operator").endSource()
                .withReportingComponent("datacenter-operator")
                .build();
    }

    @PreDestroy
    void stop() {
        writer.shutdownNow();
    }
}
