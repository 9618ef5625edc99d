package dev.datacenter.operator.inventory;

import dev.datacenter.operator.placement.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one label-selector evaluator: a metav1.LabelSelector (matchLabels and matchExpressions with In,
 * NotIn, Exists, DoesNotExist) is translated into the engine's {@link LabelSelector}, which evaluates it
 * in memory as the API server would, so a pool's nodes are the same to its status, to the state API and to
 * the engine. An empty or absent selector matches everything.
 */
public final class LabelSelectorMatcher {
    private LabelSelectorMatcher() {}

    /** @throws IllegalArgumentException for an unknown operator or an In/NotIn requirement without values */
    public static boolean matches(io.fabric8.kubernetes.api.model.LabelSelector selector, Map<String, String> labels) {
        return toEngine(selector).matches(labels == null ? Map.of() : labels);
    }

    /**
     * The engine's form of {@code selector}.
     *
     * @throws IllegalArgumentException for an unknown operator or an In/NotIn requirement without values
     */
    public static LabelSelector toEngine(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null) {
            return LabelSelector.EVERYTHING;
        }
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                requirements.add(requirement(r));
            }
        }
        return new LabelSelector(selector.getMatchLabels(), requirements);
    }

    private static LabelSelector.Requirement requirement(LabelSelectorRequirement r) {
        String operator = String.valueOf(r.getOperator());
        LabelSelector.Operator op = switch (operator) {
            case "In" -> LabelSelector.Operator.In;
            case "NotIn" -> LabelSelector.Operator.NotIn;
            case "Exists" -> LabelSelector.Operator.Exists;
            case "DoesNotExist" -> LabelSelector.Operator.DoesNotExist;
            default ->
                throw new IllegalArgumentException(
                        "matchExpressions: unknown operator " + operator + " (want In, NotIn, Exists or DoesNotExist)");
        };
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        if ((op == LabelSelector.Operator.In || op == LabelSelector.Operator.NotIn) && values.isEmpty()) {
            throw new IllegalArgumentException(
                    "matchExpressions: " + operator + " on " + r.getKey() + " needs at least one value");
        }
        return new LabelSelector.Requirement(r.getKey(), op, values);
    }
}
