package dev.datacenter.operator.sandbox;

import java.util.List;

/**
 * The built-in resource types the sandbox advertises in discovery: what the operator, the simulated
 * kubelet and kubectl use. The in-process server stores any kind; these are the ones kubectl can name.
 */
final class BuiltinResourceTypes {

    private static final List<String> ALL = List.of("all");
    private static final List<String> NONE = List.of();

    static final List<ResourceType> TYPES = List.of(
            ResourceType.core("namespaces", "Namespace", false, List.of("ns"), NONE, true),
            ResourceType.core("nodes", "Node", false, List.of("no"), NONE, true),
            ResourceType.core("pods", "Pod", true, List.of("po"), ALL, true),
            ResourceType.core("services", "Service", true, List.of("svc"), ALL, true),
            ResourceType.core("endpoints", "Endpoints", true, List.of("ep"), NONE, false),
            ResourceType.core("configmaps", "ConfigMap", true, List.of("cm"), NONE, false),
            ResourceType.core("secrets", "Secret", true, NONE, NONE, false),
            ResourceType.core("serviceaccounts", "ServiceAccount", true, List.of("sa"), NONE, false),
            ResourceType.core("events", "Event", true, List.of("ev"), NONE, false),
            ResourceType.core("persistentvolumeclaims", "PersistentVolumeClaim", true, List.of("pvc"), NONE, true),
            ResourceType.core("persistentvolumes", "PersistentVolume", false, List.of("pv"), NONE, true),
            ResourceType.core("resourcequotas", "ResourceQuota", true, List.of("quota"), NONE, true),
            ResourceType.core("limitranges", "LimitRange", true, List.of("limits"), NONE, false),
            ResourceType.of("apps", "v1", "deployments", "Deployment", true, List.of("deploy"), ALL, true, false),
            ResourceType.of("apps", "v1", "statefulsets", "StatefulSet", true, List.of("sts"), ALL, true, false),
            ResourceType.of("apps", "v1", "replicasets", "ReplicaSet", true, List.of("rs"), ALL, true, false),
            ResourceType.of("apps", "v1", "daemonsets", "DaemonSet", true, List.of("ds"), ALL, true, false),
            ResourceType.of("apps", "v1", "controllerrevisions", "ControllerRevision", true, NONE, NONE, false, false),
            ResourceType.of("batch", "v1", "jobs", "Job", true, NONE, ALL, true, false),
            ResourceType.of("batch", "v1", "cronjobs", "CronJob", true, List.of("cj"), ALL, true, false),
            ResourceType.of("coordination.k8s.io", "v1", "leases", "Lease", true, NONE, NONE, false, false),
            ResourceType.of(
                    "apiextensions.k8s.io",
                    "v1",
                    "customresourcedefinitions",
                    "CustomResourceDefinition",
                    false,
                    List.of("crd", "crds"),
                    NONE,
                    true,
                    false),
            ResourceType.of(
                    "storage.k8s.io", "v1", "storageclasses", "StorageClass", false, List.of("sc"), NONE, false, false),
            ResourceType.of(
                    "policy",
                    "v1",
                    "poddisruptionbudgets",
                    "PodDisruptionBudget",
                    true,
                    List.of("pdb"),
                    NONE,
                    true,
                    false),
            ResourceType.of(
                    "scheduling.k8s.io",
                    "v1",
                    "priorityclasses",
                    "PriorityClass",
                    false,
                    List.of("pc"),
                    NONE,
                    false,
                    false),
            ResourceType.of("events.k8s.io", "v1", "events", "Event", true, List.of("ev"), NONE, false, false));

    private BuiltinResourceTypes() {}
}
