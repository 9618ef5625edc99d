package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.datacenter.operator.model.Json;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;

/**
 * The {@code scale} subresource of a custom resource, as the CRD declares it
 * ({@code specReplicasPath}, {@code statusReplicasPath}, {@code labelSelectorPath}): reads a Scale out of the
 * object and turns a new replica count into a JSON Patch of the object, which is what a real API server
 * does for {@code kubectl scale}.
 */
final class ScaleSubresource {

    private final CustomResourceSubresourceScale paths;

    ScaleSubresource(CustomResourceSubresourceScale paths) {
        this.paths = paths;
    }

    /** The autoscaling/v1 Scale of the object. */
    Scale read(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        JsonNode selector = at(object, paths.getLabelSelectorPath());
        return new ScaleBuilder()
                .withNewMetadata()
                .withName(metadata.path("name").asText())
                .withNamespace(
                        metadata.hasNonNull("namespace")
                                ? metadata.get("namespace").asText()
                                : null)
                .withUid(metadata.path("uid").asText(null))
                .withResourceVersion(metadata.path("resourceVersion").asText(null))
                .withCreationTimestamp(metadata.path("creationTimestamp").asText(null))
                .endMetadata()
                .withNewSpec()
                .withReplicas(at(object, paths.getSpecReplicasPath()).asInt(0))
                .endSpec()
                .withNewStatus()
                .withReplicas(at(object, paths.getStatusReplicasPath()).asInt(0))
                .withSelector(selector.isTextual() ? selector.asText() : null)
                .endStatus()
                .build();
    }

    /** A JSON Patch (RFC 6902) that sets the object's replica count. */
    ArrayNode replicasPatch(int replicas) {
        ArrayNode patch = Json.MAPPER.createArrayNode();
        patch.addObject()
                .put("op", "add")
                .put("path", pointer(paths.getSpecReplicasPath()))
                .put("value", replicas);
        return patch;
    }

    private static JsonNode at(JsonNode object, String jsonPath) {
        return jsonPath == null ? Json.MAPPER.missingNode() : object.at(pointer(jsonPath));
    }

    /** {@code .spec.instances} to {@code /spec/instances}; the simple JSON paths CRDs allow here. */
    static String pointer(String jsonPath) {
        return jsonPath.replace('.', '/');
    }
}
