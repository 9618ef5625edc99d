package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datacenter.operator.model.Json;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAPI v3 documents {@code kubectl} reads before a write: the root ({@code /openapi/v3}) listing a
 * document per group-version, and per group-version the PATCH operation of each kind with its
 * {@code fieldValidation} query parameter, by which kubectl learns that the server validates fields itself
 * (so {@code kubectl apply} needs no {@code --validate=false}). No schemas: kubectl then computes patches
 * from its own types, as it does for custom resources.
 */
final class OpenApiDocuments {

    private final List<ResourceType> types;

    OpenApiDocuments(List<ResourceType> types) {
        this.types = types;
    }

    /** {@code /openapi/v3}. */
    ObjectNode root() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        types.stream()
                .map(OpenApiDocuments::groupVersionPath)
                .distinct()
                .forEach(gv -> paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv));
        return root;
    }

    /** {@code /openapi/v3/api/v1} or {@code /openapi/v3/apis/<group>/<version>}; empty for an unknown one. */
    Optional<ObjectNode> groupVersion(String groupVersionPath) {
        List<ResourceType> served = types.stream()
                .filter(t -> groupVersionPath(t).equals(groupVersionPath))
                .toList();
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "unversioned");
        ObjectNode paths = doc.putObject("paths");
        for (ResourceType t : served) {
            String path = "/" + groupVersionPath + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural()
                    + "/{name}";
            ObjectNode patch = paths.putObject(path).putObject("patch");
            patch.put("operationId", "patch" + t.kind());
            patch.putObject("x-kubernetes-group-version-kind")
                    .put("group", t.group())
                    .put("version", t.version())
                    .put("kind", t.kind());
            var parameters = patch.putArray("parameters");
            for (String param : List.of("dryRun", "fieldManager", "fieldValidation", "force")) {
                parameters
                        .addObject()
                        .put("name", param)
                        .put("in", "query")
                        .putObject("schema")
                        .put("type", "string");
            }
            patch.putObject("responses");
        }
        return Optional.of(doc);
    }

    private static String groupVersionPath(ResourceType t) {
        return t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
    }
}
