package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** A share of the cluster, as a Mesos role was (docs/api.md, "ResourcePool"). */
@ValidationRule(
        value =
                "!has(self.guarantee) || !has(self.limit) || !has(self.guarantee.cpus) || !has(self.limit.cpus) || quantity(string(self.guarantee.cpus)).compareTo(quantity(string(self.limit.cpus))) <= 0",
        message = "guarantee.cpus must not exceed limit.cpus",
        fieldPath = ".guarantee.cpus")
@ValidationRule(
        value =
                "!has(self.guarantee) || !has(self.limit) || !has(self.guarantee.mem) || !has(self.limit.mem) || quantity(string(self.guarantee.mem)).compareTo(quantity(string(self.limit.mem))) <= 0",
        message = "guarantee.mem must not exceed limit.mem",
        fieldPath = ".guarantee.mem")
@ValidationRule(
        value =
                "!has(self.guarantee) || !has(self.limit) || !has(self.guarantee.disk) || !has(self.limit.disk) || quantity(string(self.guarantee.disk)).compareTo(quantity(string(self.limit.disk))) <= 0",
        message = "guarantee.disk must not exceed limit.disk",
        fieldPath = ".guarantee.disk")
@ValidationRule(
        value =
                "!has(self.guarantee) || !has(self.limit) || !has(self.guarantee.gpus) || !has(self.limit.gpus) || self.guarantee.gpus <= self.limit.gpus",
        message = "guarantee.gpus must not exceed limit.gpus",
        fieldPath = ".guarantee.gpus")
public class ResourcePoolSpec {
    private LabelSelector nodeSelector;

    @Min(value = 0, inclusive = false)
    @Default("1")
    private Double weight;

    private ResourceAmounts guarantee;
    private ResourceAmounts limit;

    @Size(max = 16)
    private List<Reservation> reservations;

    @Default("Never")
    private PreemptionPolicy preemption;

    public LabelSelector getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(LabelSelector nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public Double getWeight() {
        return weight;
    }

    public void setWeight(Double weight) {
        this.weight = weight;
    }

    public ResourceAmounts getGuarantee() {
        return guarantee;
    }

    public void setGuarantee(ResourceAmounts guarantee) {
        this.guarantee = guarantee;
    }

    public ResourceAmounts getLimit() {
        return limit;
    }

    public void setLimit(ResourceAmounts limit) {
        this.limit = limit;
    }

    public List<Reservation> getReservations() {
        return reservations;
    }

    public void setReservations(List<Reservation> reservations) {
        this.reservations = reservations;
    }

    public PreemptionPolicy getPreemption() {
        return preemption;
    }

    public void setPreemption(PreemptionPolicy preemption) {
        this.preemption = preemption;
    }
}
