package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The owner references of the stored objects, kept on each write of the store, and the objects the garbage
 * collector has to look at again because of a write: the collector then reads those and their neighbours, not the
 * whole store ({@link GarbageCollector} decides on them as on the whole store).
 *
 * <p>An object becomes a <em>candidate</em> when
 * <ul>
 * <li>it is written with an owner that does not exist (or lives in another namespace), or with an owner being
 * deleted in the foreground or with {@code Orphan};</li>
 * <li>it is written while being deleted with {@code foregroundDeletion} or {@code orphan} itself;</li>
 * <li>one of its owners is removed;</li>
 * <li>a dependent of it is written or removed while it is being deleted with one of those finalizers.</li>
 * </ul>
 * A {@link Scope} of candidates is what the collector reads: the candidates, their dependents and the owners of
 * all those. It decides deletes and owner-reference removals for the candidates and their dependents (whose owners
 * it has read) and finalizer removals for the candidates (whose dependents it has read). Not thread-safe: the store
 * calls it under its own lock.
 *
 * @param <K> the store's key of an object
 */
final class OwnerIndex<K> {

    private record Entry(String uid, String namespace, List<String> ownerUids, boolean releasing) {}

    private final Map<K, Entry> byKey = new HashMap<>();
    private final Map<String, K> keyByUid = new HashMap<>();
    private final Map<String, Set<K>> dependentsByOwnerUid = new HashMap<>();
    private final Set<String> candidates = new LinkedHashSet<>();

    /**
     * What the collector reads and what it may act on.
     *
     * @param read the keys of the objects to read
     * @param decide the uids whose delete or owner-reference removal it may carry out
     * @param release the uids whose finalizer removal it may carry out
     */
    record Scope<K>(Set<K> read, Set<String> decide, Set<String> release) {
        boolean isEmpty() {
            return read.isEmpty();
        }

        /** Whether the action is one this scope has read enough to decide. */
        boolean covers(GarbageCollector.Action action) {
            String uid = GarbageCollector.uid(action.object());
            return action instanceof GarbageCollector.RemoveFinalizer ? release.contains(uid) : decide.contains(uid);
        }
    }

    /** The object now stored under that key: its ownership view ({@code apiVersion}, {@code kind}, metadata). */
    void put(K key, JsonNode object) {
        Entry old = unlink(key);
        Entry entry = entry(object);
        byKey.put(key, entry);
        if (!entry.uid().isEmpty()) {
            keyByUid.put(entry.uid(), key);
        }
        for (String ownerUid : entry.ownerUids()) {
            dependentsByOwnerUid
                    .computeIfAbsent(ownerUid, u -> new LinkedHashSet<>(2))
                    .add(key);
        }
        if (entry.releasing()) {
            candidates.add(entry.uid());
        }
        for (String ownerUid : entry.ownerUids()) {
            Entry owner = entryOf(ownerUid);
            if (owner == null || !sameNamespaceOrClusterScoped(owner, entry) || owner.releasing()) {
                candidates.add(entry.uid());
            }
        }
        releasingOwnersOf(old);
        releasingOwnersOf(entry);
    }

    /** The object stored under that key is gone. */
    void remove(K key) {
        Entry old = unlink(key);
        if (old == null) {
            return;
        }
        for (K dependent : dependentsByOwnerUid.getOrDefault(old.uid(), Set.of())) {
            candidates.add(byKey.get(dependent).uid());
        }
        releasingOwnersOf(old);
    }

    void clear() {
        byKey.clear();
        keyByUid.clear();
        dependentsByOwnerUid.clear();
        candidates.clear();
    }

    boolean hasCandidates() {
        return !candidates.isEmpty();
    }

    /** The scope of the candidates so far, which are then no longer candidates. */
    Scope<K> takeScope() {
        Set<String> release = new LinkedHashSet<>();
        for (String uid : candidates) {
            if (keyByUid.containsKey(uid)) {
                release.add(uid);
            }
        }
        candidates.clear();
        Set<String> decide = new LinkedHashSet<>(release);
        for (String uid : release) {
            for (K dependent : dependentsByOwnerUid.getOrDefault(uid, Set.of())) {
                decide.add(byKey.get(dependent).uid());
            }
        }
        Set<K> read = new LinkedHashSet<>();
        for (String uid : decide) {
            K key = keyByUid.get(uid);
            if (key == null) {
                continue;
            }
            read.add(key);
            for (String ownerUid : byKey.get(key).ownerUids()) {
                K owner = keyByUid.get(ownerUid);
                if (owner != null) {
                    read.add(owner);
                }
            }
        }
        return new Scope<>(read, decide, release);
    }

    /** How many objects the index holds. */
    int size() {
        return byKey.size();
    }

    private Entry unlink(K key) {
        Entry old = byKey.remove(key);
        if (old == null) {
            return null;
        }
        if (!old.uid().isEmpty() && key.equals(keyByUid.get(old.uid()))) {
            keyByUid.remove(old.uid());
        }
        for (String ownerUid : old.ownerUids()) {
            Set<K> dependents = dependentsByOwnerUid.get(ownerUid);
            if (dependents != null) {
                dependents.remove(key);
                if (dependents.isEmpty()) {
                    dependentsByOwnerUid.remove(ownerUid);
                }
            }
        }
        return old;
    }

    /** An owner being deleted with a collector's finalizer waits for its dependents: look at it again. */
    private void releasingOwnersOf(Entry dependent) {
        if (dependent == null) {
            return;
        }
        for (String ownerUid : dependent.ownerUids()) {
            Entry owner = entryOf(ownerUid);
            if (owner != null && owner.releasing()) {
                candidates.add(ownerUid);
            }
        }
    }

    private Entry entryOf(String uid) {
        K key = keyByUid.get(uid);
        return key == null ? null : byKey.get(key);
    }

    private static boolean sameNamespaceOrClusterScoped(Entry owner, Entry dependent) {
        return owner.namespace().isEmpty() || owner.namespace().equals(dependent.namespace());
    }

    private static Entry entry(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        List<String> owners = new ArrayList<>(1);
        metadata.path("ownerReferences").forEach(r -> owners.add(r.path("uid").asText()));
        boolean releasing = GarbageCollector.beingDeletedWith(object, GarbageCollector.FOREGROUND)
                || GarbageCollector.beingDeletedWith(object, GarbageCollector.ORPHAN);
        return new Entry(
                GarbageCollector.uid(object), metadata.path("namespace").asText(""), List.copyOf(owners), releasing);
    }
}
