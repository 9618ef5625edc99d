package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy discovery documents kubectl and client libraries read before they touch a resource:
 * {@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/<group>} and {@code /apis/<group>/<version>}.
 * Built from a list of resource types (the built-ins plus every stored CRD), so a CRD created at any time
 * is discoverable at once.
 */
final class DiscoveryDocuments {

    private static final List<String> OBJECT_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    private final List<ResourceType> types;

    DiscoveryDocuments(List<ResourceType> types) {
        this.types = List.copyOf(types);
    }

    /** {@code /api}. */
    static APIVersions coreVersions(String serverAddress) {
        return new APIVersionsBuilder()
                .withVersions("v1")
                .addNewServerAddressByClientCIDR("0.0.0.0/0", serverAddress)
                .build();
    }

    /** {@code /apis}: every named group, its versions in order of appearance, the first preferred. */
    APIGroupList groups() {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        for (ResourceType t : types) {
            if (!t.group().isEmpty()) {
                List<String> versions = versionsByGroup.computeIfAbsent(t.group(), g -> new ArrayList<>());
                if (!versions.contains(t.version())) {
                    versions.add(t.version());
                }
            }
        }
        List<APIGroup> groups = new ArrayList<>();
        versionsByGroup.forEach((group, versions) -> groups.add(group(group, versions)));
        return new APIGroupListBuilder().withGroups(groups).build();
    }

    /** {@code /apis/<group>}, empty when no type has that group. */
    Optional<APIGroup> group(String name) {
        return groups().getGroups().stream()
                .filter(g -> g.getName().equals(name))
                .findFirst();
    }

    /** {@code /api/v1} or {@code /apis/<group>/<version>}, empty when nothing is served there. */
    Optional<APIResourceList> resources(String group, String version) {
        List<APIResource> resources = new ArrayList<>();
        for (ResourceType t : types) {
            if (t.group().equals(group) && t.version().equals(version)) {
                resources.add(resource(t));
                if (t.status()) {
                    resources.add(subresource(t, "status", t.group(), t.version(), t.kind()));
                }
                if (t.scale()) {
                    resources.add(subresource(t, "scale", "autoscaling", "v1", "Scale"));
                }
                if (t.group().isEmpty() && t.plural().equals("pods")) {
                    resources.add(new APIResourceBuilder(subresource(t, "eviction", "policy", "v1", "Eviction"))
                            .withVerbs(List.of("create"))
                            .build());
                }
            }
        }
        if (resources.isEmpty()) {
            return Optional.empty();
        }
        String groupVersion = group.isEmpty() ? version : group + "/" + version;
        return Optional.of(new APIResourceListBuilder()
                .withGroupVersion(groupVersion)
                .withResources(resources)
                .build());
    }

    private static APIGroup group(String name, List<String> versions) {
        List<GroupVersionForDiscovery> gvs = versions.stream()
                .map(v -> new GroupVersionForDiscovery(name + "/" + v, v))
                .toList();
        return new APIGroupBuilder()
                .withName(name)
                .withVersions(gvs)
                .withPreferredVersion(gvs.get(0))
                .build();
    }

    private static APIResource resource(ResourceType t) {
        return new APIResourceBuilder()
                .withName(t.plural())
                .withSingularName(t.singular())
                .withNamespaced(t.namespaced())
                .withKind(t.kind())
                .withVerbs(OBJECT_VERBS)
                .withShortNames(t.shortNames().isEmpty() ? null : t.shortNames())
                .withCategories(t.categories().isEmpty() ? null : t.categories())
                .build();
    }

    private static APIResource subresource(ResourceType t, String sub, String group, String version, String kind) {
        return new APIResourceBuilder()
                .withName(t.plural() + "/" + sub)
                .withSingularName("")
                .withNamespaced(t.namespaced())
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withVerbs(SUBRESOURCE_VERBS)
                .build();
    }
}
