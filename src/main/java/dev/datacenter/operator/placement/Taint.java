package dev.datacenter.operator.placement;

import java.util.Objects;

/**
 * A node taint as the engine sees it (Kubernetes' {@code key=value:effect}).
 *
 * @param key    the taint key, never null
 * @param value  the value, null or empty when the taint has none
 * @param effect {@link #NO_SCHEDULE}, {@link #PREFER_NO_SCHEDULE} or {@link #NO_EXECUTE}
 */
public record Taint(String key, String value, String effect) {

    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    public Taint {
        Objects.requireNonNull(key, "key");
        value = value == null ? "" : value;
        Objects.requireNonNull(effect, "effect");
    }

    /** NoSchedule and NoExecute bar a node from apps that do not tolerate them; PreferNoSchedule only ranks. */
    public boolean hard() {
        return NO_SCHEDULE.equals(effect) || NO_EXECUTE.equals(effect);
    }

    public boolean soft() {
        return PREFER_NO_SCHEDULE.equals(effect);
    }
}
