package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.datacenter.operator.model.Json;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.function.Function;

/**
 * The {@code pods/binding} subresource as a real API server serves it: {@code POST
 * /api/v1/namespaces/{ns}/pods/{name}/binding} with a {@code Binding} whose {@code target} names a node sets
 * the pod's {@code spec.nodeName}: 201 with a Success status; 404 when the pod does not exist; 409 when it is
 * already bound (to any node); 400 without a target node. Runs under the dispatcher's write lock.
 */
final class PodBinding {

    private PodBinding() {}

    static boolean isBinding(HttpMethod method, ApiPath target) {
        return method == HttpMethod.POST
                && target.group().isEmpty()
                && "pods".equals(target.resource())
                && target.name() != null
                && "binding".equals(target.subresource());
    }

    /**
     * @param get   reads a stored object by its path
     * @param patch applies a JSON Patch to the pod
     */
    static MockResponse bind(
            RecordedRequest request,
            ApiPath target,
            Function<String, MockResponse> get,
            Function<ArrayNode, MockResponse> patch) {
        JsonNode binding;
        try {
            binding = Json.parse(request.getUtf8Body());
        } catch (RuntimeException e) {
            return SandboxDispatcher.status(400, "BadRequest", "the body is not a Binding: " + e.getMessage());
        }
        String node = binding.path("target").path("name").asText("");
        if (node.isEmpty()) {
            return SandboxDispatcher.status(400, "BadRequest", "a Binding needs target.name (the node)");
        }
        String what = "pods \"" + target.name() + "\"";
        MockResponse current = get.apply(target.objectPath());
        if (current == null || current.code() == 404) {
            return SandboxDispatcher.status(404, "NotFound", what + " not found");
        }
        JsonNode pod = Json.parse(current.getBody().readUtf8());
        String bound = pod.path("spec").path("nodeName").asText("");
        if (!bound.isEmpty()) {
            return SandboxDispatcher.status(
                    409,
                    "Conflict",
                    "Operation cannot be fulfilled on " + what + ": pod " + target.name()
                            + " is already assigned to node \"" + bound + "\"");
        }
        ArrayNode ops = Json.MAPPER.createArrayNode();
        ops.addObject().put("op", "add").put("path", "/spec/nodeName").put("value", node);
        MockResponse patched = patch.apply(ops);
        if (patched.code() >= 300) {
            return patched;
        }
        return new MockResponse()
                .setResponseCode(201)
                .setHeader("Content-Type", "application/json")
                .setBody(
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"code\":201}");
    }
}
