package dev.datacenter.operator.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes REST path taken apart: {@code /api/v1/namespaces/demo/pods/web-0/status} is group "",
 * version v1, namespace demo, resource pods, name web-0, subresource status.
 */
record ApiPath(String group, String version, String namespace, String resource, String name, String subresource) {

    /** The path without its query string. */
    static String withoutQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** Parses a resource path; empty for discovery paths and anything that names no resource. */
    static Optional<ApiPath> parse(String path) {
        List<String> segments = new ArrayList<>(
                Arrays.asList(withoutQuery(path).replaceAll("^/+|/+$", "").split("/")));
        String group;
        if (segments.size() >= 3 && segments.get(0).equals("api")) {
            group = "";
            segments.remove(0);
        } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            segments.subList(0, 2).clear();
        } else {
            return Optional.empty();
        }
        String version = segments.remove(0);
        String namespace = null;
        boolean namespacedPath = segments.size() >= 3
                && segments.get(0).equals("namespaces")
                && !(segments.size() == 3
                        && (segments.get(2).equals("status") || segments.get(2).equals("finalize")));
        if (namespacedPath) {
            namespace = segments.get(1);
            segments.subList(0, 2).clear();
        }
        String resource = segments.get(0);
        String name = segments.size() > 1 ? segments.get(1) : null;
        String subresource = segments.size() > 2 ? segments.get(2) : null;
        return Optional.of(new ApiPath(group, version, namespace, resource, name, subresource));
    }

    /** The same object's main path (without subresource). */
    String objectPath() {
        StringBuilder b = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespace != null) {
            b.append("/namespaces/").append(namespace);
        }
        b.append('/').append(resource);
        if (name != null) {
            b.append('/').append(name);
        }
        return b.toString();
    }

    /** {@code pods} or {@code datacenterapps.datacenter.dev}, as kubectl names a resource in messages. */
    String qualifiedResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
