package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The eviction subresource's arithmetic over a policy/v1 PodDisruptionBudget, as the API server does it: the
 * pods the budget's selector matches are expected, those Ready and not being deleted are healthy;
 * {@code minAvailable} (a count or a percentage of expected, rounded up) or expected minus {@code maxUnavailable}
 * (rounded up) is the number that must stay healthy. A healthy pod may be evicted while more than that are
 * healthy; an unhealthy one while at least that many are. Pure, on the stored JSON.
 */
final class DisruptionBudgets {

    static final String REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

    /** Why the budget refuses the eviction (the cause's message), or empty when it allows it. */
    static Optional<String> refusal(JsonNode pod, JsonNode budget, List<JsonNode> namespacePods) {
        List<JsonNode> matched = namespacePods.stream()
                .filter(p -> matches(
                        budget.path("spec").path("selector"), p.path("metadata").path("labels")))
                .toList();
        int expected = matched.size();
        int healthy = (int) matched.stream().filter(DisruptionBudgets::healthy).count();
        int desired = desiredHealthy(budget.path("spec"), expected);
        boolean allowed = healthy(pod) ? healthy - desired > 0 : healthy >= desired;
        if (allowed) {
            return Optional.empty();
        }
        return Optional.of(
                "The disruption budget " + budget.path("metadata").path("name").asText() + " needs " + desired
                        + " healthy pods and has " + healthy + " currently");
    }

    static int desiredHealthy(JsonNode spec, int expected) {
        if (spec.has("minAvailable")) {
            return scaled(spec.get("minAvailable"), expected);
        }
        if (spec.has("maxUnavailable")) {
            return Math.max(0, expected - scaled(spec.get("maxUnavailable"), expected));
        }
        return expected;
    }

    private static int scaled(JsonNode intOrPercent, int expected) {
        if (intOrPercent.isTextual() && intOrPercent.asText().endsWith("%")) {
            int percent =
                    Integer.parseInt(intOrPercent.asText().replace("%", "").trim());
            return (int) Math.ceil(expected * percent / 100.0);
        }
        return intOrPercent.asInt();
    }

    static boolean healthy(JsonNode pod) {
        if (pod.path("metadata").has("deletionTimestamp")) {
            return false;
        }
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    /** A label selector (matchLabels and matchExpressions) against labels; an empty selector matches all. */
    static boolean matches(JsonNode selector, JsonNode labels) {
        var fields = selector.path("matchLabels").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText();
            Set<String> values = new HashSet<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            boolean has = labels.has(key);
            String value = labels.path(key).asText(null);
            boolean ok = switch (expr.path("operator").asText()) {
                case "In" -> has && values.contains(value);
                case "NotIn" -> !has || !values.contains(value);
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private DisruptionBudgets() {}
}
