package dev.datacenter.operator.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** The claims of a set, their phases and pinned nodes. */
public class PersistentVolumeClaimSetStatus {
    private Long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();
    private List<ClaimStatus> claims = new ArrayList<>();
    /** Counts behind the Claims, Pinned and Lost printer columns. */
    private Integer claimCount;

    private Integer pinnedCount;
    private Integer lostCount;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public List<ClaimStatus> getClaims() {
        return claims;
    }

    public void setClaims(List<ClaimStatus> claims) {
        this.claims = claims;
    }

    public Integer getClaimCount() {
        return claimCount;
    }

    public void setClaimCount(Integer claimCount) {
        this.claimCount = claimCount;
    }

    public Integer getPinnedCount() {
        return pinnedCount;
    }

    public void setPinnedCount(Integer pinnedCount) {
        this.pinnedCount = pinnedCount;
    }

    public Integer getLostCount() {
        return lostCount;
    }

    public void setLostCount(Integer lostCount) {
        this.lostCount = lostCount;
    }
}
