package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * fabric8's CRUD dispatcher, made to behave like a real API server where that is cheap:
 * <ul>
 * <li>discovery ({@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/<group>[/<version>]}) for the
 * built-in kinds and every stored CRD, with short names and categories, and {@code /version};</li>
 * <li>JSON merge patches follow RFC 7386 (the plain dispatcher appends arrays and stores nulls) and strategic
 * merge patches are applied by {@link MergePatch#strategic} (the plain dispatcher answers 415);</li>
 * <li>the {@code scale} subresource of custom resources that declare one;</li>
 * <li>{@code pods/binding} ({@link PodBinding}): a {@code Binding} sets a pending pod's {@code spec.nodeName};</li>
 * <li>a 404 carries a {@code Status} with reason {@code NotFound}, and every answer says it is JSON, as clients
 * expect;</li>
 * <li>{@code kubectl get} gets a server-side Table with the CRD's printer columns ({@link PrinterColumns}).</li>
 * </ul>
 * Everything else (storage, watches, status subresource, generation, optimistic locking) is fabric8's.
 */
final class SandboxDispatcher extends KubernetesCrudDispatcher {

    private static final String CRDS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String JSON_PATCH = "application/json-patch+json";

    private final ReentrantLock writes = new ReentrantLock();
    private volatile String serverAddress = "127.0.0.1";

    void setServerAddress(String serverAddress) {
        this.serverAddress = serverAddress;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        return asJson(route(request));
    }

    private MockResponse route(RecordedRequest request) {
        String path = ApiPath.withoutQuery(request.getPath());
        if (request.method() == HttpMethod.GET) {
            Optional<MockResponse> discovery = discovery(path);
            if (discovery.isPresent()) {
                return discovery.get();
            }
        }
        Optional<ApiPath> target = ApiPath.parse(path);
        if (request.method() == HttpMethod.GET) {
            return asTableIfAsked(request, target, withNotFoundStatus(scaleOrElse(request, target), target));
        }
        writes.lock();
        try {
            return withNotFoundStatus(scaleOrElse(request, target), target);
        } finally {
            writes.unlock();
        }
    }

    private MockResponse scaleOrElse(RecordedRequest request, Optional<ApiPath> target) {
        if (target.isPresent() && "scale".equals(target.get().subresource())) {
            return scale(request, target.get());
        }
        if (target.isPresent() && PodBinding.isBinding(request.method(), target.get())) {
            return PodBinding.bind(
                    request,
                    target.get(),
                    path -> super.handleGet(path),
                    ops -> super.dispatch(patchRequest(target.get().objectPath(), ops)));
        }
        if (request.method() == HttpMethod.PATCH && isMergePatch(request.getHeader("Content-Type"))) {
            return mergePatch(request);
        }
        return super.dispatch(request);
    }

    // --- discovery ---------------------------------------------------------------------------------

    private Optional<MockResponse> discovery(String path) {
        String[] s = path.replaceAll("^/+|/+$", "").split("/");
        if (path.equals("/version")) {
            return json(200, SandboxVersion.INFO);
        }
        if (path.startsWith("/openapi")) {
            return Optional.of(
                    status(404, "NotFound", "the sandbox serves no OpenAPI documents; use --validate=false"));
        }
        if (s.length == 1 && s[0].equals("api")) {
            return json(200, DiscoveryDocuments.coreVersions(serverAddress));
        }
        if (s.length == 2 && s[0].equals("api")) {
            return discoveryDocuments().resources("", s[1]).flatMap(r -> json(200, r));
        }
        if (s.length == 1 && s[0].equals("apis")) {
            return json(200, discoveryDocuments().groups());
        }
        if (s.length == 2 && s[0].equals("apis")) {
            return discoveryDocuments().group(s[1]).flatMap(g -> json(200, g));
        }
        if (s.length == 3 && s[0].equals("apis")) {
            return discoveryDocuments().resources(s[1], s[2]).flatMap(r -> json(200, r));
        }
        return Optional.empty();
    }

    private DiscoveryDocuments discoveryDocuments() {
        List<ResourceType> types = new ArrayList<>(BuiltinResourceTypes.TYPES);
        storedCrds().forEach(crd -> types.addAll(ResourceType.fromCrd(crd)));
        return new DiscoveryDocuments(types);
    }

    /** Every CRD in the store, read through the dispatcher itself so one created by kubectl counts too. */
    List<CustomResourceDefinition> storedCrds() {
        MockResponse list = super.handleGet(CRDS_PATH);
        return Json.KUBERNETES
                .unmarshal(list.getBody().readUtf8(), CustomResourceDefinitionList.class)
                .getItems();
    }

    // --- merge patches ---------------------------------------------------------------------------

    private static boolean isMergePatch(String contentType) {
        return contentType != null
                && (contentType.startsWith("application/merge-patch+json")
                        || contentType.startsWith("application/strategic-merge-patch+json"));
    }

    /**
     * Applies the merge patch to the stored object here, then hands fabric8 a JSON Patch that replaces each
     * changed top-level field, so its handling of status, generation and resourceVersion still applies.
     */
    private MockResponse mergePatch(RecordedRequest request) {
        Optional<ApiPath> target = ApiPath.parse(request.getPath());
        if (target.isEmpty() || target.get().name() == null) {
            return super.dispatch(request);
        }
        MockResponse current = super.handleGet(target.get().objectPath());
        if (current.code() != 200) {
            return current;
        }
        JsonNode stored = Json.parse(current.getBody().readUtf8());
        JsonNode patch = Json.parse(request.getUtf8Body());
        boolean strategic = request.getHeader("Content-Type").startsWith("application/strategic");
        JsonNode merged = strategic ? MergePatch.strategic(stored, patch) : MergePatch.json(stored, patch);
        ArrayNode ops = topLevelReplacements(stored, merged);
        if (ops.isEmpty()) {
            return json(200, stored).orElseThrow();
        }
        return asOk(super.dispatch(patchRequest(request.getPath(), ops)));
    }

    private static ArrayNode topLevelReplacements(JsonNode stored, JsonNode merged) {
        ArrayNode ops = Json.MAPPER.createArrayNode();
        merged.fields().forEachRemaining(e -> {
            if (!Objects.equals(stored.get(e.getKey()), e.getValue())) {
                ops.addObject().put("op", "add").put("path", "/" + e.getKey()).set("value", e.getValue());
            }
        });
        stored.fieldNames().forEachRemaining(name -> {
            if (!merged.has(name)) {
                ops.addObject().put("op", "remove").put("path", "/" + name);
            }
        });
        return ops;
    }

    private static RecordedRequest patchRequest(String path, JsonNode jsonPatch) {
        Headers headers = Headers.builder().add("Content-Type", JSON_PATCH).build();
        Buffer body = new Buffer(Json.write(jsonPatch).getBytes(StandardCharsets.UTF_8));
        return new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, path, headers, body);
    }

    // --- scale ---------------------------------------------------------------------------------------

    private MockResponse scale(RecordedRequest request, ApiPath target) {
        Optional<ScaleSubresource> scale = storedCrds().stream()
                .filter(crd -> crd.getSpec().getGroup().equals(target.group())
                        && crd.getSpec().getNames().getPlural().equals(target.resource()))
                .flatMap(crd -> crd.getSpec().getVersions().stream())
                .filter(v -> v.getName().equals(target.version())
                        && v.getSubresources() != null
                        && v.getSubresources().getScale() != null)
                .findFirst()
                .map(v -> new ScaleSubresource(v.getSubresources().getScale()));
        if (scale.isEmpty()) {
            return status(404, "NotFound", "the sandbox serves the scale subresource of custom resources only");
        }
        MockResponse current = super.handleGet(target.objectPath());
        if (current.code() != 200) {
            return current;
        }
        JsonNode stored = Json.parse(current.getBody().readUtf8());
        JsonNode currentScale = Json.parse(Json.write(scale.get().read(stored)));
        if (request.method() == HttpMethod.GET) {
            return json(200, currentScale).orElseThrow();
        }
        JsonNode newScale = newScale(request, currentScale);
        String expectedVersion =
                newScale.path("metadata").path("resourceVersion").asText("");
        if (!expectedVersion.isEmpty()
                && !expectedVersion.equals(
                        stored.path("metadata").path("resourceVersion").asText())) {
            return status(
                    409,
                    "Conflict",
                    "Operation cannot be fulfilled on " + target.qualifiedResource() + " \"" + target.name()
                            + "\": the object has been modified; please apply your changes to the latest version and try again");
        }
        ArrayNode ops =
                scale.get().replicasPatch(newScale.path("spec").path("replicas").asInt());
        MockResponse patched = super.dispatch(patchRequest(target.objectPath(), ops));
        if (patched.code() >= 300) {
            return patched;
        }
        return json(200, scale.get().read(Json.parse(patched.getBody().readUtf8())))
                .orElseThrow();
    }

    private static JsonNode newScale(RecordedRequest request, JsonNode currentScale) {
        JsonNode body = Json.parse(request.getUtf8Body());
        if (request.method() == HttpMethod.PUT) {
            return body;
        }
        String contentType = Objects.requireNonNullElse(request.getHeader("Content-Type"), "");
        if (contentType.startsWith(JSON_PATCH)) {
            return io.fabric8.zjsonpatch.JsonPatch.apply(body, currentScale);
        }
        ObjectNode scale = (ObjectNode) MergePatch.json(currentScale, body);
        ((ObjectNode) scale.path("metadata")).remove("resourceVersion");
        return scale;
    }

    // --- tables --------------------------------------------------------------------------------------

    private MockResponse asTableIfAsked(RecordedRequest request, Optional<ApiPath> target, MockResponse response) {
        if (!TablePrinter.wantsTable(request.getHeader("Accept"))
                || target.isEmpty()
                || target.get().subresource() != null
                || response == null
                || response.code() != 200
                || request.getPath().contains("watch=true")) {
            return response;
        }
        return PrinterColumns.of(target.get(), storedCrds())
                .map(columns -> TablePrinter.table(Json.parse(response.getBody().readUtf8()), columns))
                .flatMap(table -> json(200, Json.write(table)))
                .orElse(response);
    }

    // --- responses -------------------------------------------------------------------------------

    private static Optional<MockResponse> json(int code, Object body) {
        return Optional.of(new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(body instanceof String s ? s : Json.write(body)));
    }

    static MockResponse status(int code, String reason, String message) {
        return json(
                        code,
                        new StatusBuilder()
                                .withStatus("Failure")
                                .withCode(code)
                                .withReason(reason)
                                .withMessage(message)
                                .build())
                .orElseThrow();
    }

    /** The plain dispatcher sends no Content-Type, and clients that prefer protobuf (kubectl describe) then fail. */
    private static MockResponse asJson(MockResponse response) {
        if (response != null
                && response.getWebSocketListener() == null
                && response.getHeaders().get("Content-Type") == null) {
            response.setHeader("Content-Type", "application/json");
        }
        return response;
    }

    private static MockResponse asOk(MockResponse response) {
        return response.code() == 202 ? response.setResponseCode(200) : response;
    }

    private static MockResponse withNotFoundStatus(MockResponse response, Optional<ApiPath> target) {
        if (response == null
                || response.code() != 404
                || response.getBody() != null && response.getBody().size() > 0) {
            return response;
        }
        String what =
                target.map(t -> t.qualifiedResource() + " \"" + t.name() + "\"").orElse("the resource");
        return status(404, "NotFound", what + " not found");
    }
}
