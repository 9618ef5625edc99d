package dev.datacenter.operator.app;

import dev.datacenter.operator.api.Constraint;
import dev.datacenter.operator.api.ConstraintOperator;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.app.AppInstances.Member;
import io.fabric8.kubernetes.api.model.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The value of an app's GROUP_BY attribute on each instance's node, for spread-aware scale-down. */
final class GroupBySpread {
    private GroupBySpread() {}

    /** Member name → attribute value; empty when the app has no GROUP_BY constraint. */
    static Map<String, String> values(
            DataCenterAppSpec spec, List<Member> members, Function<String, Optional<Node>> nodes) {
        Optional<String> field = spec.getConstraints() == null
                ? Optional.empty()
                : spec.getConstraints().stream()
                        .filter(c -> c.getOperator() == ConstraintOperator.GROUP_BY)
                        .map(Constraint::getField)
                        .findFirst();
        if (field.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (Member m : members) {
            if (m.node() == null) {
                continue;
            }
            String value =
                    nodes.apply(m.node()).map(n -> attribute(n, field.get())).orElse(null);
            if (value != null) {
                out.put(m.name(), value);
            }
        }
        return out;
    }

    /** A node attribute as constraints name it: a label, or @hostname, @zone, @region. */
    static String attribute(Node node, String field) {
        Map<String, String> labels = node.getMetadata().getLabels() == null
                ? Map.of()
                : node.getMetadata().getLabels();
        return switch (field) {
            case "@hostname" -> node.getMetadata().getName();
            case "@zone" -> labels.get("topology.kubernetes.io/zone");
            case "@region" -> labels.get("topology.kubernetes.io/region");
            default -> labels.get(field);
        };
    }
}
