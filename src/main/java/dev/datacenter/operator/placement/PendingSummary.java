package dev.datacenter.operator.placement;

import java.util.List;

/**
 * "Why is it waiting": Marathon's reject summary for one app. For each node, the first failing check (in
 * {@link DeclineReason} order) for the app's first unpinned waiting instance (else its first waiting one) is
 * counted once.
 *
 * @param pending  instances waiting for a node
 * @param reasons  reasons with node counts, most nodes first
 * @param errors   app-level errors (invalid constraint, unknown pool) that block every instance
 */
public record PendingSummary(
        String appKey, String pool, int pending, List<ReasonCount> reasons, List<AppError> errors) {

    /** How many nodes declined for one reason. */
    public record ReasonCount(DeclineReason reason, int nodes) {}

    /** The node count for a reason, 0 when absent. */
    public int nodes(DeclineReason reason) {
        for (ReasonCount rc : reasons) if (rc.reason() == reason) return rc.nodes();
        return 0;
    }
}
