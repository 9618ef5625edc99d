package dev.datacenter.operator.api;

/** How many nodes declined the app's pending instances for one reason. */
public class PendingReasonCount {
    private PendingReason reason;
    private Integer nodes;

    public PendingReasonCount() {}

    public PendingReasonCount(PendingReason reason, int nodes) {
        this.reason = reason;
        this.nodes = nodes;
    }

    public PendingReason getReason() {
        return reason;
    }

    public void setReason(PendingReason reason) {
        this.reason = reason;
    }

    public Integer getNodes() {
        return nodes;
    }

    public void setNodes(Integer nodes) {
        this.nodes = nodes;
    }
}
