package dev.datacenter.operator.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The objects of our kinds that do not decode, as the informers see them now: skipped by the typed
 * caches, counted by kind, logged once per name and generation (a status write does not log it again),
 * and handed to the listeners
 * (who report them on the object's status, on the leader).
 */
@ApplicationScoped
public class UndecodableObjects {
    private static final Logger LOG = Logger.getLogger(UndecodableObjects.class);

    private final Map<String, Map<String, UndecodableObject>> byKind = new ConcurrentHashMap<>();
    private final List<Consumer<UndecodableObject>> listeners = new CopyOnWriteArrayList<>();

    /** Told of every undecodable object seen (again), on an informer's thread: keep it short. */
    public void addListener(Consumer<UndecodableObject> listener) {
        listeners.add(listener);
    }

    void report(UndecodableObject object) {
        UndecodableObject before = byKind.computeIfAbsent(object.kind(), k -> new ConcurrentHashMap<>())
                .put(object.key(), object);
        if (before == null || !before.sameProblem(object)) {
            LOG.warnf(
                    "%s %s (generation %s) cannot be read and is skipped: %s",
                    object.kind(), object.key(), object.raw().getMetadata().getGeneration(), object.message());
        }
        for (Consumer<UndecodableObject> listener : listeners) {
            try {
                listener.accept(object);
            } catch (RuntimeException e) {
                LOG.errorf(e, "undecodable-object listener failed");
            }
        }
    }

    /** The object decodes again, or is gone. */
    void resolved(String kind, String key) {
        Map<String, UndecodableObject> objects = byKind.get(kind);
        if (objects != null && objects.remove(key) != null) {
            LOG.infof("%s %s can be read again (or was deleted)", kind, key);
        }
    }

    /** How many objects of the kind do not decode now. */
    public int count(String kind) {
        Map<String, UndecodableObject> objects = byKind.get(kind);
        return objects == null ? 0 : objects.size();
    }

    /** The undecodable objects of a kind now. */
    public List<UndecodableObject> of(String kind) {
        Map<String, UndecodableObject> objects = byKind.get(kind);
        return objects == null ? List.of() : new ArrayList<>(objects.values());
    }

    public List<UndecodableObject> all() {
        List<UndecodableObject> out = new ArrayList<>();
        byKind.values().forEach(objects -> out.addAll(objects.values()));
        return out;
    }
}
