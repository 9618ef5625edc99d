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
    /** Start time (epoch millis; larger is younger), {@link Long#MAX_VALUE} for a placement not yet running. */
    long started;
    /** The order the engine learned of tasks: breaks ties of {@link #started} (larger is younger). */
    long seq;
    /** The owning app's priority, noted while victims are chosen. */
    int victimPriority;

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
