package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datacenter.operator.model.Json;
import dev.datacenter.operator.validation.CrdValidator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
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
 * <li>every change of the store is recorded with its resource version ({@link WatchEvents}) for the watches
 * served over plain HTTP ({@link HttpWatchStream}, {@code kubectl get -w}); a WebSocket watch from a
 * resourceVersion is told from the same record of the objects deleted since, or answered 410 Gone when they are
 * no longer known, so that an informer never keeps an object deleted between its list and its watch.</li>
 * </ul>
 * Everything else (storage, WebSocket watches, status subresource, generation, optimistic locking) is fabric8's.
 */
// fabric8's store lock is read by reflection (fabric8Lock): registered for a native image
@RegisterForReflection(targets = KubernetesCrudDispatcher.class, methods = false)
final class SandboxDispatcher extends KubernetesCrudDispatcher {

    private static final String CRDS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String JSON_PATCH = "application/json-patch+json";

    private final ReentrantLock writes = new ReentrantLock();
    private final CustomResourceAdmission admission = new CustomResourceAdmission();
    private volatile String serverAddress = "127.0.0.1";

    private volatile FaultInjection faults = FaultInjection.NONE;
    private final NameIndexedStore store = NameIndexedStore.install(this);
    private final WatchEvents watchEvents;

    SandboxDispatcher() {
        this(WatchEvents.MAX_CHANGES);
    }

    /** A dispatcher whose watch history keeps the newest {@code watchHistory} changes (tests take few). */
    SandboxDispatcher(int watchHistory) {
        watchEvents = new WatchEvents(watchHistory);
    }

    /** The newest resource version handed out, and the newest one a recorded change carries. */
    private volatile long lastVersion;

    private long lastRecorded;

    @Override
    public long requestResourceVersion() {
        long version = super.requestResourceVersion();
        lastVersion = version;
        return version;
    }

    /**
     * fabric8's one place where the store changes: the change is also recorded for the plain-HTTP watches, under the
     * monitor a watch start takes, with the resource version the write handed out (a fresh one for a delete, as a
     * real server gives a deleted object one).
     */
    @Override
    public void processEvent(
            String path,
            AttributeSet pathAttributes,
            AttributeSet oldAttributes,
            GenericKubernetesResource resource,
            String newState) {
        synchronized (watchEvents.lock()) {
            String existing = oldAttributes == null ? null : store.get(oldAttributes);
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            if (Objects.equals(existing, newState) || existing == null && newState == null) {
                return;
            }
            long version = lastVersion > lastRecorded ? lastVersion : requestResourceVersion();
            lastRecorded = version;
            if (newState == null) {
                watchEvents.changed(version, oldAttributes, null, withResourceVersion(existing, version));
            } else {
                watchEvents.changed(version, existing == null ? null : oldAttributes, store.lastPut(), newState);
            }
        }
    }

    private static String withResourceVersion(String json, long version) {
        try {
            JsonNode object = Json.parse(json);
            if (object.path("metadata") instanceof ObjectNode metadata) {
                metadata.put("resourceVersion", String.valueOf(version));
                return Json.canonical(object);
            }
        } catch (RuntimeException e) {
            // sent as stored
        }
        return json;
    }

    /**
     * Opens a plain-HTTP watch: from its resource version (the changes after it), else the current objects as
     * ADDED (and, for {@code sendInitialEvents}, a bookmark after them), then live events.
     *
     * @return false when the resource version is older than the recorded history (410 Expired)
     */
    boolean openWatch(WatchRequest request, HttpWatchStream stream) {
        synchronized (watchEvents.lock()) {
            if (request.resourceVersion().isPresent()) {
                return watchEvents.open(
                        stream,
                        WatchEvents.Start.SINCE,
                        request.resourceVersion().get(),
                        Map.of(),
                        () -> {});
            }
            Runnable afterStart = () -> {};
            if (request.initialEvents()) {
                long version = lastVersion;
                Optional<ResourceType> type = ApiPath.parse(request.listPath()).flatMap(this::resourceType);
                afterStart = () -> stream.initialEventsEnd(
                        type.map(ResourceType::kind).orElse(""),
                        type.map(t -> t.group().isEmpty() ? t.version() : t.group() + "/" + t.version())
                                .orElse(""),
                        version);
            }
            return watchEvents.open(stream, WatchEvents.Start.CURRENT, 0, store.snapshot(), afterStart);
        }
    }

