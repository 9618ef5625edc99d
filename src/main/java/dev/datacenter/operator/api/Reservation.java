package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Static partitioning: on each node matching the selector, set this much aside for the pool. */
public class Reservation {
    private LabelSelector nodeSelector;

    @Required
    private ResourceAmounts resources;

    public LabelSelector getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(LabelSelector nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public ResourceAmounts getResources() {
        return resources;
    }

    public void setResources(ResourceAmounts resources) {
        this.resources = resources;
    }
}
