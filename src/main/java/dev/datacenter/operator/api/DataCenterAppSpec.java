package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;

/** A long-running service, as a Marathon app was. Field by field, docs/api.md's DataCenterApp. */
public class DataCenterAppSpec {
    @Default(ApiGroup.DEFAULT_POOL)
    @Size(max = 253)
    @Pattern(Patterns.DNS_LABEL)
    private String pool;

    @Size(max = 253)
    @Pattern(Patterns.GROUP_PATH)
    private String group;

    @SpecReplicas
    @Min(0)
    @Default("1")
    @Max(100000)
    private Integer instances;

    @Required
    private ContainerSpec container;

    @Required
    private AppResources resources;

    @ValidationRule(value = "self.all(p, self.exists_one(q, q.name == p.name))", message = "port names must be unique")
    @ValidationRule(
            value =
                    "self.all(p, !has(p.hostPort) || p.hostPort == 0 || self.exists_one(q, has(q.hostPort) && q.hostPort == p.hostPort && q.protocol == p.protocol))",
            message = "fixed host ports must be unique")
    @Size(max = 64)
    private List<PortSpec> ports;

    @Size(max = 32)
    private List<Constraint> constraints;

    @Size(max = 16)
    private List<Colocation> colocateWith;

    @Size(max = 64)
    @ValidationRule(value = "self.all(d, self.exists_one(e, e == d))", message = "dependencies must not repeat")
    private List<@Size(max = 63) @Pattern(Patterns.DNS_LABEL) String> dependencies;

    @Size(max = 8)
    private List<HealthCheck> healthChecks;

    @Size(max = 8)
    private List<ReadinessCheck> readinessChecks;

    private UpgradeStrategy upgradeStrategy;
    private Backoff backoff;

    @Default("YoungestFirst")
    private KillSelection killSelection;

    /** Orders preemption victims inside a pool: lower priorities go first. */
    @Default("0")
    private Integer priority;

    private UnreachableStrategy unreachableStrategy;

    @Min(0)
    @Default("30")
    @Max(86400)
    private Integer taskKillGracePeriodSeconds;

    @Size(max = 16)
    @ValidationRule(
            value = "self.all(v, self.exists_one(w, w.name == v.name))",
            message = "volume names must be unique")
    private List<VolumeSpec> volumes;

    @Size(max = 32)
    private List<Artifact> artifacts;

    private ServiceSpec service;

    /**
     * Taints the app tolerates, copied onto every instance pod: a node tainted NoSchedule or NoExecute gets
     * offers only for apps that tolerate all its such taints. GPU apps tolerate {@code nvidia.com/gpu} anyway.
     */
    @Size(max = 32)
    private List<io.fabric8.kubernetes.api.model.Toleration> tolerations;

    public List<io.fabric8.kubernetes.api.model.Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<io.fabric8.kubernetes.api.model.Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public String getPool() {
        return pool;
    }

    public void setPool(String pool) {
        this.pool = pool;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public Integer getInstances() {
        return instances;
    }

    public void setInstances(Integer instances) {
        this.instances = instances;
    }

    public ContainerSpec getContainer() {
        return container;
    }

    public void setContainer(ContainerSpec container) {
        this.container = container;
    }

    public AppResources getResources() {
        return resources;
    }

    public void setResources(AppResources resources) {
        this.resources = resources;
    }

    public List<PortSpec> getPorts() {
        return ports;
    }

    public void setPorts(List<PortSpec> ports) {
        this.ports = ports;
    }

    public List<Constraint> getConstraints() {
        return constraints;
    }

    public void setConstraints(List<Constraint> constraints) {
        this.constraints = constraints;
    }

    public List<Colocation> getColocateWith() {
        return colocateWith;
    }

    public void setColocateWith(List<Colocation> colocateWith) {
        this.colocateWith = colocateWith;
    }

    public List<HealthCheck> getHealthChecks() {
        return healthChecks;
    }

    public void setHealthChecks(List<HealthCheck> healthChecks) {
        this.healthChecks = healthChecks;
    }

    public List<ReadinessCheck> getReadinessChecks() {
        return readinessChecks;
    }

    public void setReadinessChecks(List<ReadinessCheck> readinessChecks) {
        this.readinessChecks = readinessChecks;
    }

    public UpgradeStrategy getUpgradeStrategy() {
        return upgradeStrategy;
    }

    public void setUpgradeStrategy(UpgradeStrategy upgradeStrategy) {
        this.upgradeStrategy = upgradeStrategy;
    }

    public Backoff getBackoff() {
        return backoff;
    }

    public void setBackoff(Backoff backoff) {
        this.backoff = backoff;
    }

    public KillSelection getKillSelection() {
        return killSelection;
    }

    public void setKillSelection(KillSelection killSelection) {
        this.killSelection = killSelection;
    }

    public UnreachableStrategy getUnreachableStrategy() {
        return unreachableStrategy;
    }

    public void setUnreachableStrategy(UnreachableStrategy unreachableStrategy) {
        this.unreachableStrategy = unreachableStrategy;
    }

    public Integer getTaskKillGracePeriodSeconds() {
        return taskKillGracePeriodSeconds;
    }

    public void setTaskKillGracePeriodSeconds(Integer taskKillGracePeriodSeconds) {
        this.taskKillGracePeriodSeconds = taskKillGracePeriodSeconds;
    }

    public List<VolumeSpec> getVolumes() {
        return volumes;
    }

    public void setVolumes(List<VolumeSpec> volumes) {
        this.volumes = volumes;
    }

    public List<Artifact> getArtifacts() {
        return artifacts;
    }

    public void setArtifacts(List<Artifact> artifacts) {
        this.artifacts = artifacts;
    }

    public ServiceSpec getService() {
        return service;
    }

    public void setService(ServiceSpec service) {
        this.service = service;
    }

    public List<String> getDependencies() {
        return dependencies;
    }

    public void setDependencies(List<String> dependencies) {
        this.dependencies = dependencies;
    }

    public Integer getPriority() {
        return priority;
    }

    public void setPriority(Integer priority) {
        this.priority = priority;
    }
}
