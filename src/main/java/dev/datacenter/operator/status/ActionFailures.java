package dev.datacenter.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code ActionFailed} condition: a user's action annotation that could not be carried out
 * ({@code datacenter.dev/rollback-to} to a revision that does not exist, {@code datacenter.dev/wipe} of an
 * ordinal that has no claim). The annotation itself is removed (a stale one must never act later, when
 * such a revision or claim appears); the condition keeps the evidence, with reason {@code RollbackFailed}
 * or {@code InvalidWipe} and the message, until the next action of that object succeeds or its spec
 * changes (the condition's observedGeneration is no longer the object's generation). Pure.
 */
public final class ActionFailures {
    public static final String TYPE = "ActionFailed";
    public static final String ROLLBACK_FAILED = "RollbackFailed";
    public static final String INVALID_WIPE = "InvalidWipe";

    private ActionFailures() {}

    public static Condition failed(String reason, String message, Long generation, Instant now) {
        return Conditions.of(TYPE, true, reason, message, generation, now);
    }

    /** The previous failure while it still describes the current spec, else empty. */
    public static Optional<Condition> carried(List<Condition> previous, Long generation) {
        return Conditions.find(previous, TYPE)
                .filter(c ->
                        Conditions.TRUE.equals(c.getStatus()) && Objects.equals(c.getObservedGeneration(), generation));
    }
}
