package dev.datacenter.operator.claims;

import dev.datacenter.operator.runtime.ResourceKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim conflicts the apps' reconciles found, by claim set, for the set's own status: a claim that
 * exists under the name an app's claim should get but belongs to another set or app, or one labelled for
 * the app but owned by something else. Held in memory: every app reconcile recomputes its own entry.
 */
@ApplicationScoped
public class ClaimConflicts {
    private final Map<ResourceKey, Map<String, List<String>>> bySet = new ConcurrentHashMap<>();

    /**
     * Replaces what {@code app} found about {@code set}.
     *
     * @return whether that changed anything
     */
    public boolean record(ResourceKey set, String app, List<String> messages) {
        Map<String, List<String>> apps = bySet.computeIfAbsent(set, k -> new ConcurrentHashMap<>());
        List<String> before = messages.isEmpty() ? apps.remove(app) : apps.put(app, List.copyOf(messages));
        return !Objects.equals(before == null ? List.of() : before, messages);
    }

    /** Every conflict of the set, ordered by app. */
    public List<String> of(ResourceKey set) {
        Map<String, List<String>> apps = bySet.getOrDefault(set, Map.of());
        return new TreeMap<>(apps).values().stream().flatMap(List::stream).toList();
    }

    /** Forgets what a deleted app found. */
    public void forgetApp(String namespace, String app) {
        bySet.forEach((set, apps) -> {
            if (Objects.equals(set.namespace(), namespace)) {
                apps.remove(app);
            }
        });
    }
}
