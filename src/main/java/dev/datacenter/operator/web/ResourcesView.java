package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An amount of the four scalar resources: {@code cpus} in cores, {@code mem} and {@code disk} in bytes,
 * {@code gpus} as a count.
 */
@RegisterForReflection
public record ResourcesView(double cpus, long mem, int gpus, long disk) {

    public static final ResourcesView ZERO = new ResourcesView(0, 0, 0, 0);

    public ResourcesView plus(ResourcesView other) {
        return new ResourcesView(cpus + other.cpus, mem + other.mem, gpus + other.gpus, disk + other.disk);
    }

    public ResourcesView minus(ResourcesView other) {
        return new ResourcesView(cpus - other.cpus, mem - other.mem, gpus - other.gpus, disk - other.disk);
    }

    public ResourcesView times(int n) {
        return new ResourcesView(cpus * n, mem * n, gpus * n, disk * n);
    }
}
