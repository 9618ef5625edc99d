package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every write the operator makes to the Kubernetes API: creates, edits (read, change, update with the read
 * resourceVersion, retried by the client on a 409), deletes and status updates, of any kind. One place,
 * so that writes are counted ({@code datacenter_api_writes_total{verb,kind,outcome}}) and can be limited
 * or observed in one spot: every write takes a token of {@link WriteRateLimit} first
 * ({@code datacenter.client.writes-per-second}, {@code datacenter.client.write-burst}). Reads go through the informer cache ({@link ClusterCache}); the one fresh read
 * here, {@link #get}, is for a caller that must look past a stale cache after a conflict.
 */
@ApplicationScoped
public class ClusterWrites {

    @Inject
    KubernetesClient client;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "datacenter.client.writes-per-second", defaultValue = "500")
    double writesPerSecond;

    @ConfigProperty(name = "datacenter.client.write-burst", defaultValue = "1000")
    int writeBurst;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile WriteRateLimit limit;

    /** Creates the object in its own namespace (from its metadata). */
    public <T extends HasMetadata> T create(T object) {
        return counted("create", object.getKind(), () -> client.resource(object).create());
    }

    /**
     * Creates the object, or, when one of its name exists, applies {@code edit} to the existing one (read by
     * name: an edit through the desired object's own handle would compare it with itself and send nothing).
     */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T createOrEdit(T desired, UnaryOperator<T> edit) {
        Class<T> type = (Class<T>) desired.getClass();
        return counted(
                "create-or-edit",
                desired.getKind(),
                () -> client.resource(desired)
                        .createOr(existing -> resource(
                                        type,
                                        desired.getMetadata().getNamespace(),
                                        desired.getMetadata().getName())
                                .edit(edit)));
    }

    /** Reads the named object, applies {@code edit} and updates it (optimistic locking; a 409 is retried). */
    public <T extends HasMetadata> T edit(Class<T> type, String namespace, String name, UnaryOperator<T> edit) {
        return counted(
                "edit",
                type.getSimpleName(),
                () -> resource(type, namespace, name).edit(edit));
    }

    /**
     * Deletes the named object; one already gone is fine.
     *
     * @return whether this call deleted something
     */
    public <T extends HasMetadata> boolean delete(Class<T> type, String namespace, String name) {
        return counted(
                "delete",
                type.getSimpleName(),
                () -> !resource(type, namespace, name).delete().isEmpty());
    }

    /** Deletes the named object at once (grace period 0): its node may be gone. */
    public <T extends HasMetadata> boolean deleteNow(Class<T> type, String namespace, String name) {
        return counted(
                "delete",
                type.getSimpleName(),
                () -> !resource(type, namespace, name)
                        .withGracePeriod(0)
                        .delete()
                        .isEmpty());
    }

    /** Writes a custom resource's status through the status subresource, with the object's resourceVersion. */
    public <R extends CustomResource<?, ?>> void updateStatus(R object) {
        counted("update-status", object.getKind(), () -> client.resource(object).updateStatus());
    }

    /**
     * A write the typed methods above do not cover (subresources such as {@code pods/binding},
     * {@code pods/eviction} and a pod's status, generic objects): limited and counted like every other write.
     */
    public <V> V write(String verb, String kind, Supplier<V> write) {
        return counted(verb, kind, write);
    }

    /** A fresh read from the API server, past the cache; null when the object does not exist. */
    public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        return resource(type, namespace, name).get();
    }

    private <T extends HasMetadata> Resource<T> resource(Class<T> type, String namespace, String name) {
        return namespace == null
                ? client.resources(type).withName(name)
                : client.resources(type).inNamespace(namespace).withName(name);
    }

    /** The token bucket every write here passes ({@code datacenter.client.writes-per-second}). */
    public WriteRateLimit rateLimit() {
        WriteRateLimit l = limit;
        if (l == null) {
            synchronized (this) {
                if (limit == null) {
                    limit = new WriteRateLimit(writesPerSecond, writeBurst);
                }
                l = limit;
            }
        }
        return l;
    }

    private <V> V counted(String verb, String kind, Supplier<V> write) {
        rateLimit().acquire();
        try {
            V result = write.get();
            count(verb, kind, "ok");
            return result;
        } catch (RuntimeException e) {
            count(verb, kind, outcome(e));
            throw e;
        }
    }

    private void count(String verb, String kind, String outcome) {
        counters.computeIfAbsent(
                        verb + '|' + kind + '|' + outcome,
                        k -> Counter.builder("datacenter_api_writes_total")
                                .description("Writes to the Kubernetes API by verb, kind and outcome")
                                .tag("verb", verb)
                                .tag("kind", kind == null ? "unknown" : kind)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
    }

    private static String outcome(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return String.valueOf(k.getCode());
            }
        }
        return "error";
    }
}
