package dev.datacenter.operator.app;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Deletes instance pods, recording each deletion as expected until the cache drops the pod. */
@ApplicationScoped
public class InstanceDeleter {

    @Inject
    KubernetesClient client;

    @Inject
    DeletionExpectations expectations;

    public void delete(String appKey, Pod pod) {
        expectations.expect(appKey, pod.getMetadata().getUid());
        client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .delete();
    }
}
