package dev.datacenter.operator.sandbox;

import static dev.datacenter.operator.sandbox.GarbageCollectorTest.deleting;
import static dev.datacenter.operator.sandbox.GarbageCollectorTest.object;
import static dev.datacenter.operator.sandbox.GarbageCollectorTest.ownedBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.model.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OwnerIndexTest {

    /** A store of objects by name with the index beside it, as {@link NameIndexedStore} keeps them. */
    static final class Store {
        final Map<String, JsonNode> objects = new LinkedHashMap<>();
        final OwnerIndex<String> index = new OwnerIndex<>();

        void put(JsonNode object) {
            String name = object.path("metadata").path("name").asText();
            objects.put(name, object);
            index.put(name, object);
        }

        void remove(String name) {
            objects.remove(name);
            index.remove(name);
        }

        /** The collector's actions on the scope the index gives, as the sandbox takes them. */
        List<GarbageCollector.Action> collect() {
            OwnerIndex.Scope<String> scope = index.takeScope();
            List<JsonNode> read = scope.read().stream().map(objects::get).toList();
            return GarbageCollector.collect(read).stream().filter(scope::covers).toList();
        }
    }

    @Test
    void writesThatConcernNoOwnerGiveTheCollectorNothingToRead() {
        Store store = new Store();
        store.put(object("o", "1", ""));
        store.put(object("a", "2", ownedBy("1", true)));
        store.put(object("b", "3", ownedBy("1", true)));
        store.put(object("a", "2", ownedBy("1", true) + ",\"labels\":{\"x\":\"y\"}"));
        store.remove("b");
        store.put(object("lonely", "4", ""));
        store.remove("lonely");

        assertThat(store.index.hasCandidates()).isFalse();
        assertThat(store.index.takeScope().isEmpty()).isTrue();
    }

    @Test
    void removingAnOwnerMakesItsDependentsCandidatesAndTheyAreDeleted() {
        Store store = new Store();
        store.put(object("o", "1", ""));
        store.put(object("other", "9", ""));
        JsonNode a = object("a", "2", ownedBy("1", false));
        JsonNode b = object("b", "3", ownedBy("1", true));
        store.put(a);
        store.put(b);
        store.put(object("c", "4", ownedBy("9", false)));

        store.remove("o");

        assertThat(store.collect())
                .containsExactlyInAnyOrder(new GarbageCollector.Delete(a), new GarbageCollector.Delete(b));
        assertThat(store.index.hasCandidates()).isFalse();
    }

    @Test
    void theScopeIsTheCandidatesTheirDependentsAndTheirOwners() {
        Store store = new Store();
        store.put(object("o", "1", ""));
        store.put(object("other", "9", ""));
        store.put(object("a", "2", ownedBy("1", false)));
        store.put(object("b", "3", ",\"ownerReferences\":[{\"uid\":\"1\"},{\"uid\":\"9\"}]"));
        store.put(object("c", "4", ownedBy("9", false)));

        store.put(object("o", "1", deleting(GarbageCollector.FOREGROUND)));

        OwnerIndex.Scope<String> scope = store.index.takeScope();
        assertThat(scope.read()).containsExactlyInAnyOrder("o", "a", "b", "other");
        assertThat(scope.decide()).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(scope.release()).containsExactly("1");
    }

    @Test
    void aDependentWrittenWithAMissingOwnerOrOneInAnotherNamespaceIsACandidate() {
        Store store = new Store();
        JsonNode orphan = object("a", "2", ownedBy("gone", false));
        store.put(orphan);
        assertThat(store.collect()).containsExactly(new GarbageCollector.Delete(orphan));

        store.put(Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"o\","
                + "\"namespace\":\"other\",\"uid\":\"5\"}}"));
        JsonNode elsewhere = object("b", "3", ownedBy("5", false));
        store.put(elsewhere);
        assertThat(store.collect()).containsExactly(new GarbageCollector.Delete(elsewhere));
    }

    @Test
    void foregroundDeletesTheDependentsThenReleasesTheOwner() {
        Store store = new Store();
        store.put(object("o", "1", ""));
        JsonNode blocking = object("b", "3", ownedBy("1", true));
        store.put(blocking);
        store.put(object("c", "4", ownedBy("1", false)));
        assertThat(store.index.hasCandidates()).isFalse();

        JsonNode owner = object("o", "1", deleting(GarbageCollector.FOREGROUND));
        store.put(owner);
        assertThat(store.collect())
                .containsExactlyInAnyOrder(
                        new GarbageCollector.Delete(blocking),
                        new GarbageCollector.Delete(object("c", "4", ownedBy("1", false))));

        store.remove("c");
        // b has a finalizer of its own: the delete marked it, and it stays
        store.put(object("b", "3", ownedBy("1", true) + deleting("example.com/keep")));
        assertThat(store.collect()).as("a blocking dependent remains").isEmpty();
        store.remove("b");
        assertThat(store.collect())
                .containsExactly(new GarbageCollector.RemoveFinalizer(owner, GarbageCollector.FOREGROUND));
    }

    @Test
    void orphanTakesTheOwnerReferencesOffThenReleasesTheOwner() {
        Store store = new Store();
        store.put(object("o", "1", ""));
        JsonNode dependent = object("b", "3", ownedBy("1", true));
        store.put(dependent);

        JsonNode owner = object("o", "1", deleting(GarbageCollector.ORPHAN));
        store.put(owner);
        assertThat(store.collect()).containsExactly(new GarbageCollector.RemoveOwnerReference(dependent, "1"));

        store.put(object("b", "3", ""));
        assertThat(store.collect())
                .containsExactly(new GarbageCollector.RemoveFinalizer(owner, GarbageCollector.ORPHAN));
    }

    @Test
    void aDependentOfTwoOwnersIsKeptWhileOneRemains() {
        Store store = new Store();
        store.put(object("o1", "1", ""));
        store.put(object("o2", "2", ""));
        JsonNode both = object("d", "3", ",\"ownerReferences\":[{\"uid\":\"1\"},{\"uid\":\"2\"}]");
        store.put(both);

        store.remove("o1");
        assertThat(store.collect()).as("o2 is still there, and read").isEmpty();
        store.remove("o2");
        assertThat(store.collect()).containsExactly(new GarbageCollector.Delete(both));
    }

    /**
     * Random stores and writes: after each write, the actions on the index's scope applied to the store leave the
     * same store as the collector's full passes over every object (the sandbox's behaviour before the index).
     */
    @Test
    void theScopedCollectorReachesWhatFullPassesReach() {
        Random random = new Random(42);
        for (int run = 0; run < 300; run++) {
            Store scoped = new Store();
            Map<String, JsonNode> full = new LinkedHashMap<>();
            int n = 2 + random.nextInt(8);
            List<JsonNode> writes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                StringBuilder extra = new StringBuilder();
                if (i > 0 && random.nextInt(3) > 0) {
                    extra.append(",\"ownerReferences\":[");
                    int owners = 1 + random.nextInt(2);
                    for (int k = 0; k < owners; k++) {
                        extra.append(k == 0 ? "" : ",")
                                .append("{\"uid\":\"u")
                                .append(random.nextInt(i + 1))
                                .append("\",\"blockOwnerDeletion\":")
                                .append(random.nextBoolean())
                                .append("}");
                    }
                    extra.append("]");
                }
                writes.add(object("o" + i, "u" + i, extra.toString()));
            }
            writes.forEach(scoped::put);
            writes.forEach(o -> full.put(o.path("metadata").path("name").asText(), o));
            settle(scoped);
            settleFull(full);
            assertThat(scoped.objects).as("run %d, created", run).isEqualTo(full);
            for (int step = 0; step < 3 && !full.isEmpty(); step++) {
                List<String> names = new ArrayList<>(full.keySet());
                String name = names.get(random.nextInt(names.size()));
                JsonNode current = full.get(name);
                int what = random.nextInt(3);
                if (what == 0) {
                    scoped.remove(name);
                    full.remove(name);
                } else {
                    JsonNode marked =
                            withDeletion(current, what == 1 ? GarbageCollector.FOREGROUND : GarbageCollector.ORPHAN);
                    scoped.put(marked);
                    full.put(name, marked);
                }
                settle(scoped);
                settleFull(full);
                assertThat(scoped.objects).as("run %d, step %d", run, step).isEqualTo(full);
            }
        }
    }

    private static JsonNode withDeletion(JsonNode object, String finalizer) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = object.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode metadata =
                (com.fasterxml.jackson.databind.node.ObjectNode) copy.get("metadata");
        metadata.put("deletionTimestamp", "2026-01-01T00:00:00Z");
        metadata.putArray("finalizers").add(finalizer);
        return copy;
    }

    private static void settle(Store store) {
        for (int round = 0; round < 100 && store.index.hasCandidates(); round++) {
            apply(store.collect(), store::put, store::remove);
        }
        assertThat(store.index.hasCandidates()).isFalse();
    }

    private static void settleFull(Map<String, JsonNode> objects) {
        for (int round = 0; round < 100; round++) {
            List<GarbageCollector.Action> actions = GarbageCollector.collect(new ArrayList<>(objects.values()));
            if (actions.isEmpty()) {
                return;
            }
            apply(actions, o -> objects.put(o.path("metadata").path("name").asText(), o), objects::remove);
        }
    }

    /** The actions as the API server carries them out: a delete of an object without finalizers removes it. */
    private static void apply(
            List<GarbageCollector.Action> actions,
            java.util.function.Consumer<JsonNode> put,
            java.util.function.Consumer<String> remove) {
        for (GarbageCollector.Action action : actions) {
            com.fasterxml.jackson.databind.node.ObjectNode object =
                    action.object().deepCopy();
            com.fasterxml.jackson.databind.node.ObjectNode metadata =
                    (com.fasterxml.jackson.databind.node.ObjectNode) object.get("metadata");
            String name = metadata.path("name").asText();
            if (action instanceof GarbageCollector.Delete) {
                remove.accept(name);
            } else if (action instanceof GarbageCollector.RemoveOwnerReference r) {
                com.fasterxml.jackson.databind.node.ArrayNode refs = metadata.putArray("ownerReferences");
                action.object().path("metadata").path("ownerReferences").forEach(ref -> {
                    if (!ref.path("uid").asText().equals(r.ownerUid())) {
                        refs.add(ref);
                    }
                });
                put.accept(object);
            } else if (action instanceof GarbageCollector.RemoveFinalizer f) {
                com.fasterxml.jackson.databind.node.ArrayNode finalizers = metadata.putArray("finalizers");
                action.object().path("metadata").path("finalizers").forEach(x -> {
                    if (!x.asText().equals(f.finalizer())) {
                        finalizers.add(x);
                    }
                });
                if (finalizers.isEmpty()) {
                    remove.accept(name);
                } else {
                    put.accept(object);
                }
            }
        }
    }
}
