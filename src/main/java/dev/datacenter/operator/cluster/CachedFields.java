package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the informers keep of pods and nodes: the fields the operator reads, with the rest dropped before an object
 * enters the cache, so that the cache of a large cluster stays small (README, "Performance"). The operator never
 * writes a cached pod or node back (edits read the object from the API first), so nothing dropped here is lost.
 *
 * <ul>
 * <li>every object: {@code metadata.managedFields} and the annotation
 * {@code kubectl.kubernetes.io/last-applied-configuration} (often the whole object again);</li>
 * <li>pods: of each container and init container, {@code command}, {@code args}, {@code env}, {@code envFrom},
 * the probes, {@code lifecycle} and {@code volumeMounts} (the operator reads a container's name, image,
 * resources and ports); label and annotation keys and values, names and images are interned (50,000 pods of
 * 1,000 apps share a few thousand distinct strings);</li>
 * <li>nodes: {@code status.images} (a real node lists every image it holds) and {@code status.volumesInUse}.</li>
 * </ul>
 */
public final class CachedFields {
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private CachedFields() {}

    /** Drops what the operator does not read from a pod, in place; returns it. */
    public static Pod slim(Pod pod) {
        slimMetadata(pod);
        if (pod.getSpec() != null) {
            slimContainers(pod.getSpec().getContainers());
            slimContainers(pod.getSpec().getInitContainers());
            pod.getSpec().setNodeName(intern(pod.getSpec().getNodeName()));
            pod.getSpec().setSchedulerName(intern(pod.getSpec().getSchedulerName()));
        }
        return pod;
    }

    /** Drops what the operator does not read from a node, in place; returns it. */
    public static Node slim(Node node) {
        slimMetadata(node);
        if (node.getStatus() != null) {
            node.getStatus().setImages(null);
            node.getStatus().setVolumesInUse(null);
            node.getStatus().setVolumesAttached(null);
        }
        return node;
    }

    private static void slimMetadata(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        if (meta == null) {
            return;
        }
        meta.setManagedFields(null);
        meta.setNamespace(intern(meta.getNamespace()));
        meta.setLabels(interned(meta.getLabels()));
        Map<String, String> annotations = meta.getAnnotations();
        if (annotations != null) {
            annotations.remove(LAST_APPLIED);
            meta.setAnnotations(interned(annotations));
        }
    }

    private static void slimContainers(List<Container> containers) {
        if (containers == null) {
            return;
        }
        for (Container c : containers) {
            c.setCommand(null);
            c.setArgs(null);
            c.setEnv(null);
            c.setEnvFrom(null);
            c.setLivenessProbe(null);
            c.setReadinessProbe(null);
            c.setStartupProbe(null);
            c.setLifecycle(null);
            c.setVolumeMounts(null);
            c.setName(intern(c.getName()));
            c.setImage(intern(c.getImage()));
        }
    }

    private static Map<String, String> interned(Map<String, String> map) {
        if (map == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>(Math.max(2, (int) (map.size() / 0.75f) + 1));
        map.forEach((k, v) -> out.put(intern(k), intern(v)));
        return out;
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }
}
