package dev.datacenter.operator.placement;

/**
 * An app-level problem that keeps all of an app's instances from being placed. {@code reason} is the
 * condition reason the reconciler can put on the app's status ({@link #INVALID_CONSTRAINT} or
 * {@link #POOL_NOT_FOUND}).
 */
public record AppError(String reason, String message) {
    public static final String INVALID_CONSTRAINT = "InvalidConstraint";
    public static final String POOL_NOT_FOUND = "PoolNotFound";
}
