package dev.datacenter.operator.claims;

import dev.datacenter.operator.cluster.ClusterWrites;
import dev.datacenter.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events about ResourcePools and PersistentVolumeClaimSets (a pool over its limit, a claim
 * abandoned or wiped). Cluster-scoped objects' events go to the {@code default} namespace, as kubectl
 * expects. Written on a background thread; a failed write is logged and dropped.
 */
@ApplicationScoped
public class ObjectEvents {
    private static final Logger LOG = Logger.getLogger(ObjectEvents.class);
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    @Inject
    ClusterWrites writes;

    private final Map<String, String> lastMessage = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "datacenter-object-events");
        t.setDaemon(true);
        return t;
    });

    /** Records an event. */
    public void record(HasMetadata object, String type, String reason, String message) {
        Event event = event(object, type, reason, message, Instant.now());
        writer.execute(() -> write(event));
    }

    /** Records an event unless the previous one of this reason for this object said the same. */
    public void recordOnChange(HasMetadata object, String type, String reason, String message) {
        String key = object.getKind() + "/" + object.getMetadata().getNamespace() + "/"
                + object.getMetadata().getName() + "/" + reason;
        if (!Objects.equals(lastMessage.put(key, message), message)) {
            record(object, type, reason, message);
        }
    }

    private void write(Event event) {
        try {
            writes.create(event);
        } catch (RuntimeException e) {
            LOG.debugf("event %s not written: %s", event.getReason(), e.getMessage());
        }
    }

    private static Event event(HasMetadata object, String type, String reason, String message, Instant now) {
        String time = Conditions.timestamp(now);
        String namespace = object.getMetadata().getNamespace() == null
                ? "default"
                : object.getMetadata().getNamespace();
        return new EventBuilder()
                .withNewMetadata()
                .withName(object.getMetadata().getName() + "."
                        + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
                .withNamespace(namespace)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(object.getApiVersion())
                .withKind(object.getKind())
                .withName(object.getMetadata().getName())
                .withNamespace(object.getMetadata().getNamespace())
                .withUid(object.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
                .withCount(1)
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withNewSource()
                .withComponent("datacenter-operator")
                .endSource()
                .withReportingComponent("datacenter-operator")
                .build();
    }

    @PreDestroy
    void stop() {
        writer.shutdownNow();
    }
}
