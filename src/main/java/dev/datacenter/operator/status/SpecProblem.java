package dev.datacenter.operator.status;

import java.util.Objects;

/** Something in a spec that a schema cannot check, reported as {@code Ready=False} with this reason. */
public record SpecProblem(String reason, String message) {
    public SpecProblem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
