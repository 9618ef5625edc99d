package dev.datacenter.operator.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** A pool's share of the cluster, as of the newest allocation cycle. */
public class ResourcePoolStatus {
    private Long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();
    private Integer nodes;
    private ResourceAmounts capacity;
    private ResourceAmounts allocated;
    private ResourceAmounts reserved;
    private ResourceAmounts guaranteed;
    private Double dominantShare;
    private Double weightedShare;
    private Integer apps;
    private Integer pendingInstances;
    /** Instances of other pools evicted for this pool since the operator started leading. */
    private Long preemptions;
    /** "allocated/capacity" of cpus, for the CPU printer column. */
    private String cpu;
    /** "allocated/capacity" of memory, for the Mem printer column. */
    private String mem;

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

    public Integer getNodes() {
        return nodes;
    }

    public void setNodes(Integer nodes) {
        this.nodes = nodes;
    }

    public ResourceAmounts getCapacity() {
        return capacity;
    }

    public void setCapacity(ResourceAmounts capacity) {
        this.capacity = capacity;
    }

    public ResourceAmounts getAllocated() {
        return allocated;
    }

    public void setAllocated(ResourceAmounts allocated) {
        this.allocated = allocated;
    }

    public ResourceAmounts getReserved() {
        return reserved;
    }

    public void setReserved(ResourceAmounts reserved) {
        this.reserved = reserved;
    }

    public ResourceAmounts getGuaranteed() {
        return guaranteed;
    }

    public void setGuaranteed(ResourceAmounts guaranteed) {
        this.guaranteed = guaranteed;
    }

    public Double getDominantShare() {
        return dominantShare;
    }

    public void setDominantShare(Double dominantShare) {
        this.dominantShare = dominantShare;
    }

    public Double getWeightedShare() {
        return weightedShare;
    }

    public void setWeightedShare(Double weightedShare) {
        this.weightedShare = weightedShare;
    }

    public Integer getApps() {
        return apps;
    }

    public void setApps(Integer apps) {
        this.apps = apps;
    }

    public Integer getPendingInstances() {
        return pendingInstances;
    }

    public void setPendingInstances(Integer pendingInstances) {
        this.pendingInstances = pendingInstances;
    }

    public String getCpu() {
        return cpu;
    }

    public void setCpu(String cpu) {
        this.cpu = cpu;
    }

    public String getMem() {
        return mem;
    }

    public void setMem(String mem) {
        this.mem = mem;
    }

    public Long getPreemptions() {
        return preemptions;
    }

    public void setPreemptions(Long preemptions) {
        this.preemptions = preemptions;
    }
}
