package dev.datacenter.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Building, finding and merging metav1.Conditions. */
public final class Conditions {
    public static final String TRUE = "True";
    public static final String FALSE = "False";

    private Conditions() {}

    /** A condition stamped with {@code now} as its transition time; {@link #keepTransitionTimes} may replace it. */
    public static Condition of(
            String type, boolean status, String reason, String message, Long generation, Instant now) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status ? TRUE : FALSE)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(timestamp(now))
                .build();
    }

    /**
     * The desired conditions, each keeping the previous lastTransitionTime of the same type when its
     * status did not change.
     */
    public static List<Condition> keepTransitionTimes(List<Condition> previous, List<Condition> desired) {
        List<Condition> merged = new ArrayList<>(desired.size());
        for (Condition condition : desired) {
            Optional<Condition> before = find(previous, condition.getType());
            if (before.isPresent()
                    && Objects.equals(before.get().getStatus(), condition.getStatus())
                    && before.get().getLastTransitionTime() != null) {
                condition = new ConditionBuilder(condition)
                        .withLastTransitionTime(before.get().getLastTransitionTime())
                        .build();
            }
            merged.add(condition);
        }
        return merged;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    /** RFC 3339 in UTC with whole seconds, as the API server writes metav1.Time. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
