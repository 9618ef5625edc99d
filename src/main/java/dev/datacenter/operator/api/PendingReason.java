package dev.datacenter.operator.api;

/**
 * Why a node declined to take an instance: the one decline-reason enum of docs/api.md, used in status,
 * metrics, events and the REST API. Constants are in the order Marathon checked them.
 */
public enum PendingReason {
    /** The node is not in the app's pool. */
    UnfulfilledRole,
    /** The node is cordoned or not Ready. */
    NodeUnschedulable,
    /** The node has a NoSchedule or NoExecute taint the app does not tolerate ({@code spec.tolerations}). */
    UntoleratedTaint,
    /**
     * The node refused this instance's pod lately (left Unschedulable by the scheduler, or failed by the
     * kubelet at admission): it is barred for that instance for a while and the instance goes elsewhere.
     */
    RefusedByNode,
    /** The instance's volume is pinned to another node. */
    PinnedNodeUnavailable,
    /** A placement constraint or colocation rule refuses the node. */
    UnfulfilledConstraint,
    InsufficientCpus,
    InsufficientMemory,
    InsufficientDisk,
    InsufficientGpus,
    InsufficientPorts,
    /** A GPU node refused to an instance that asks for no GPU. */
    DeclinedScarceResources,
    /** The pool has reached its limit. */
    PoolLimitReached
}
