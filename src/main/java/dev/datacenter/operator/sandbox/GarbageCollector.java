package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * The garbage collector's decisions over the stored objects, as kube-controller-manager's makes them for owner
 * references (a pure function of the objects; {@link SandboxDispatcher} carries the actions out):
 * <ul>
 * <li>a dependent whose owners are all gone is deleted (background cascading deletion);</li>
 * <li>a dependent of an owner being deleted in the foreground (finalizer {@code foregroundDeletion}) is deleted,
 * and the owner's finalizer is removed once no dependent with {@code blockOwnerDeletion} remains;</li>
 * <li>a dependent of an owner being deleted with {@code propagationPolicy: Orphan} (finalizer {@code orphan}) loses
 * its owner reference, and the owner's finalizer is removed once no dependent refers to it.</li>
 * </ul>
 */
final class GarbageCollector {

    static final String FOREGROUND = "foregroundDeletion";
    static final String ORPHAN = "orphan";

    /** What to do to one stored object. */
    sealed interface Action {
        JsonNode object();
    }

    record Delete(JsonNode object) implements Action {}

    record RemoveOwnerReference(JsonNode object, String ownerUid) implements Action {}

    record RemoveFinalizer(JsonNode object, String finalizer) implements Action {}

    private GarbageCollector() {}

    static List<Action> collect(List<JsonNode> objects) {
        Map<String, JsonNode> byUid = new HashMap<>();
        objects.forEach(o -> byUid.put(uid(o), o));
        List<Action> actions = new ArrayList<>();
        Map<String, Integer> dependents = new HashMap<>();
        Map<String, Integer> blockingDependents = new HashMap<>();
        for (JsonNode object : objects) {
            List<JsonNode> refs = ownerReferences(object);
            if (refs.isEmpty()) {
                continue;
            }
            boolean anyOwnerLeft = false;
            boolean deleteIt = false;
            for (JsonNode ref : refs) {
                String ownerUid = ref.path("uid").asText();
                JsonNode owner = byUid.get(ownerUid);
                if (owner == null || !sameNamespaceOrClusterScoped(owner, object)) {
                    continue;
                }
                dependents.merge(ownerUid, 1, Integer::sum);
                if (ref.path("blockOwnerDeletion").asBoolean(false)) {
                    blockingDependents.merge(ownerUid, 1, Integer::sum);
                }
                if (beingDeletedWith(owner, ORPHAN)) {
                    actions.add(new RemoveOwnerReference(object, ownerUid));
                    continue;
                }
                anyOwnerLeft = true;
                if (beingDeletedWith(owner, FOREGROUND)) {
                    deleteIt = true;
                }
            }
            if ((!anyOwnerLeft
                            && refs.stream()
                                    .noneMatch(r ->
                                            orphaning(byUid.get(r.path("uid").asText()))))
                    || deleteIt) {
                if (!object.path("metadata").has("deletionTimestamp")) {
                    actions.add(new Delete(object));
                }
            }
        }
        for (JsonNode object : objects) {
            String uid = uid(object);
            if (beingDeletedWith(object, FOREGROUND) && blockingDependents.getOrDefault(uid, 0) == 0) {
                actions.add(new RemoveFinalizer(object, FOREGROUND));
            }
            if (beingDeletedWith(object, ORPHAN) && dependents.getOrDefault(uid, 0) == 0) {
                actions.add(new RemoveFinalizer(object, ORPHAN));
            }
        }
        return actions;
    }

    private static boolean orphaning(JsonNode owner) {
        return owner != null && beingDeletedWith(owner, ORPHAN);
    }

    static boolean beingDeletedWith(JsonNode object, String finalizer) {
        JsonNode metadata = object.path("metadata");
        return metadata.has("deletionTimestamp")
                && StreamSupport.stream(metadata.path("finalizers").spliterator(), false)
                        .anyMatch(f -> f.asText().equals(finalizer));
    }

    private static boolean sameNamespaceOrClusterScoped(JsonNode owner, JsonNode dependent) {
        String ownerNamespace = owner.path("metadata").path("namespace").asText("");
        return ownerNamespace.isEmpty()
                || ownerNamespace.equals(
                        dependent.path("metadata").path("namespace").asText(""));
    }

    static String uid(JsonNode object) {
        return object.path("metadata").path("uid").asText("");
    }

    private static List<JsonNode> ownerReferences(JsonNode object) {
        List<JsonNode> refs = new ArrayList<>();
        object.path("metadata").path("ownerReferences").forEach(refs::add);
        return refs;
    }

    /** The propagation policies a delete may ask for, and the finalizer each sets on the object. */
    static final Map<String, String> POLICY_FINALIZERS = Map.of("Foreground", FOREGROUND, "Orphan", ORPHAN);

    static final Set<String> POLICIES = Set.of("Foreground", "Background", "Orphan");
}