    void closeWatch(HttpWatchStream stream) {
        watchEvents.close(stream);
    }

    /** The plain-HTTP watches open now. */
    int openWatches() {
        return watchEvents.open();
    }

    /** The attributes a list of that path (with its selectors) matches objects by. */
    AttributeSet query(String listPath) {
        return attributeExtractor.fromPath(listPath);
    }

    /** The columns {@code kubectl get} shows for that resource, when the sandbox serves tables for it. */
    Optional<List<TableColumn>> tableColumns(ApiPath target) {
        return PrinterColumns.of(target, storedCrds());
    }

    private Optional<ResourceType> resourceType(ApiPath target) {
        return resourceTypes().stream()
                .filter(t -> t.group().equals(target.group())
                        && t.version().equals(target.version())
                        && t.plural().equals(target.resource()))
                .findFirst();
    }

    /**
     * A watch from a resourceVersion: first the DELETED events of the objects it selects deleted since that version,
     * then fabric8's (the objects that exist, as ADDED, then every change). 410 Gone when deletions since that version
     * were forgotten: the client lists again.
     */
    @Override
    public MockResponse handleWatch(String path) {
        java.util.OptionalLong from = WatchEvents.resourceVersionOf(path);
        if (from.isPresent() && watchEvents.forgotten(from.getAsLong())) {
            return new MockResponse().withWebSocketUpgrade(new Expired(from.getAsLong()));
        }
        MockResponse response = super.handleWatch(path);
        WebSocketListener watch = response.getWebSocketListener();
        if (from.isEmpty() || watch == null) {
            return response;
        }
        return response.withWebSocketUpgrade(new CatchUp(watch, from.getAsLong(), watchQuery(path)));
    }

    /** What fabric8's watch selects: the path's attributes, and the name of a metadata.name field selector. */
    private AttributeSet watchQuery(String path) {
        AttributeSet query = attributeExtractor.fromPath(path);
        int q = path.indexOf('?');
        if (q >= 0) {
            for (String part : path.substring(q + 1).split("&")) {
                if (part.contains("fieldSelector") && part.contains("metadata.name")) {
                    String[] split = part.split("=");
                    String name = split[split.length - 1];
                    if (!name.isEmpty()) {
                        query = query.add(new io.fabric8.mockwebserver.crud.Attribute("name", name));
                    }
                }
            }
        }
        return query;
    }

    /**
     * A watch from a resource version older than the history kept: as a real API server does, the watch is accepted
     * and its one event is an {@code ERROR} carrying a {@code 410 Expired} status. A client's informer then lists
     * again and watches from the list's version. Refusing the upgrade itself with a 410 instead made fabric8's
     * informers retry the same version for ever (a connection error, not a gone watch): their caches froze, and a
     * rolling upgrade of 50,000 instances stopped with every new pod Ready and 31,041 old ones left.
     */
    private static final class Expired extends WebSocketListener {
        private final long version;

        Expired(long version) {
            this.version = version;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            ObjectNode event = Json.MAPPER.createObjectNode();
            event.put("type", "ERROR");
            ObjectNode status =
                    Json.MAPPER.valueToTree(statusBody(410, "Expired", "too old resource version: " + version));
            status.put("apiVersion", "v1");
            status.put("kind", "Status");
            event.set("object", status);
            webSocket.send(Json.canonical(event));
        }
    }

    /**
     * fabric8's watch listener, told first of the deletions since the watch's resource version. They are sent when
     * the socket opens, holding the monitor under which the store changes and fabric8 tells its watches
     * ({@link #processEvent}), before fabric8's listener takes the socket: a deletion is either in the history sent
     * or reaches the listener itself, never neither.
     */
    private final class CatchUp extends WebSocketListener {
        private final WebSocketListener watch;
        private final long from;
        private final AttributeSet query;

