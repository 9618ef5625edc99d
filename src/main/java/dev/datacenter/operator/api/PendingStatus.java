package dev.datacenter.operator.api;

import java.util.List;

/** Why instances are not placed: Marathon's offer reject summary, from the newest cycle. */
public class PendingStatus {
    private Integer count;
    private List<PendingReasonCount> reasons;

    public Integer getCount() {
        return count;
    }

    public void setCount(Integer count) {
        this.count = count;
    }

    public List<PendingReasonCount> getReasons() {
        return reasons;
    }

    public void setReasons(List<PendingReasonCount> reasons) {
        this.reasons = reasons;
    }
}
