package dev.datacenter.operator.placement;

import java.util.List;

/** A task the engine accounts for on a node: running, or assumed (placed this or an earlier cycle, not yet committed). */
final class TaskRecord {
    private final String id;
    private final String appKey;
    private final int instance;
    private final String node;
    private final Resources resources;
    private final List<Integer> ports;
    private String pool;
    private boolean assumed;
    private OfferDecision decision;
    /** Start time (epoch millis; larger is younger), {@link Long#MAX_VALUE} for a placement not yet running. */
    private long started;
    /** The order the engine learned of tasks: breaks ties of {@link #started} (larger is younger). */
    private long seq;
    /** The owning app's priority, noted while victims are chosen. */
    private int victimPriority;

    /** The engine learnt of this task ({@code seq}, see {@link #seq}) for an app of {@code pool} (null: no known app). */
    void learnt(long seq, String pool) {
        this.seq = seq;
        this.pool = pool;
    }

    /** The task now counts for {@code pool} (null: for no pool, its app is gone). */
    void attributeTo(String pool) {
        this.pool = pool;
    }

    /** The pod runs: the assumed placement is confirmed, with its start time when known (greater than 0). */
    void confirm(long started) {
        assumed = false;
        if (started > 0) this.started = started;
    }

    /** Notes the owning app's priority while victims are chosen. */
    void noteVictimPriority(int priority) {
        victimPriority = priority;
    }

    TaskRecord(
            String id,
            String appKey,
            int instance,
            String node,
            Resources resources,
            List<Integer> ports,
            boolean assumed,
            long started,
            OfferDecision decision) {
        this.started = started;
        this.decision = decision;
        this.id = id;
        this.appKey = appKey;
        this.instance = instance;
        this.node = node;
        this.resources = resources;
        this.ports = ports;
        this.assumed = assumed;
    }

    String appKey() {
        return appKey;
    }

    boolean assumed() {
        return assumed;
    }

    OfferDecision decision() {
        return decision;
    }

    String id() {
        return id;
    }

    int instance() {
        return instance;
    }

    String node() {
        return node;
    }

    String pool() {
        return pool;
    }

    List<Integer> ports() {
        return ports;
    }

    Resources resources() {
        return resources;
    }

    long seq() {
        return seq;
    }

    long started() {
        return started;
    }

    int victimPriority() {
        return victimPriority;
    }
}
