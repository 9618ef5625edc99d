package dev.datacenter.operator.inventory;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a metav1.LabelSelector against labels in memory (matchLabels and matchExpressions with
 * In, NotIn, Exists, DoesNotExist), as the API server would; an empty or absent selector matches all.
 */
public final class LabelSelectorMatcher {
    private LabelSelectorMatcher() {}

    /** @throws IllegalArgumentException for an unknown operator or a requirement missing its values */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
                if (!wanted.getValue().equals(actual.get(wanted.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (!matches(requirement, actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        String operator = String.valueOf(requirement.getOperator());
        switch (operator) {
            case "In":
                return value != null && nonEmpty(values, requirement).contains(value);
            case "NotIn":
                return value == null || !nonEmpty(values, requirement).contains(value);
            case "Exists":
                return value != null;
            case "DoesNotExist":
                return value == null;
            default:
                throw new IllegalArgumentException(
                        "matchExpressions: unknown operator " + operator + " (want In, NotIn, Exists or DoesNotExist)");
        }
    }

    private static List<String> nonEmpty(List<String> values, LabelSelectorRequirement requirement) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("matchExpressions: " + requirement.getOperator() + " on "
                    + requirement.getKey() + " needs at least one value");
        }
        return values;
    }
}
