package dev.datacenter.operator.model;

import dev.datacenter.operator.api.DataCenterApp;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ControllerRevision (apps/v1) that records one revision of an app: named
 * {@code <app>-<template hash>}, labelled {@code datacenter.dev/app}, managed-by and
 * {@code datacenter.dev/template-hash}, owned by the app, with {@code revision} = the revision number
 * and {@code data} = {@code {spec, templateHash, restart}} where {@code spec} is the whole spec minus
 * {@code instances} (what rollback-to writes back) and {@code restart} the restart nonce, if any.
 */
public final class RevisionBuilder {
    static final String DATA_SPEC = "spec";
    static final String DATA_HASH = "templateHash";
    static final String DATA_RESTART = "restart";

    private RevisionBuilder() {}

    /**
     * The revision of the app's current spec.
     *
     * @param number the revision number ({@link RevisionHistory#resolve} says which)
     * @param restartNonce the restart nonce of this revision (see {@link RevisionHistory#restartNonce}),
     *        or null
     */
    public static ControllerRevision build(DataCenterApp app, long number, String restartNonce) {
        String hash = PodTemplateHash.of(app.getSpec(), restartNonce);
        Map<String, String> labels = new LinkedHashMap<>(Labels.forApp(app));
        labels.put(PodTemplateHash.LABEL, hash);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(DATA_SPEC, specSnapshot(app));
        data.put(DATA_HASH, hash);
        if (restartNonce != null) {
            data.put(DATA_RESTART, restartNonce);
        }
        return new ControllerRevisionBuilder()
                .withNewMetadata()
                .withName(Names.revisionName(app.getMetadata().getName(), hash))
                .withNamespace(app.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(Labels.annotationsForApp(app))
                .withOwnerReferences(Labels.controllerReference(app))
                .endMetadata()
                .withRevision(number)
                .withData(data)
                .build();
    }

    /** The template hash a revision records (its label, else its data). */
    public static String templateHash(ControllerRevision revision) {
        Map<String, String> labels = revision.getMetadata().getLabels();
        if (labels != null && labels.get(PodTemplateHash.LABEL) != null) {
            return labels.get(PodTemplateHash.LABEL);
        }
        Object hash = data(revision).get(DATA_HASH);
        return hash == null ? null : hash.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> specSnapshot(DataCenterApp app) {
        Map<String, Object> spec = Json.MAPPER.convertValue(app.getSpec(), Map.class);
        spec.remove("instances");
        return spec;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(ControllerRevision revision) {
        Object data = revision.getData();
        if (data == null) {
            return Map.of();
        }
        Map<String, Object> map = Json.MAPPER.convertValue(data, Map.class);
        return map == null ? Map.of() : map;
    }
}
