package dev.datacenter.operator.placement;

/**
 * Why a node declined (or was declined for) a pending instance. The constant names are part of the
 * public API (status, metrics, events, REST) and must not change. The declaration order is the order in
 * which the checks run for the reject summary: for each node only the first failing check is counted.
 */
public enum DeclineReason {
    /** The node is not in the app's pool (the pool's node selector does not match). */
    UnfulfilledRole,
    /** The node is cordoned, NotReady, absent, or has no pod slot left. */
    NodeUnschedulable,
    /**
     * The node has a NoSchedule or NoExecute taint the app does not tolerate ({@code spec.tolerations}; GPU
     * apps tolerate {@code nvidia.com/gpu}).
     */
    UntoleratedTaint,
    /** The node refused this instance's pod lately (kube-scheduler or kubelet): barred for it for a while. */
    RefusedByNode,
    /** The instance is pinned (persistent volume) to another node. */
    PinnedNodeUnavailable,
    /** A placement constraint or a colocation rule refuses the node. */
    UnfulfilledConstraint,
    InsufficientCpus,
    InsufficientMemory,
    InsufficientDisk,
    InsufficientGpus,
    /** A fixed host port is taken, or the node's port range has too few free ports. */
    InsufficientPorts,
    /** A GPU node was kept free of an instance that asks for no GPU. */
    DeclinedScarceResources,
    /** The pool's limit, or other pools' unmet guarantees, forbid the pool to take more now. */
    PoolLimitReached
}
