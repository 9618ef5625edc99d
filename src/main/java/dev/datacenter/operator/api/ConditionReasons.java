package dev.datacenter.operator.api;

/** Condition types and the reasons the operator writes on them (docs/api.md, "Status"). */
public final class ConditionReasons {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";

    public static final String ALL_INSTANCES_READY = "AllInstancesReady";
    public static final String WAITING_FOR_DEPENDENCIES = "WaitingForDependencies";
    public static final String WAITING_FOR_OFFERS = "WaitingForOffers";
    public static final String DEPLOYING = "Deploying";
    public static final String DEPLOYMENT_COMPLETE = "DeploymentComplete";
    public static final String BACKING_OFF = "BackingOff";
    public static final String POOL_NOT_FOUND = "PoolNotFound";
    public static final String CLAIM_SET_NOT_FOUND = "ClaimSetNotFound";
    public static final String INVALID_CONSTRAINT = "InvalidConstraint";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String DEPENDENCY_CYCLE = "DependencyCycle";
    public static final String DEPENDENCY_NOT_FOUND = "DependencyNotFound";
    public static final String UNSCHEDULABLE = "Unschedulable";
    public static final String DEADLOCKED = "UpgradeDeadlock";
    public static final String HEALTHY = "Healthy";
    public static final String SCALED_TO_ZERO = "ScaledToZero";

    /** ResourcePool reasons. */
    public static final String POOL_READY = "PoolReady";

    public static final String NO_NODES = "NoNodes";
    public static final String INVALID = "Invalid";
    public static final String OVER_LIMIT = "OverLimit";

    /** PersistentVolumeClaimSet reasons. */
    public static final String CLAIMS_BOUND = "ClaimsBound";

    public static final String CLAIMS_LOST = "ClaimsLost";
    public static final String CLAIMS_PENDING = "ClaimsPending";
    /** A claim exists under the expected name, or with the expected labels, but belongs to another set or app. */
    public static final String CLAIM_CONFLICT = "ClaimConflict";

    private ConditionReasons() {}
}
