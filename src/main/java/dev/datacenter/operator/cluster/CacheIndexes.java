package dev.datacenter.operator.cluster;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.VolumeSpec;
import dev.datacenter.operator.model.Names;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The informer indexes: their names, how their keys are spelled, and the functions that compute them. */
final class CacheIndexes {
    static final String BY_POOL = "byPool";
    static final String BY_CLAIM_SET = "byClaimSet";
    static final String BY_DEPENDENCY = "byDependency";
    static final String BY_APP = "byApp";
    static final String BY_NODE = "byNode";
    static final String BY_LABEL = "byLabel";

    private CacheIndexes() {}

    static String key(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }

    static Map<String, Function<DataCenterApp, List<String>>> appIndexes() {
        return Map.of(
                BY_POOL,
                app -> List.of(poolOf(app)),
                BY_CLAIM_SET,
                CacheIndexes::claimSetsOf,
                BY_DEPENDENCY,
                CacheIndexes::dependenciesOf,
                BY_LABEL,
                app -> List.of(labelKey(
                        app.getMetadata().getNamespace(), app.getMetadata().getName())));
    }

    /**
     * The index key of an app's objects: namespace and the app's {@code datacenter.dev/app} label value (its
     * name, shortened with a hash beyond 63 characters). Given a label value, the same value.
     */
    static String labelKey(String namespace, String appNameOrLabel) {
        return key(namespace, Names.appLabel(appNameOrLabel));
    }

    static Map<String, Function<Pod, List<String>>> podIndexes() {
        return Map.of(BY_APP, CacheIndexes::ownerApp, BY_NODE, CacheIndexes::nodeOf);
    }

    static <T extends HasMetadata> Map<String, Function<T, List<String>>> ownedIndexes() {
        return Map.of(BY_APP, CacheIndexes::ownerApp);
    }

    static <T extends HasMetadata> Map<String, Function<T, List<String>>> claimIndexes() {
        return Map.of(BY_APP, CacheIndexes::ownerApp, BY_CLAIM_SET, CacheIndexes::claimSetLabel);
    }

    static String poolOf(DataCenterApp app) {
        String pool = app.getSpec() == null ? null : app.getSpec().getPool();
        return pool == null || pool.isEmpty() ? ApiGroup.DEFAULT_POOL : pool;
    }

    static boolean ours(HasMetadata object) {
        return ApiGroup.MANAGED_BY.equals(label(object, ApiGroup.LABEL_MANAGED_BY));
    }

    private static List<String> claimSetsOf(DataCenterApp app) {
        if (app.getSpec() == null || app.getSpec().getVolumes() == null) {
            return List.of();
        }
        return app.getSpec().getVolumes().stream()
                .map(VolumeSpec::getClaimSet)
                .filter(Objects::nonNull)
                .distinct()
                .map(set -> key(app.getMetadata().getNamespace(), set))
                .toList();
    }

    private static List<String> dependenciesOf(DataCenterApp app) {
        if (app.getSpec() == null || app.getSpec().getDependencies() == null) {
            return List.of();
        }
        return app.getSpec().getDependencies().stream()
                .filter(Objects::nonNull)
                .distinct()
                .map(dependency -> key(app.getMetadata().getNamespace(), dependency))
                .toList();
    }

    /** {@code namespace/<app label value>} of an object the operator manages for an app; nothing for anyone else's. */
    private static List<String> ownerApp(HasMetadata object) {
        String app = label(object, ApiGroup.LABEL_APP);
        return ours(object) && app != null ? List.of(key(object.getMetadata().getNamespace(), app)) : List.of();
    }

    private static List<String> claimSetLabel(HasMetadata object) {
        String set = label(object, ApiGroup.LABEL_CLAIM_SET);
        return set != null ? List.of(key(object.getMetadata().getNamespace(), set)) : List.of();
    }

    /**
     * The node a pod runs on, or for one of ours not bound yet, the node its offer was accepted on:
     * either way the node whose resources it takes.
     */
    private static List<String> nodeOf(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if ((node == null || node.isEmpty()) && ours(pod)) {
            node = pod.getMetadata().getAnnotations() == null
                    ? null
                    : pod.getMetadata().getAnnotations().get(ApiGroup.ANNOTATION_NODE);
        }
        return node == null || node.isEmpty() ? List.of() : List.of(node);
    }

    private static String label(HasMetadata object, String key) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