        CatchUp(WebSocketListener watch, long from, AttributeSet query) {
            this.watch = watch;
            this.from = from;
            this.query = query;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            watch.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            // fabric8's read lock first, as a write takes fabric8's write lock before the monitor (processEvent):
            // fabric8's listener takes the read lock again (reentrant) to send the objects that exist
            Lock read = fabric8Lock.readLock();
            read.lock();
            try {
                synchronized (watchEvents.lock()) {
                    for (String deleted : watchEvents.deletedSince(from, query)) {
                        ObjectNode event = Json.MAPPER.createObjectNode();
                        event.put("type", "DELETED");
                        event.set("object", Json.parse(deleted));
                        webSocket.send(Json.canonical(event));
                    }
                    watch.onOpen(webSocket, response);
                }
            } finally {
                read.unlock();
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            watch.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, io.fabric8.mockwebserver.http.ByteString bytes) {
            watch.onMessage(webSocket, bytes);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            watch.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            watch.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            watch.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            watch.onFailure(webSocket, failure, response);
        }
    }

    /** A GET of one named object is answered from the store's name index ({@link NameIndexedStore}). */
    @Override
    public MockResponse handleGet(String path) {
        if (!path.contains("watch")) {
            AttributeSet query = attributeExtractor.fromPath(path);
            if (NameIndexedStore.named(query)) {
                Map.Entry<AttributeSet, String> found = store.find(query);
                if (found != null) {
                    return new MockResponse().setResponseCode(200).setBody(found.getValue());
                }
            }
        }
        return super.handleGet(path);
    }

    /**
     * A DELETE of one named object, through the name index: fabric8 copies every stored entry and tests each
     * against the path (at 10,000 pods, milliseconds per delete on the API's one event-loop thread). What it does to
     * each object that matches is the same as fabric8's: removed, or, with finalizers, marked with a deletion
     * timestamp and a new resource version; the answer is the first match, or 404.
     */
    @Override
    public MockResponse handleDelete(String path) {
        AttributeSet query = attributeExtractor.fromPath(path);
        if (!NameIndexedStore.named(query)) {
            return super.handleDelete(path);
        }
        Lock lock = fabric8Lock.writeLock();
        lock.lock();
        try {
            List<Map.Entry<AttributeSet, String>> found = store.findAll(query);
            if (found.isEmpty()) {
                return new MockResponse().setResponseCode(404);
            }
            for (Map.Entry<AttributeSet, String> entry : found) {
                deleteStored(path, query, entry.getKey(), entry.getValue());
            }
            return new MockResponse().setResponseCode(200).setBody(found.get(0).getValue());
        } finally {
            lock.unlock();
        }
    }

    /** fabric8's {@code processDelete}, which is private. */
    private void deleteStored(String path, AttributeSet query, AttributeSet key, String json) {
        GenericKubernetesResource resource = Serialization.unmarshal(json, GenericKubernetesResource.class);
        if (resource.getFinalizers().isEmpty()) {
            processEvent(path, query, key, null, null);
        } else if (!resource.isMarkedForDeletion()) {
            resource.getMetadata().setDeletionTimestamp(Timestamps.now());
            resource.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
            processEvent(path, query, key, resource, Serialization.asJson(resource));
        }
    }

    /** fabric8's lock of its store (private): a delete here takes it as fabric8's own delete does. */
    private final ReadWriteLock fabric8Lock = fabric8Lock(this);

    private static ReadWriteLock fabric8Lock(KubernetesCrudDispatcher dispatcher) {
        try {
            Field field = KubernetesCrudDispatcher.class.getDeclaredField("lock");
            field.setAccessible(true);
            return (ReadWriteLock) field.get(dispatcher);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the mock server's lock", e);
        }
    }

