package dev.datacenter.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * Paces the status writes of one object: asked about a change before it is written, told when it was.
     * The JSON trees are the cached status (a JSON null when there is none) and the desired one.
     */
    public interface Pacer {
        /** {@link Duration#ZERO}: write now; else how long to hold this change back. */
        Duration hold(JsonNode current, JsonNode desired);

        void written();
    }

    /** @return whether a write was made */
    public <S, R extends CustomResource<?, S>> boolean writeIfChanged(R current, S desired) {
        KubernetesSerialization json = client.getKubernetesSerialization();
        if (Objects.equals(
                json.convertValue(current.getStatus(), JsonNode.class), json.convertValue(desired, JsonNode.class))) {
            return false;
        }
        return write(current, desired);
    }

    /**
     * Writes the status if it changed and the pacer lets it through now.
     *
     * @return how long the pacer holds the change back (the caller looks again then, so the last state is
     *     written in the end); empty when there was nothing to write or it was written
     */
    public <S, R extends CustomResource<?, S>> Optional<Duration> writeIfChanged(R current, S desired, Pacer pacer) {
        KubernetesSerialization json = client.getKubernetesSerialization();
        JsonNode was = json.convertValue(current.getStatus(), JsonNode.class);
        JsonNode wanted = json.convertValue(desired, JsonNode.class);
        if (was == null) {
            was = NullNode.getInstance();
        }
        if (Objects.equals(was, wanted)) {
            return Optional.empty();
        }
        Duration hold = pacer.hold(was, wanted);
        if ((!hold.isZero() && !hold.isNegative())) {
            return Optional.of(hold);
        }
        if (write(current, desired)) {
            pacer.written();
        }
        return Optional.empty();
    }

    private <S, R extends CustomResource<?, S>> boolean write(R current, S desired) {
        KubernetesSerialization json = client.getKubernetesSerialization();
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
