package dev.datacenter.operator.api;

import io.fabric8.kubernetes.model.annotation.StatusReplicas;

/** How many instances exist and in which state. {@code total} backs the scale subresource. */
public class InstanceCounts {
    @StatusReplicas
    private Integer total;

    private Integer staged;
    private Integer running;
    private Integer healthy;
    private Integer ready;
    private Integer unhealthy;

    public Integer getTotal() {
        return total;
    }

    public void setTotal(Integer total) {
        this.total = total;
    }

    public Integer getStaged() {
        return staged;
    }

    public void setStaged(Integer staged) {
        this.staged = staged;
    }

    public Integer getRunning() {
        return running;
    }

    public void setRunning(Integer running) {
        this.running = running;
    }

    public Integer getHealthy() {
        return healthy;
    }

    public void setHealthy(Integer healthy) {
        this.healthy = healthy;
    }

    public Integer getReady() {
        return ready;
    }

    public void setReady(Integer ready) {
        this.ready = ready;
    }

    public Integer getUnhealthy() {
        return unhealthy;
    }

    public void setUnhealthy(Integer unhealthy) {
        this.unhealthy = unhealthy;
    }
}
