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

    public void delete(String appKey, Pod pod) {
        expectations.expect(appKey, pod.getMetadata().getUid());
        writes.delete(
                Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }
}
