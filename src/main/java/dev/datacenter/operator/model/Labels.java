package dev.datacenter.operator.model;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labels, annotations and owner references shared by every object the operator creates for an app. */
public final class Labels {
    private Labels() {}

    /**
     * The selector of an app's instances: {@code datacenter.dev/app=<app label value>}. Use it (not the
     * raw name) wherever pods are matched: names longer than 63 characters are shortened with a hash.
     */
    public static Map<String, String> appSelector(String appName) {
        return Map.of(ApiGroup.LABEL_APP, Names.appLabel(appName));
    }

    /** {@code datacenter.dev/app=<app>} as a selector string, as in {@code status.selector}. */
    public static String appSelectorString(String appName) {
        return ApiGroup.LABEL_APP + "=" + Names.appLabel(appName);
    }

    /**
     * The labels every object of the app carries: {@code datacenter.dev/app}, the managed-by label, and
     * {@code datacenter.dev/group} (the group path with '/' encoded as '.') when the app has a group.
     */
    public static Map<String, String> forApp(DataCenterApp app) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ApiGroup.LABEL_APP, Names.appLabel(app.getMetadata().getName()));
        labels.put(ApiGroup.LABEL_MANAGED_BY, ApiGroup.MANAGED_BY);
        String group = app.getSpec() == null ? null : app.getSpec().getGroup();
        if (group != null && !group.isEmpty()) {
            labels.put(ApiGroup.LABEL_GROUP, Names.groupLabel(group));
        }
        return labels;
    }

    /** On each instance pod: the keys of the app's own labels it was given, comma-separated (see {@link #propagated}). */
    public static final String ANNOTATION_APP_LABELS = ApiGroup.GROUP + "/app-labels";

    /** Argo CD's tracking label (its default tracking method before 3.0): never copied onto pods or Services. */
    public static final String ARGOCD_INSTANCE = "app.kubernetes.io/instance";

    /**
     * The app's own {@code metadata.labels} that its pods and Service carry too: all but the operator's
     * ({@code datacenter.dev/*} and {@code app.kubernetes.io/managed-by}) and Argo CD's tracking label (a pod
     * carrying it would show in Argo CD as an extraneous resource of the Application, to be pruned).
     */
    public static Map<String, String> propagated(DataCenterApp app) {
        Map<String, String> own = app.getMetadata().getLabels();
        Map<String, String> out = new java.util.TreeMap<>();
        if (own == null) {
            return out;
        }
        own.forEach((k, v) -> {
            if (!k.startsWith(ApiGroup.GROUP + "/")
                    && !k.equals(ApiGroup.LABEL_MANAGED_BY)
                    && !k.equals(ARGOCD_INSTANCE)
                    && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The app's propagated labels, then {@link #forApp}'s (which win): the labels of its pods and Service. */
    public static Map<String, String> withAppLabels(DataCenterApp app) {
        Map<String, String> labels = new LinkedHashMap<>(propagated(app));
        labels.putAll(forApp(app));
        return labels;
    }

    /** The annotations every object of the app carries: the exact group path, when the app has one. */
    public static Map<String, String> annotationsForApp(DataCenterApp app) {
        Map<String, String> annotations = new LinkedHashMap<>();
        String group = app.getSpec() == null ? null : app.getSpec().getGroup();
        if (group != null && !group.isEmpty()) {
            annotations.put(ApiGroup.LABEL_GROUP, group);
        }
        return annotations;
    }

    /** A controller owner reference to {@code owner} (controller and blockOwnerDeletion true). */
    public static OwnerReference controllerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
