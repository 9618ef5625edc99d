package dev.datacenter.operator.placement;

import java.util.List;

/**
 * A toleration with Kubernetes' matching rules: an empty effect matches every effect; operator
 * {@code Exists} matches any value, and with an empty key every taint; {@code Equal} (the default)
 * matches key and value.
 *
 * @param key      the taint key; null or empty only with {@code Exists}
 * @param operator {@code Exists} or {@code Equal}; null means {@code Equal}
 * @param value    the value {@code Equal} compares; null means empty
 * @param effect   the effect it tolerates; null or empty tolerates all
 */
public record Toleration(String key, String operator, String value, String effect) {

    public static final String EXISTS = "Exists";
    public static final String EQUAL = "Equal";

    public Toleration {
        key = key == null ? "" : key;
        operator = operator == null || operator.isEmpty() ? EQUAL : operator;
        value = value == null ? "" : value;
        effect = effect == null ? "" : effect;
    }

    /** Tolerates every taint with this key, whatever its value and effect. */
    public static Toleration exists(String key) {
        return new Toleration(key, EXISTS, null, null);
    }

    public boolean tolerates(Taint taint) {
        if (!effect.isEmpty() && !effect.equals(taint.effect())) return false;
        if (key.isEmpty()) return EXISTS.equals(operator);
        if (!key.equals(taint.key())) return false;
        if (EXISTS.equals(operator)) return true;
        return EQUAL.equals(operator) && value.equals(taint.value());
    }

    /** Whether some toleration of the list tolerates the taint. */
    public static boolean any(List<Toleration> tolerations, Taint taint) {
        for (int i = 0; i < tolerations.size(); i++) {
            if (tolerations.get(i).tolerates(taint)) return true;
        }
        return false;
    }
}
