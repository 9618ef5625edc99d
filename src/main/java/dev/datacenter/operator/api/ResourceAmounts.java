package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * An amount of each resource, every one optional: a pool's guarantee, limit or reservation, and the
 * figures of a pool's status. As in {@link AppResources}, each quantity is an integer or a string.
 */
@ValidationRule(
        value = "!has(self.cpus) || (isQuantity(string(self.cpus)) && quantity(string(self.cpus)).sign() >= 0)",
        message = "cpus must be a quantity of zero or more, such as 4 or 500m",
        fieldPath = ".cpus")
@ValidationRule(
        value = "!has(self.mem) || (isQuantity(string(self.mem)) && quantity(string(self.mem)).sign() >= 0)",
        message = "mem must be a quantity of zero or more, such as 16Gi",
        fieldPath = ".mem")
@ValidationRule(
        value = "!has(self.disk) || (isQuantity(string(self.disk)) && quantity(string(self.disk)).sign() >= 0)",
        message = "disk must be a quantity of zero or more, such as 100Gi",
        fieldPath = ".disk")
public class ResourceAmounts {
    private Quantity cpus;
    private Quantity mem;

    @Min(0)
    @Max(100000)
    private Integer gpus;

    private Quantity disk;

    public ResourceAmounts() {}

    public ResourceAmounts(Quantity cpus, Quantity mem, Integer gpus, Quantity disk) {
        this.cpus = cpus;
        this.mem = mem;
        this.gpus = gpus;
        this.disk = disk;
    }

    public Quantity getCpus() {
        return cpus;
    }

    public void setCpus(Quantity cpus) {
        this.cpus = cpus;
    }

    public Quantity getMem() {
        return mem;
    }

    public void setMem(Quantity mem) {
        this.mem = mem;
    }

    public Integer getGpus() {
        return gpus;
    }

    public void setGpus(Integer gpus) {
        this.gpus = gpus;
    }

    public Quantity getDisk() {
        return disk;
    }

    public void setDisk(Quantity disk) {
        this.disk = disk;
    }
}
