package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;

/** Per-instance persistent volumes that pin each instance to the node where its data lives. */
public class PersistentVolumeClaimSetSpec {
    @Required
    private PersistentVolumeClaimSpec template;

    private RetentionPolicy retentionPolicy;
    private NodeLossPolicy nodeLossPolicy;

    @Default("true")
    private Boolean reserveResources;

    public PersistentVolumeClaimSpec getTemplate() {
        return template;
    }

    public void setTemplate(PersistentVolumeClaimSpec template) {
        this.template = template;
    }

    public RetentionPolicy getRetentionPolicy() {
        return retentionPolicy;
    }

    public void setRetentionPolicy(RetentionPolicy retentionPolicy) {
        this.retentionPolicy = retentionPolicy;
    }

    public NodeLossPolicy getNodeLossPolicy() {
        return nodeLossPolicy;
    }

    public void setNodeLossPolicy(NodeLossPolicy nodeLossPolicy) {
        this.nodeLossPolicy = nodeLossPolicy;
    }

    public Boolean getReserveResources() {
        return reserveResources;
    }

    public void setReserveResources(Boolean reserveResources) {
        this.reserveResources = reserveResources;
    }
}
