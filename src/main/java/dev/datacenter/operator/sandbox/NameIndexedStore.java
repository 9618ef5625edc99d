package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.model.Json;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mock API server's object store with an index by {@code metadata.name}. fabric8's CRUD dispatcher finds an
 * object by testing every stored object's attributes against the request's ({@code O(n)} per request, and a copy of
 * every entry per GET): at 50,000 pods each read or write of one pod cost milliseconds on the server's one event
 * loop. With this index a request that names its object tests only the stored objects of that name (in every kind
 * and namespace), then the same attribute match fabric8 applies, so the answer is the same.
 *
 * <p>It also keeps the owner references of the stored objects ({@link OwnerIndex}), so the garbage collector reads
 * only the objects a write concerns, not the whole store.
 *
 * <p>fabric8 changes its store through {@code put}, {@code remove} and {@code clear} only; those keep the indexes.
 * Every method is synchronized: the sandbox reads the index outside fabric8's lock.
 */
final class NameIndexedStore extends LinkedHashMap<AttributeSet, String> {
    private static final String NAME = "name";

    private final Map<String, Set<AttributeSet>> byName = new HashMap<>();
    /** The owner references of the stored objects, for the garbage collector. */
    private final OwnerIndex<AttributeSet> owners = new OwnerIndex<>();
    /** The key of the newest {@link #put}: the attributes fabric8 stored a changed object under. */
    private AttributeSet lastPut;
    /** Counts the changes of stored CustomResourceDefinitions, so that what is read from them can be kept. */
    private volatile long crdChanges;

    long crdChanges() {
        return crdChanges;
    }

    private void noteChange(String value) {
        if (value != null && value.contains("\"CustomResourceDefinition\"")) {
            crdChanges++;
        }
    }

    /** Puts an indexed store in place of the dispatcher's own, keeping what it holds. */
    static NameIndexedStore install(CrudDispatcher dispatcher) {
        try {
            Field field = CrudDispatcher.class.getDeclaredField("map");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<AttributeSet, String> current = (Map<AttributeSet, String>) field.get(dispatcher);
            NameIndexedStore store = new NameIndexedStore();
            store.putAll(current);
            field.set(dispatcher, store);
            return store;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot index the mock server's store", e);
        }
    }

    /** The stored object whose attributes satisfy the query, when the query names one; null otherwise. */
    synchronized Map.Entry<AttributeSet, String> find(AttributeSet query) {
        String name = name(query);
        if (name == null) {
            return null;
        }
        for (AttributeSet candidate : byName.getOrDefault(name, Set.of())) {
            if (candidate.matches(query)) {
                return new AbstractMap.SimpleImmutableEntry<>(candidate, super.get(candidate));
            }
        }
        return null;
    }

    /** Every stored object whose attributes satisfy the query, when the query names them; empty otherwise. */
    synchronized List<Map.Entry<AttributeSet, String>> findAll(AttributeSet query) {
        String name = name(query);
        List<Map.Entry<AttributeSet, String>> found = new ArrayList<>(1);
        if (name == null) {
            return found;
        }
        for (AttributeSet candidate : byName.getOrDefault(name, Set.of())) {
            if (candidate.matches(query)) {
                found.add(new AbstractMap.SimpleImmutableEntry<>(candidate, super.get(candidate)));
            }
        }
        return found;
    }

    static boolean named(AttributeSet query) {
        return name(query) != null;
    }

    private static String name(AttributeSet set) {
        Attribute attribute = set.getAttribute(NAME);
        if (attribute == null || attribute.getValues().size() != 1) {
            return null;
        }
        return attribute.getValues().get(0).toString();
    }

    @Override
    public synchronized String put(AttributeSet key, String value) {
        String name = name(key);
        if (name != null) {
            byName.computeIfAbsent(name, n -> new LinkedHashSet<>(2)).add(key);
        }
        lastPut = key;
        indexOwners(key, value);
        String previous = super.put(key, value);
        noteChange(value);
        noteChange(previous);
        return previous;
    }

    private void indexOwners(AttributeSet key, String value) {
        JsonNode view;
        try {
            view = Json.parseOwnership(value);
        } catch (RuntimeException e) {
            view = Json.MAPPER.createObjectNode(); // not an object: it owns nothing and is owned by nothing
        }
        owners.put(key, view);
    }

    /** Whether a write since the last {@link #takeGarbageScope()} gave the garbage collector something to look at. */
    synchronized boolean hasGarbageCandidates() {
        return owners.hasCandidates();
    }

    /**
     * What the garbage collector has to look at because of the writes since the last call ({@link OwnerIndex}),
     * with the stored objects it reads (their ownership view), taken in one piece.
     */
    synchronized GarbageScope takeGarbageScope() {
        OwnerIndex.Scope<AttributeSet> scope = owners.takeScope();
        List<JsonNode> objects = new ArrayList<>(scope.read().size());
        for (AttributeSet key : scope.read()) {
            String value = super.get(key);
            if (value != null) {
                objects.add(Json.parseOwnership(value));
            }
        }
        return new GarbageScope(scope, objects);
    }

    /** A {@link OwnerIndex.Scope} and the objects it reads. */
    record GarbageScope(OwnerIndex.Scope<AttributeSet> scope, List<JsonNode> objects) {}

    /** The key of the newest put, or null. */
    synchronized AttributeSet lastPut() {
        return lastPut;
    }

    /** A copy of what the store holds, in one piece. */
    synchronized Map<AttributeSet, String> snapshot() {
        return new LinkedHashMap<>(this);
    }

    @Override
    public synchronized void putAll(Map<? extends AttributeSet, ? extends String> m) {
        m.forEach(this::put);
    }

    @Override
    public synchronized String remove(Object key) {
        if (key instanceof AttributeSet set) {
            String name = name(set);
            Set<AttributeSet> sets = name == null ? null : byName.get(name);
            if (sets != null) {
                sets.remove(set);
                if (sets.isEmpty()) {
                    byName.remove(name);
                }
            }
        }
        if (key instanceof AttributeSet set) {
            owners.remove(set);
        }
        String removed = super.remove(key);
        noteChange(removed);
        return removed;
    }

    @Override
    public synchronized void clear() {
        byName.clear();
        owners.clear();
        super.clear();
        crdChanges++;
    }

    @Override
    public synchronized String get(Object key) {
        return super.get(key);
    }
}
