package dev.datacenter.operator.cluster;

import dev.datacenter.operator.api.DataCenterApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Label writes: metadata only, never a spec (so no new generation, no perpetual diff in Argo CD). Each write
 * reads the object, changes its labels (and at most one annotation) and sends the difference as a JSON
 * patch ({@code edit}); a failure is retried by the work queue.
 */
@ApplicationScoped
public class MetadataWriter {

    @Inject
    KubernetesClient client;

    @Inject
    ClusterWrites writes;

    /** Sets {@code set} and removes {@code remove} among a DataCenterApp's labels. */
    public void labelApp(DataCenterApp app, Map<String, String> set, Set<String> remove) {
        writes.write(
                "edit-metadata",
                "DataCenterApp",
                () -> client.resources(DataCenterApp.class)
                        .inNamespace(app.getMetadata().getNamespace())
                        .withName(app.getMetadata().getName())
                        .edit(current -> relabel(current, set, remove, null, null)));
    }

    /**
     * Sets {@code set} and removes {@code remove} among a pod's labels, and sets annotation {@code annotation}
     * to {@code value}.
     */
    public void labelPod(Pod pod, Map<String, String> set, Set<String> remove, String annotation, String value) {
        writes.write(
                "edit-metadata",
                "Pod",
                () -> client.pods()
                        .inNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName())
                        .edit(current -> relabel(current, set, remove, annotation, value)));
    }

    private static <T extends HasMetadata> T relabel(
            T current, Map<String, String> set, Set<String> remove, String annotation, String value) {
        Map<String, String> labels = current.getMetadata().getLabels() == null
                ? new HashMap<>()
                : new HashMap<>(current.getMetadata().getLabels());
        labels.keySet().removeAll(remove);
        labels.putAll(set);
        current.getMetadata().setLabels(labels);
        if (annotation != null) {
            Map<String, String> annotations = current.getMetadata().getAnnotations() == null
                    ? new HashMap<>()
                    : new HashMap<>(current.getMetadata().getAnnotations());
            annotations.put(annotation, value);
            current.getMetadata().setAnnotations(annotations);
        }
        return current;
    }
}
