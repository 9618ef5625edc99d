package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merge patches as a real API server applies them.
 * <ul>
 * <li>{@link #json}: RFC 7386 JSON merge patch: objects merge recursively, {@code null} deletes the key,
 * any other value (arrays included) replaces.</li>
 * <li>{@link #strategic}: an approximation of Kubernetes' strategic merge patch, good enough for
 * {@code kubectl apply} on built-in kinds: as RFC 7386, except that lists of objects that all carry a common
 * merge key ({@code name}, {@code containerPort}, {@code port}, {@code mountPath}, {@code devicePath},
 * {@code type}, {@code ip}) merge element by element ({@code $patch: delete} removes one), {@code finalizers}
 * merge as a set, {@code $deleteFromPrimitiveList/<field>} removes values and {@code $patch: replace}
 * replaces an object. Other directives ({@code $setElementOrder}, {@code $retainKeys}) are ignored. Unlike a
 * real server it does not know each field's declared patch strategy, so a list of named objects is always
 * merged and never replaced.</li>
 * </ul>
 */
final class MergePatch {

    private static final List<String> MERGE_KEYS =
            List.of("name", "containerPort", "port", "mountPath", "devicePath", "type", "ip");
    private static final String DIRECTIVE = "$patch";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private MergePatch() {}

    static JsonNode json(JsonNode target, JsonNode patch) {
        return merge(target, patch, false, null);
    }

    static JsonNode strategic(JsonNode target, JsonNode patch) {
        return merge(target, patch, true, null);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch, boolean strategic, String field) {
        if (!patch.isObject()) {
            return strategic && patch.isArray() && target != null && target.isArray()
                    ? mergeList(target, patch, field)
                    : patch;
        }
        if (strategic && "replace".equals(patch.path(DIRECTIVE).asText())) {
            return withoutDirectives(patch);
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (strategic && key.startsWith("$")) {
                if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                    removeValues(result, key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), e.getValue());
                }
                continue;
            }
            if (e.getValue().isNull()) {
                result.remove(key);
            } else {
                result.set(key, merge(result.get(key), e.getValue(), strategic, key));
            }
        }
        return result;
    }

    private static JsonNode mergeList(JsonNode target, JsonNode patch, String field) {
        if ("finalizers".equals(field)) {
            ArrayNode union = ((ArrayNode) target).deepCopy();
            patch.forEach(v -> {
                if (!contains(union, v)) {
                    union.add(v);
                }
            });
            return union;
        }
        Optional<String> key = mergeKey(target, patch);
        if (key.isEmpty()) {
            return withoutDirectives(patch);
        }
        List<JsonNode> merged = new ArrayList<>();
        target.forEach(merged::add);
        for (JsonNode element : patch) {
            int index = indexOf(merged, key.get(), element.get(key.get()));
            boolean delete = "delete".equals(element.path(DIRECTIVE).asText());
            if (delete && index >= 0) {
                merged.remove(index);
            } else if (!delete && index >= 0) {
                merged.set(index, merge(merged.get(index), element, true, null));
            } else if (!delete) {
                merged.add(withoutDirectives(element));
            }
        }
        return JsonNodeFactory.instance.arrayNode().addAll(merged);
    }

    private static Optional<String> mergeKey(JsonNode target, JsonNode patch) {
        if (patch.isEmpty()) {
            return Optional.empty();
        }
        return MERGE_KEYS.stream()
                .filter(k -> allHave(target, k) && allHave(patch, k))
                .findFirst();
    }

    private static boolean allHave(JsonNode list, String key) {
        for (JsonNode element : list) {
            if (!element.isObject() || !element.hasNonNull(key)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(List<JsonNode> list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get(key).equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode v : array) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static void removeValues(ObjectNode object, String field, JsonNode values) {
        JsonNode list = object.get(field);
        if (list == null || !list.isArray()) {
            return;
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        list.forEach(v -> {
            if (!contains((ArrayNode) values, v)) {
                kept.add(v);
            }
        });
        object.set(field, kept);
    }

    private static JsonNode withoutDirectives(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("$")) {
                    copy.set(e.getKey(), withoutDirectives(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> copy.add(withoutDirectives(v)));
            return copy;
        }
        return node;
    }
}
