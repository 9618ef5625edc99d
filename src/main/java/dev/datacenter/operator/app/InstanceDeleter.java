package dev.datacenter.operator.app;

import dev.datacenter.operator.cluster.ClusterWrites;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Deletes instance pods, recording each deletion as expected until the cache drops the pod. */
@ApplicationScoped
public class InstanceDeleter {

    @Inject
    ClusterWrites writes;

    @Inject
    DeletionExpectations expectations;

    /**
     * Deletes the pod. A delete the API server refuses (a 500, a 409) is no longer expected: the pod stays
     * and counts as running again, else the app would wait forever for a deletion that never comes.
     */
    public void delete(String appKey, Pod pod) {
        String uid = pod.getMetadata().getUid();
        expectations.expect(appKey, uid);
        try {
            writes.delete(
                    Pod.class,
                    pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName());
        } catch (RuntimeException e) {
            expectations.unexpect(appKey, uid);
            throw e;
        }
    }
}
