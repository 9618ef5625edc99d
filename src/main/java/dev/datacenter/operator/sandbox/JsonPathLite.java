package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset CRD printer columns use: {@code .a.b}, {@code .a[0]}, {@code .a[*].b} and
 * {@code .a[?(@.type=="Ready")].reason}. Several results are joined with commas.
 */
final class JsonPathLite {

    private static final Pattern STEP =
            Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]|\\[\\*]|\\[\\?\\(@\\.([^=!]+)==[\"']([^\"']*)[\"']\\)]");

    private JsonPathLite() {}

    static String evaluate(JsonNode root, String path) {
        List<JsonNode> current = List.of(root);
        Matcher m = STEP.matcher(path.trim());
        int at = 0;
        while (m.find() && m.start() == at) {
            at = m.end();
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (m.group(1) != null) {
                    next.add(node.path(m.group(1)));
                } else if (m.group(2) != null) {
                    next.add(node.path(Integer.parseInt(m.group(2))));
                } else if (m.group(3) != null) {
                    node.forEach(e -> {
                        if (e.path(m.group(3)).asText().equals(m.group(4))) {
                            next.add(e);
                        }
                    });
                } else {
                    node.forEach(next::add);
                }
            }
            current = next;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode node : current) {
            if (!node.isMissingNode() && !node.isNull()) {
                values.add(node.isValueNode() ? node.asText() : node.toString());
            }
        }
        return String.join(",", values);
    }
}
