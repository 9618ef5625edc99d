package dev.datacenter.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Writes a custom resource's status through the status subresource, and only when it differs from the
 * status the cache holds (compared as JSON trees). The write carries the cached resourceVersion, so a
 * real API server answers 409 when the cache was stale: the caller's work queue retries. An object
 * deleted meanwhile (404) is left alone: status is never written for a deleted object.
 */
@ApplicationScoped
public class StatusWriter {
    private static final Logger LOG = Logger.getLogger(StatusWriter.class);

    @Inject
    KubernetesClient client;

    @Inject
    ClusterWrites writes;

    /** @return whether a write was made */
    public <S, R extends CustomResource<?, S>> boolean writeIfChanged(R current, S desired) {
        KubernetesSerialization json = client.getKubernetesSerialization();
        if (Objects.equals(
                json.convertValue(current.getStatus(), JsonNode.class), json.convertValue(desired, JsonNode.class))) {
            return false;
        }
        R copy = json.clone(current);
        copy.setStatus(desired);
        try {
            writes.updateStatus(copy);
            return true;
        } catch (RuntimeException e) {
            if (ApiErrors.isNotFound(e)) {
                LOG.debugf(
                        "%s %s/%s is gone; status not written",
                        current.getKind(),
                        current.getMetadata().getNamespace(),
                        current.getMetadata().getName());
                return false;
            }
            throw e;
        }
    }
}
