package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads Kubernetes manifests: one or more YAML documents (or one JSON document), each an object or a list
 * ({@code kind: List} as {@code kubectl get -o yaml} writes it, or {@code NodeList} and the like), flattened
 * into objects. Each document is read on its own, so one bad document does not hide the good ones.
 */
final class ManifestReader {

    /** Reads a document of any kind into its model class (by apiVersion and kind), which plain Jackson cannot. */
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---.*$");

    /** The objects read, and one message per document that could not be read. */
    record Manifests(List<HasMetadata> objects, List<String> errors) {}

    private ManifestReader() {}

    static Manifests read(String text, String source) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String[] documents = DOCUMENT_SEPARATOR.split(text);
        for (int i = 0; i < documents.length; i++) {
            String document = documents[i];
            if (document.isBlank()
                    || document.lines()
                            .allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            String where = documents.length > 1 ? source + " (document " + (i + 1) + ")" : source;
            try {
                collect(KUBERNETES.unmarshal(document), where, objects, errors);
            } catch (RuntimeException e) {
                errors.add(where + ": not valid YAML or JSON: " + firstLine(e.getMessage()));
            }
        }
        return new Manifests(objects, errors);
    }

    private static void collect(Object parsed, String where, List<HasMetadata> objects, List<String> errors) {
        if (parsed instanceof KubernetesResourceList<?> list) {
            list.getItems().forEach(item -> collect(item, where, objects, errors));
        } else if (parsed instanceof Collection<?> documents) {
            documents.forEach(item -> collect(item, where, objects, errors));
        } else if (parsed instanceof HasMetadata object && object.getKind() != null && object.getApiVersion() != null) {
            if (object.getMetadata() == null || object.getMetadata().getName() == null) {
                errors.add(where + ": a " + object.getKind() + " without metadata.name");
            } else {
                objects.add(object);
            }
        } else {
            errors.add(where + ": not a Kubernetes object (it needs apiVersion, kind and metadata.name)");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
