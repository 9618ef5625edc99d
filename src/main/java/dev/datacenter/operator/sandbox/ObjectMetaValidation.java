package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.validation.CrdValidator.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The API server's checks of an object's metadata ({@code ValidateObjectMeta}) that custom resources go
 * through before their schema: the name a DNS-1123 subdomain of at most 253 characters, label keys qualified
 * names and label values at most 63 characters of {@code [A-Za-z0-9._-]}, the annotations at most 256 KiB in
 * all. Messages as the API server words them.
 */
final class ObjectMetaValidation {
    static final int NAME_MAX = 253;
    static final int LABEL_VALUE_MAX = 63;
    static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private ObjectMetaValidation() {}

    static List<Violation> violations(JsonNode object) {
        List<Violation> found = new ArrayList<>();
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        if (!name.isEmpty()) {
            if (name.length() > NAME_MAX) {
                found.add(new Violation(
                        "metadata.name",
                        "Invalid value: \"" + shortened(name) + "\": must be no more than " + NAME_MAX
                                + " characters"));
            } else if (!SUBDOMAIN.matcher(name).matches()) {
                found.add(new Violation(
                        "metadata.name",
                        "Invalid value: \"" + shortened(name)
                                + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                                + " '-' or '.', and must start and end with an alphanumeric character"));
            }
        }
        metadata.path("labels").fields().forEachRemaining(label -> {
            String key = label.getKey();
            String value = label.getValue().asText("");
            if (!qualifiedName(key)) {
                found.add(new Violation(
                        "metadata.labels",
                        "Invalid value: \"" + shortened(key)
                                + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start"
                                + " and end with an alphanumeric character"));
            }
            if (value.length() > LABEL_VALUE_MAX) {
                found.add(new Violation(
                        "metadata.labels",
                        "Invalid value: \"" + shortened(value) + "\": must be no more than " + LABEL_VALUE_MAX
                                + " characters"));
            } else if (!LABEL_VALUE.matcher(value).matches()) {
                found.add(new Violation(
                        "metadata.labels",
                        "Invalid value: \"" + shortened(value)
                                + "\": a valid label must be an empty string or consist of alphanumeric characters, '-',"
                                + " '_' or '.', and must start and end with an alphanumeric character"));
            }
        });
        long annotationBytes = 0;
        var annotations = metadata.path("annotations").fields();
        while (annotations.hasNext()) {
            var annotation = annotations.next();
            annotationBytes += annotation.getKey().getBytes(StandardCharsets.UTF_8).length
                    + annotation.getValue().asText("").getBytes(StandardCharsets.UTF_8).length;
        }
        if (annotationBytes > ANNOTATIONS_MAX_BYTES) {
            found.add(new Violation(
                    "metadata.annotations", "Too long: must have at most " + ANNOTATIONS_MAX_BYTES + " bytes"));
        }
        return found;
    }

    /** A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
    private static boolean qualifiedName(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty()
                    || prefix.length() > NAME_MAX
                    || !SUBDOMAIN.matcher(prefix).matches()) {
                return false;
            }
        }
        return !name.isEmpty()
                && name.length() <= LABEL_VALUE_MAX
                && QUALIFIED_NAME.matcher(name).matches();
    }

    private static String shortened(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