    /** How fabric8's create, update and patch handlers find the stored object: through the name index. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        if (NameIndexedStore.named(attributes)) {
            return store.find(attributes);
        }
        return super.findResource(attributes);
    }

    void setServerAddress(String serverAddress) {
        this.serverAddress = serverAddress;
    }

    void setFaults(FaultInjection faults) {
        this.faults = faults;
    }

    private volatile Runnable afterDelete = () -> {};

    /** Called after every delete, so the garbage collector runs soon. */
    void setAfterDelete(Runnable afterDelete) {
        this.afterDelete = afterDelete;
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
        String contentType = Objects.requireNonNullElse(request.getHeader("Content-Type"), "");
        if (contentType.startsWith("application/vnd.kubernetes.protobuf")) {
            // kubectl sends some built-in kinds as protobuf: read the ones it creates, refuse the others
            Optional<ObjectNode> decoded =
                    ProtobufBodies.decode(request.getBody().getBytes());
            if (decoded.isPresent()) {
                return route(withBody(request, decoded.get()));
            }
            return status(
                    415,
                    "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: "
                            + "application/json, application/yaml, application/json-patch+json, "
                            + "application/merge-patch+json, application/strategic-merge-patch+json");
        }
        if (request.method() != HttpMethod.GET) {
            Optional<FaultInjection.Fault> fault = faults.nextWrite();
            if (fault.isPresent()) {
                return status(
                        fault.get().code(), fault.get().reason(), fault.get().message());
            }
        }
        writes.lock();
        try {
            if (request.method() == HttpMethod.DELETE) {
                if (target.isPresent() && target.get().subresource() != null) {
                    // the CRUD server would take such a path for its collection and delete every object in it
                    return status(404, "NotFound", "the server could not find the requested resource");
                }
                return withNotFoundStatus(delete(request, target), target);
            }
            if (request.method() == HttpMethod.POST
                    && target.isPresent()
                    && target.get().group().isEmpty()
                    && "pods".equals(target.get().resource())
                    && target.get().name() == null) {
                request = withBody(request, DefaultTolerations.apply(Json.parse(request.getUtf8Body())));
            }
            return withNotFoundStatus(scaleOrElse(request, target), target);
        } finally {
            writes.unlock();
        }
    }

    // --- eviction ------------------------------------------------------------------------------------

