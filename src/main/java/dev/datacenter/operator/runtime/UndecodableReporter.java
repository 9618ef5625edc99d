package dev.datacenter.operator.runtime;

import dev.datacenter.operator.cluster.UndecodableObject;
import dev.datacenter.operator.cluster.UndecodableObjectWriter;
import dev.datacenter.operator.cluster.UndecodableObjects;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * On the leader, reports each object that does not decode on the object itself: {@code Ready=False},
 * reason {@code InvalidSpec} with the decode error on its status (written only when that changes), and
 * one Warning event per object and problem. On a background thread: never on an informer's.
 */
@ApplicationScoped
public class UndecodableReporter {
    private static final Logger LOG = Logger.getLogger(UndecodableReporter.class);

    @Inject
    UndecodableObjects undecodable;

    @Inject
    UndecodableObjectWriter writer;

    private final Map<String, UndecodableObject> evented = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "datacenter-undecodable-reporter");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean leading;

    void start() {
        undecodable.addListener(this::seen);
    }

    void onLeadership(@Observes LeadershipChanged change) {
        leading = change.leading();
        if (leading) {
            evented.clear();
            undecodable.all().forEach(this::seen);
        }
    }

    private void seen(UndecodableObject object) {
        if (leading) {
            worker.execute(() -> report(object));
        }
    }

    private void report(UndecodableObject object) {
        if (!leading) {
            return;
        }
        Instant now = Instant.now();
        try {
            writer.writeInvalidSpec(object, now);
        } catch (RuntimeException e) {
            LOG.debugf("status of %s %s not written: %s", object.kind(), object.key(), e.getMessage());
        }
        String key = object.kind() + "/" + object.key();
        UndecodableObject before = evented.put(key, object);
        if (before == null || !before.sameProblem(object)) {
            writer.recordEvent(object, now);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
