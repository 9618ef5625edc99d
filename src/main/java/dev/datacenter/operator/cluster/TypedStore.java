package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The decoded objects of one of our kinds, by key ({@code namespace/name}) and by index: what a typed
 * informer's store was, filled by {@link DecodingHandler} from a generic informer. Objects are the
 * store's own: never modify them. Thread-safe; writes come from the informer's one thread.
 */
final class TypedStore<T extends HasMetadata> {
    static final String BY_NAMESPACE = "namespace";

    private final Map<String, Function<T, List<String>>> indexers = new HashMap<>();
    private final Map<String, T> objects = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> indices = new HashMap<>();

    TypedStore(Map<String, Function<T, List<String>>> indexers) {
        this.indexers.putAll(indexers);
        this.indexers.put(
                BY_NAMESPACE,
                o -> o.getMetadata().getNamespace() == null
                        ? List.of()
                        : List.of(o.getMetadata().getNamespace()));
    }

    static String keyOf(HasMetadata object) {
        return CacheIndexes.key(
                object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    synchronized void put(T object) {
        String key = keyOf(object);
        T old = objects.put(key, object);
        if (old != null) {
            unindex(key, old);
        }
        indexers.forEach((index, function) -> {
            for (String value : values(function, object)) {
                indices.computeIfAbsent(index, i -> new HashMap<>())
                        .computeIfAbsent(value, v -> new HashSet<>())
                        .add(key);
            }
        });
    }

    /** @return the object that was stored under the key, if any */
    synchronized Optional<T> remove(String key) {
        T old = objects.remove(key);
        if (old != null) {
            unindex(key, old);
        }
        return Optional.ofNullable(old);
    }

    synchronized Optional<T> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    synchronized List<T> list() {
        return new ArrayList<>(objects.values());
    }

    synchronized List<T> byIndex(String index, String value) {
        Set<String> keys = indices.getOrDefault(index, Map.of()).getOrDefault(value, Set.of());
        List<T> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            out.add(objects.get(key));
        }
        return out;
    }

    synchronized int size() {
        return objects.size();
    }

    private void unindex(String key, T old) {
        indexers.forEach((index, function) -> {
            Map<String, Set<String>> byValue = indices.get(index);
            if (byValue == null) {
                return;
            }
            for (String value : values(function, old)) {
                Set<String> keys = byValue.get(value);
                if (keys != null) {
                    keys.remove(key);
                    if (keys.isEmpty()) {
                        byValue.remove(value);
                    }
                }
            }
        });
    }

    /** An index function that throws indexes the object under nothing: one object never breaks a cache. */
    private static <T> List<String> values(Function<T, List<String>> function, T object) {
        try {
            List<String> values = function.apply(object);
            return values == null ? List.of() : values;
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
