package dev.datacenter.operator.allocation;

/**
 * Told when the cluster's capacity may have changed: a node was added, changed or removed, or any pod
 * (ours or not) appeared, changed or went away. The allocation loop implements this (as an
 * {@code @ApplicationScoped} bean) to run a cycle soon; it is called on informer threads, so it must
 * only note the change (e.g. set a flag) and return.
 */
public interface CapacityChangeListener {
    void capacityChanged();
}
