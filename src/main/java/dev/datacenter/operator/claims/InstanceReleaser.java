package dev.datacenter.operator.claims;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.app.DeletionExpectations;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.ClusterWrites;
import dev.datacenter.operator.inventory.EngineInputs;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stops the instance pods of one ordinal whose claim is given up (a Relocate or a wipe), at once (grace
 * period 0: the node may be gone, and the data they used is abandoned), recording each deletion as
 * expected so the lifecycle does not count them meanwhile.
 */
@ApplicationScoped
public class InstanceReleaser {

    @Inject
    ClusterWrites writes;

    @Inject
    ClusterCache cache;

    @Inject
    DeletionExpectations expectations;

    /** @param node only the pods on this node, or every pod of the ordinal when null */
    public void release(String namespace, String app, int ordinal, String node) {
        if (app == null) {
            return;
        }
        for (Pod pod : cache.podsOfApp(namespace, app)) {
            if (String.valueOf(ordinal).equals(pod.getMetadata().getLabels().get(ApiGroup.LABEL_ORDINAL))
                    && (node == null || node.equals(EngineInputs.nodeOf(pod)))) {
                expectations.expect(
                        EngineInputs.appKey(namespace, cache.appNameOfLabel(namespace, app)),
                        pod.getMetadata().getUid());
                writes.deleteNow(Pod.class, namespace, pod.getMetadata().getName());
            }
        }
    }
}
