package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Deletes pods of ours the operator lets go of (a pod the cluster refused is released this way). */
@ApplicationScoped
public class PodDeletes {
    private static final Logger LOG = Logger.getLogger(PodDeletes.class);

    @Inject
    KubernetesClient client;

    @Inject
    ClusterWrites writes;

    /** Deletes the pod without grace: it never ran (refused). A pod already gone is no error. */
    public void deleteRefused(Pod pod) {
        try {
            writes.write(
                    "delete",
                    "Pod",
                    () -> client.pods()
                            .inNamespace(pod.getMetadata().getNamespace())
                            .withName(pod.getMetadata().getName())
                            .withGracePeriod(0)
                            .delete());
        } catch (RuntimeException e) {
            if (!ApiErrors.isNotFound(e)) {
                throw e;
            }
            LOG.debugf(
                    "refused pod %s/%s is gone already",
                    pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        }
    }
}
