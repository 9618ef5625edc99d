package dev.datacenter.operator.placement;

import java.util.List;

/** A task the engine accounts for on a node: running, or assumed (placed this or an earlier cycle, not yet committed). */
final class TaskRecord {
    final String id;
    final String appKey;
    final int instance;
    final String node;
    final Resources resources;
    final List<Integer> ports;
    String pool;
    boolean assumed;
    OfferDecision decision;

    TaskRecord(
            String id,
            String appKey,
            int instance,
            String node,
            Resources resources,
            List<Integer> ports,
            boolean assumed) {
        this.id = id;
        this.appKey = appKey;
        this.instance = instance;
        this.node = node;
        this.resources = resources;
        this.ports = ports;
        this.assumed = assumed;
    }
}
