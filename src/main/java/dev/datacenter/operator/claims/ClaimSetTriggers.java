package dev.datacenter.operator.claims;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.ClusterChangeListener;
import dev.datacenter.operator.cluster.InformerCache;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.runtime.ReconcileQueue;
import dev.datacenter.operator.runtime.ResourceKey;
import dev.datacenter.operator.runtime.ResourceKind;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What else a claim set's state depends on: the apps using it (scaled or deleted: retention), their
 * instance pods (gone: whenScaled Delete may proceed; status shows the instance), and the nodes (a
 * pinned node lost or back).
 */
@ApplicationScoped
public class ClaimSetTriggers implements ClusterChangeListener {

    @Inject
    InformerCache informers;

    @Inject
    ClusterCache cache;

    @Inject
    ReconcileQueue queue;

    private final Map<String, Boolean> readiness = new ConcurrentHashMap<>();

    void register(@Observes @Priority(50) StartupEvent event) {
        informers.addListener(this);
    }

    @Override
    public void appChanged(DataCenterApp app) {
        AppClaims.claimSets(app)
                .forEach(set ->
                        queue.enqueue(ResourceKey.claimSet(app.getMetadata().getNamespace(), set)));
    }

    @Override
    public void podChanged(Pod pod) {
        var labels = pod.getMetadata().getLabels();
        if (labels == null
                || !ApiGroup.MANAGED_BY.equals(labels.get(ApiGroup.LABEL_MANAGED_BY))
                || labels.get(ApiGroup.LABEL_APP) == null) {
            return;
        }
        cache.appOfLabel(pod.getMetadata().getNamespace(), labels.get(ApiGroup.LABEL_APP))
                .ifPresent(this::appChanged);
    }

    /** Only a node's coming, going or Ready flip matters to claims: heartbeats are ignored. */
    @Override
    public void nodeChanged(Node node) {
        String name = node.getMetadata().getName();
        Optional<Node> now = cache.node(name);
        Boolean before = now.isEmpty() ? readiness.remove(name) : readiness.put(name, EngineInputs.ready(now.get()));
        boolean changed = now.isEmpty()
                ? before != null
                : !Boolean.valueOf(EngineInputs.ready(now.get())).equals(before);
        if (changed) {
            cache.claimSets()
                    .forEach(set -> queue.enqueue(ResourceKey.of(ResourceKind.PERSISTENT_VOLUME_CLAIM_SET, set)));
        }
    }
}
