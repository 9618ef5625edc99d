package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.List;
import java.util.Optional;

/**
 * One resource type as discovery describes it: a built-in kind or one version of a CRD.
 *
 * @param status whether it has a {@code status} subresource
 * @param scale whether it has a {@code scale} subresource
 */
record ResourceType(
        String group,
        String version,
        String plural,
        String singular,
        String kind,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        boolean status,
        boolean scale) {

    static ResourceType core(
            String plural,
            String kind,
            boolean namespaced,
            List<String> shortNames,
            List<String> categories,
            boolean status) {
        return new ResourceType(
                "", "v1", plural, kind.toLowerCase(), kind, namespaced, shortNames, categories, status, false);
    }

    static ResourceType of(
            String group,
            String version,
            String plural,
            String kind,
            boolean namespaced,
            List<String> shortNames,
            List<String> categories,
            boolean status,
            boolean scale) {
        return new ResourceType(
                group, version, plural, kind.toLowerCase(), kind, namespaced, shortNames, categories, status, scale);
    }

    /** One entry per served version of the CRD. */
    static List<ResourceType> fromCrd(CustomResourceDefinition crd) {
        var spec = crd.getSpec();
        var names = spec.getNames();
        return spec.getVersions().stream()
                .filter(v -> !Boolean.FALSE.equals(v.getServed()))
                .map(v -> new ResourceType(
                        spec.getGroup(),
                        v.getName(),
                        names.getPlural(),
                        Optional.ofNullable(names.getSingular())
                                .orElse(names.getKind().toLowerCase()),
                        names.getKind(),
                        "Namespaced".equals(spec.getScope()),
                        listOrEmpty(names.getShortNames()),
                        listOrEmpty(names.getCategories()),
                        hasStatus(v),
                        hasScale(v)))
                .toList();
    }

    private static boolean hasStatus(CustomResourceDefinitionVersion v) {
        return v.getSubresources() != null && v.getSubresources().getStatus() != null;
    }

    private static boolean hasScale(CustomResourceDefinitionVersion v) {
        return v.getSubresources() != null && v.getSubresources().getScale() != null;
    }

    private static List<String> listOrEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
