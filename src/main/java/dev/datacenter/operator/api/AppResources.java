package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * What one instance needs. Quantities are Kubernetes quantities: {@code cpus: 0.5} and
 * {@code cpus: "0.5"} and {@code cpus: 500m} mean the same.
 * <p>
 * Every quantity is {@code x-kubernetes-int-or-string}: an integer or a string. A fractional YAML
 * number ({@code cpus: 0.5} unquoted) is refused by the API server ("must be of type
 * integer,string"); write it quoted or in millicores. An untyped field (preserve-unknown-fields)
 * would accept 0.5, but the API server hides untyped fields from CEL, so the rules below would not
 * compile and the whole CRD would be refused; it would also let objects and lists through to the
 * operator's informers.
 */
@ValidationRule(
        value = "isQuantity(string(self.cpus)) && quantity(string(self.cpus)).sign() == 1",
        message = "cpus must be a positive quantity, such as 0.5 or 500m",
        fieldPath = ".cpus")
@ValidationRule(
        value = "isQuantity(string(self.mem)) && quantity(string(self.mem)).sign() == 1",
        message = "mem must be a positive quantity, such as 256Mi or 1Gi",
        fieldPath = ".mem")
@ValidationRule(
        value = "!has(self.disk) || (isQuantity(string(self.disk)) && quantity(string(self.disk)).sign() >= 0)",
        message = "disk must be a quantity of zero or more, such as 0 or 10Gi",
        fieldPath = ".disk")
public class AppResources {
    @Required
    private Quantity cpus;

    @Required
    private Quantity mem;

    @Min(0)
    @Default("0")
    @Max(1024)
    private Integer gpus;

    @Default("0")
    private Quantity disk;

    public AppResources() {}

    public AppResources(String cpus, String mem) {
        this.cpus = new Quantity(cpus);
        this.mem = new Quantity(mem);
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