    /** {@code pods/eviction}: deletes the pod unless the PodDisruptionBudget selecting it refuses (429). */
    private MockResponse evict(ApiPath target) {
        MockResponse current = handleGet(target.objectPath());
        if (current.code() != 200) {
            return current;
        }
        JsonNode pod = Json.parse(current.getBody().readUtf8());
        List<JsonNode> budgets =
                items("/apis/policy/v1/namespaces/" + target.namespace() + "/poddisruptionbudgets").stream()
                        .filter(b -> DisruptionBudgets.matches(
                                b.path("spec").path("selector"),
                                pod.path("metadata").path("labels")))
                        .toList();
        if (budgets.size() > 1) {
            return status(
                    500,
                    "InternalError",
                    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }
        if (budgets.size() == 1) {
            Optional<String> refusal = DisruptionBudgets.refusal(
                    pod, budgets.get(0), items("/api/v1/namespaces/" + target.namespace() + "/pods"));
            if (refusal.isPresent()) {
                io.fabric8.kubernetes.api.model.Status status = CustomResourceAdmission.failure(
                        429,
                        "TooManyRequests",
                        DisruptionBudgets.REFUSED,
                        List.of(new io.fabric8.kubernetes.api.model.StatusCauseBuilder()
                                .withReason("DisruptionBudget")
                                .withMessage(refusal.get())
                                .build()));
                return json(429, status).orElseThrow();
            }
        }
        MockResponse deleted = handleDelete(target.objectPath());
        afterDelete.run();
        if (deleted.code() >= 300) {
            return deleted;
        }
        return json(201, new StatusBuilder().withStatus("Success").withCode(201).build())
                .orElseThrow();
    }

    private List<JsonNode> items(String listPath) {
        MockResponse list = handleGet(listPath);
        List<JsonNode> out = new ArrayList<>();
        if (list.code() == 200) {
            Json.parse(list.getBody().readUtf8()).path("items").forEach(out::add);
        }
        return out;
    }

    // --- deletes and the garbage collector ---------------------------------------------------------

    /**
     * A delete with {@code propagationPolicy} Foreground or Orphan first puts the policy's finalizer on the
     * object, as the API server does; the object then stays (with a deletionTimestamp) until the garbage
     * collector ({@link #collectGarbage()}) has dealt with its dependents and removed the finalizer.
     */
    private MockResponse delete(RecordedRequest request, Optional<ApiPath> target) {
        try {
            Optional<String> finalizer = propagationPolicy(request).map(GarbageCollector.POLICY_FINALIZERS::get);
            if (finalizer.isPresent() && target.isPresent() && target.get().name() != null) {
                MockResponse current = handleGet(target.get().objectPath());
                if (current.code() == 200) {
                    JsonNode stored = Json.parse(current.getBody().readUtf8());
                    List<String> finalizers = new ArrayList<>();
                    stored.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
                    if (!finalizers.contains(finalizer.get())) {
                        finalizers.add(finalizer.get());
                        super.dispatch(patchRequest(target.get().objectPath(), finalizersPatch(finalizers)));
                    }
                }
            }
            return super.dispatch(request);
        } finally {
            afterDelete.run();
        }
    }

    private static Optional<String> propagationPolicy(RecordedRequest request) {
        java.util.regex.Matcher inQuery =
                java.util.regex.Pattern.compile("[?&]propagationPolicy=(\\w+)").matcher(request.getPath());
        if (inQuery.find()) {
            return Optional.of(inQuery.group(1));
        }
        String body = request.getUtf8Body();
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode options = Json.parse(body);
            if (options.path("orphanDependents").asBoolean(false)) {
                return Optional.of("Orphan");
            }
            return Optional.ofNullable(options.path("propagationPolicy").textValue());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ArrayNode finalizersPatch(List<String> finalizers) {
        ArrayNode ops = Json.MAPPER.createArrayNode();
        ArrayNode values = Json.MAPPER.createArrayNode();
        finalizers.forEach(values::add);
        ops.addObject().put("op", "add").put("path", "/metadata/finalizers").set("value", values);
        return ops;
    }

    /**
     * The garbage collector ({@link GarbageCollector}) over the objects the writes since its last run concern
     * ({@link OwnerIndex}: owners deleted, dependents written with an owner missing or being deleted with a
     * finalizer of the collector, ...), repeated while its own writes give it more to do. Nothing is read when no
     * write concerned an owner reference: a full pass read every stored object after each run of deletes, and at
     * 10,000 pods kept a core busy.
     *
     * @return how many actions it carried out
     */
    int collectGarbage() {
        if (!store.hasGarbageCandidates()) {
            return 0;
        }
        writes.lock();
        try {
            int done = 0;
            for (int round = 0; round < 100; round++) {
                NameIndexedStore.GarbageScope taken = store.takeGarbageScope();
                if (taken.scope().isEmpty()) {
                    break;
                }
                List<GarbageCollector.Action> actions = GarbageCollector.collect(taken.objects()).stream()
                        .filter(taken.scope()::covers)
                        .toList();
                if (actions.isEmpty()) {
                    continue; // its writes (none) gave it nothing new; the loop ends on an empty scope
                }
                List<ResourceType> types = resourceTypes();
                for (GarbageCollector.Action action : actions) {
                    Optional<String> path = objectPath(action.object(), types);
                    if (path.isEmpty()) {
                        continue;
                    }
                    if (action instanceof GarbageCollector.Delete) {
                        handleDelete(path.get());
                    } else if (action instanceof GarbageCollector.RemoveOwnerReference remove) {
                        ArrayNode refs = Json.MAPPER.createArrayNode();
                        action.object().path("metadata").path("ownerReferences").forEach(r -> {
                            if (!r.path("uid").asText().equals(remove.ownerUid())) {
                                refs.add(r);
                            }
                        });
                        ArrayNode ops = Json.MAPPER.createArrayNode();
                        ops.addObject()
                                .put("op", "add")
                                .put("path", "/metadata/ownerReferences")
                                .set("value", refs);
                        super.dispatch(patchRequest(path.get(), ops));
                    } else if (action instanceof GarbageCollector.RemoveFinalizer remove) {
                        List<String> finalizers = new ArrayList<>();
                        action.object().path("metadata").path("finalizers").forEach(f -> {
                            if (!f.asText().equals(remove.finalizer())) {
                                finalizers.add(f.asText());
                            }
                        });
                        super.dispatch(patchRequest(path.get(), finalizersPatch(finalizers)));
                    }
                    done++;
                }
            }
            return done;
        } finally {
            writes.unlock();
        }
    }

    private List<ResourceType> resourceTypes() {
        List<ResourceType> types = new ArrayList<>(BuiltinResourceTypes.TYPES);
        storedCrds().forEach(crd -> types.addAll(ResourceType.fromCrd(crd)));
        return types;
    }

    /** The REST path of a stored object, from its apiVersion and kind. */
    private static Optional<String> objectPath(JsonNode object, List<ResourceType> types) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String plural = types.stream()
                .filter(t -> t.group().equals(group) && t.kind().equals(kind))
                .map(ResourceType::plural)
                .findFirst()
                .orElse(kind.toLowerCase() + "s");
        String namespace = object.path("metadata").path("namespace").asText("");
        String name = object.path("metadata").path("name").asText("");
        if (kind.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new ApiPath(group, version, namespace.isEmpty() ? null : namespace, plural, name, null).objectPath());
    }

    private MockResponse scaleOrElse(RecordedRequest request, Optional<ApiPath> target) {
        if (target.isPresent() && "scale".equals(target.get().subresource())) {
            return scale(request, target.get());
        }
        if (target.isPresent() && PodBinding.isBinding(request.method(), target.get())) {
            return PodBinding.bind(
                    request,
                    target.get(),
                    path -> handleGet(path),
                    ops -> super.dispatch(patchRequest(target.get().objectPath(), ops)));
        }
        if (target.isPresent()
                && "eviction".equals(target.get().subresource())
                && "pods".equals(target.get().resource())
                && request.method() == HttpMethod.POST) {
            return evict(target.get());
        }
        if (target.isPresent() && isAdmitted(request.method(), target.get())) {
            List<CustomResourceDefinition> crds = storedCrds();
            Optional<CrdValidator> validator = admission.validatorFor(target.get(), crds);
            if (validator.isPresent()) {
                return admitted(request, target.get(), validator.get(), hasStatusSubresource(target.get(), crds));
            }
        }
        if (request.method() == HttpMethod.PATCH && isMergePatch(request.getHeader("Content-Type"))) {
            return mergePatch(request);
        }
        return super.dispatch(request);
    }

    // --- admission of custom resources -----------------------------------------------------------

    private static boolean isAdmitted(HttpMethod method, ApiPath target) {
        return (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH)
                && !target.group().isEmpty()
                && (target.subresource() == null || "status".equals(target.subresource()));
    }

    private static boolean hasStatusSubresource(ApiPath target, List<CustomResourceDefinition> crds) {
        return crds.stream()
                .filter(crd -> crd.getSpec().getGroup().equals(target.group())
                        && crd.getSpec().getNames().getPlural().equals(target.resource()))
                .flatMap(crd -> crd.getSpec().getVersions().stream())
                .anyMatch(v -> v.getName().equals(target.version())
                        && v.getSubresources() != null
                        && v.getSubresources().getStatus() != null);
    }

    /**
     * A write of a custom resource: the object it would store is computed here, defaulted, pruned and validated
     * ({@link CustomResourceAdmission}), then handed to fabric8 (a create or update with the admitted body, a
     * patch as a JSON Patch of the changed top-level fields) or refused with the server's Status.
     */
    private MockResponse admitted(
            RecordedRequest request, ApiPath target, CrdValidator validator, boolean statusSubresource) {
        boolean strict = request.getPath().contains("fieldValidation=Strict");
        boolean toStatus = "status".equals(target.subresource());
        if (request.method() == HttpMethod.POST) {
            if (target.name() != null) {
                return super.dispatch(request);
            }
            JsonNode body = Json.parse(request.getUtf8Body());
            JsonNode object = statusSubresource ? CustomResourceAdmission.withStatusOf(body, null) : body;
            CustomResourceAdmission.Outcome outcome =
                    CustomResourceAdmission.admit(validator, target.group(), object, strict);
            return outcome.refused()
                    ? json(outcome.refusal().getCode(), outcome.refusal()).orElseThrow()
                    : super.dispatch(withBody(request, outcome.admitted()));
        }
        MockResponse current = handleGet(target.objectPath());
        if (current.code() != 200) {
            return request.method() == HttpMethod.PUT ? super.dispatch(request) : current;
        }
        JsonNode stored = Json.parse(current.getBody().readUtf8());
        JsonNode wanted;
        try {
            wanted = request.method() == HttpMethod.PUT ? Json.parse(request.getUtf8Body()) : patched(request, stored);
        } catch (RuntimeException e) {
            return status(400, "BadRequest", "the patch cannot be applied: " + e.getMessage());
        }
        JsonNode object = toStatus
                ? CustomResourceAdmission.withStatusOf(stored, wanted)
                : statusSubresource ? CustomResourceAdmission.withStatusOf(wanted, stored) : wanted;
        CustomResourceAdmission.Outcome outcome =
                CustomResourceAdmission.admit(validator, target.group(), object, strict);
        if (outcome.refused()) {
            return json(outcome.refusal().getCode(), outcome.refusal()).orElseThrow();
        }
        if (request.method() == HttpMethod.PUT) {
            JsonNode body = outcome.admitted();
            if (toStatus) {
                ObjectNode withStatus = wanted.deepCopy();
                withStatus.set("status", outcome.admitted().get("status"));
                body = withStatus;
            }
            return super.dispatch(withBody(request, body));
        }
        ArrayNode ops = topLevelReplacements(stored, outcome.admitted());
        if (ops.isEmpty()) {
            return json(200, stored).orElseThrow();
        }
        return asOk(super.dispatch(patchRequest(request.getPath(), ops)));
    }

    private static JsonNode patched(RecordedRequest request, JsonNode stored) {
        String contentType = Objects.requireNonNullElse(request.getHeader("Content-Type"), "");
        JsonNode patch = Json.parse(request.getUtf8Body());
        if (contentType.startsWith(JSON_PATCH)) {
            return io.fabric8.zjsonpatch.JsonPatch.apply(patch, stored);
        }
        if (contentType.startsWith("application/strategic")) {
            return MergePatch.strategic(stored, patch);
        }
        return MergePatch.json(stored, patch);
    }

    private static RecordedRequest withBody(RecordedRequest request, JsonNode body) {
        Headers headers =
                Headers.builder().add("Content-Type", "application/json").build();
        return new RecordedRequest(
                "HTTP/1.1",
                request.method(),
                request.getPath(),
                headers,
                new Buffer(Json.canonical(body).getBytes(StandardCharsets.UTF_8)));
    }

    // --- discovery ---------------------------------------------------------------------------------

    private Optional<MockResponse> discovery(String path) {
        String[] s = path.replaceAll("^/+|/+$", "").split("/");
        if (path.equals("/version")) {
            return json(200, SandboxVersion.INFO);
        }
        if (path.equals("/openapi/v3")) {
            return json(200, openApiDocuments().root());
        }
        if (path.startsWith("/openapi/v3/")) {
            return openApiDocuments()
                    .groupVersion(path.substring("/openapi/v3/".length()))
                    .flatMap(doc -> json(200, doc))
                    .or(() -> Optional.of(status(404, "NotFound", "no OpenAPI document for " + path)));
        }
        if (path.startsWith("/openapi")) {
            return Optional.of(status(404, "NotFound", "the sandbox serves OpenAPI v3 documents only"));
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

    private OpenApiDocuments openApiDocuments() {
        List<ResourceType> types = new ArrayList<>(BuiltinResourceTypes.TYPES);
        storedCrds().forEach(crd -> types.addAll(ResourceType.fromCrd(crd)));
        return new OpenApiDocuments(types);
    }

    /** Every CRD in the store, read through the dispatcher itself so one created by kubectl counts too. */
    List<CustomResourceDefinition> storedCrds() {
        CrdsRead cached = crdsRead;
        long changes = store.crdChanges();
        if (cached != null && cached.changes() == changes) {
            return cached.crds();
        }
        MockResponse list = handleGet(CRDS_PATH);
        List<CustomResourceDefinition> crds = List.copyOf(Json.MAPPER
                .convertValue(Json.parse(list.getBody().readUtf8()), CustomResourceDefinitionList.class)
                .getItems());
        crdsRead = new CrdsRead(changes, crds);
        return crds;
    }

    /**
     * The CRDs as last read, and the store's count of CRD changes then: every admitted write needs them, and listing
     * them scans the whole store.
     */
    private record CrdsRead(long changes, List<CustomResourceDefinition> crds) {}

    private volatile CrdsRead crdsRead;

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
        MockResponse current = handleGet(target.get().objectPath());
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
        Buffer body = new Buffer(Json.canonical(jsonPatch).getBytes(StandardCharsets.UTF_8));
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
        MockResponse current = handleGet(target.objectPath());
        if (current.code() != 200) {
            return current;
        }
        JsonNode stored = Json.parse(current.getBody().readUtf8());
        JsonNode currentScale = Json.MAPPER.valueToTree(scale.get().read(stored));
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
                .flatMap(table -> json(200, Json.canonical(table)))
                .orElse(response);
    }

    // --- responses -------------------------------------------------------------------------------

    private static Optional<MockResponse> json(int code, Object body) {
        return Optional.of(new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(body instanceof String s ? s : Json.canonical(body)));
    }

    static MockResponse status(int code, String reason, String message) {
        return json(code, statusBody(code, reason, message)).orElseThrow();
    }

    /** A failure {@code Status}, as the API server answers one. */
    static io.fabric8.kubernetes.api.model.Status statusBody(int code, String reason, String message) {
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .build();
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
