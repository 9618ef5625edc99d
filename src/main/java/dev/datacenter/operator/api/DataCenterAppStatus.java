package dev.datacenter.operator.api;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/** What the operator reports about a DataCenterApp (docs/api.md, "Status"). */
public class DataCenterAppStatus {
    private Long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();

    @LabelSelector
    private String selector;

    private String group;
    private Long revision;
    private InstanceCounts instances;
    private PendingStatus pending;
    private LaunchDelay delay;
    private LaunchBackoffStatus launchBackoff;
    private TaskFailure lastTaskFailure;
    private DeploymentStatus deployment;

    public LaunchBackoffStatus getLaunchBackoff() {
        return launchBackoff;
    }

    public void setLaunchBackoff(LaunchBackoffStatus launchBackoff) {
        this.launchBackoff = launchBackoff;
    }

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

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public Long getRevision() {
        return revision;
    }

    public void setRevision(Long revision) {
        this.revision = revision;
    }

    public InstanceCounts getInstances() {
        return instances;
    }

    public void setInstances(InstanceCounts instances) {
        this.instances = instances;
    }

    public PendingStatus getPending() {
        return pending;
    }

    public void setPending(PendingStatus pending) {
        this.pending = pending;
    }

    public LaunchDelay getDelay() {
        return delay;
    }

    public void setDelay(LaunchDelay delay) {
        this.delay = delay;
    }

    public TaskFailure getLastTaskFailure() {
        return lastTaskFailure;
    }

    public void setLastTaskFailure(TaskFailure lastTaskFailure) {
        this.lastTaskFailure = lastTaskFailure;
    }

    public DeploymentStatus getDeployment() {
        return deployment;
    }

    public void setDeployment(DeploymentStatus deployment) {
        this.deployment = deployment;
    }
}
