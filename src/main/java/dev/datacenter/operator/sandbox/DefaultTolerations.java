package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datacenter.operator.model.Json;

/**
 * The API server's DefaultTolerationSeconds admission plugin: a pod created without a toleration of
 * {@code node.kubernetes.io/not-ready:NoExecute} or {@code node.kubernetes.io/unreachable:NoExecute} gets one
 * for 300 seconds, so the node lifecycle controller evicts it 5 minutes after its node stops being Ready.
 */
final class DefaultTolerations {

    static final long SECONDS = 300;

    private DefaultTolerations() {}

    /** The pod as the API server would have stored it (for pods created through a server without the plugin). */
    static io.fabric8.kubernetes.api.model.Pod apply(io.fabric8.kubernetes.api.model.Pod pod) {
        return Json.MAPPER.convertValue(
                apply((JsonNode) Json.MAPPER.valueToTree(pod)), io.fabric8.kubernetes.api.model.Pod.class);
    }

    static JsonNode apply(JsonNode pod) {
        if (!(pod instanceof ObjectNode obj) || !pod.path("spec").isObject()) {
            return pod;
        }
        ObjectNode copy = obj.deepCopy();
        ObjectNode spec = (ObjectNode) copy.get("spec");
        ArrayNode tolerations =
                spec.path("tolerations").isArray() ? (ArrayNode) spec.get("tolerations") : spec.putArray("tolerations");
        for (String key : new String[] {NoExecuteTaints.NOT_READY, NoExecuteTaints.UNREACHABLE}) {
            boolean tolerated = false;
            for (JsonNode t : tolerations) {
                String effect = t.path("effect").asText("");
                boolean keyMatches = t.path("key").asText("").equals(key)
                        || "Exists".equals(t.path("operator").asText())
                                && t.path("key").asText("").isEmpty();
                tolerated |= keyMatches && (effect.isEmpty() || effect.equals(NoExecuteTaints.NO_EXECUTE));
            }
            if (!tolerated) {
                tolerations
                        .addObject()
                        .put("key", key)
                        .put("operator", "Exists")
                        .put("effect", NoExecuteTaints.NO_EXECUTE)
                        .put("tolerationSeconds", SECONDS);
            }
        }
        return copy;
    }
}
