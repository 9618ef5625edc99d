package dev.datacenter.operator.placement;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the engine knows, shared by its parts ({@link TaskAccounting}, {@link AllocationCycle},
 * {@link RejectSummary}): nodes, pools, apps, tasks, and the change counters that make unchanged cycles free.
 */
final class EngineState {

    private final PoolLedger ledger = new PoolLedger();
    private final TreeMap<String, PoolState> pools = new TreeMap<>();
    private final NodeInventory inventory = new NodeInventory(pools::get);
    private final NodeCheck check = new NodeCheck();
    private final NodeSearch search = new NodeSearch(inventory, check);
    private final Map<String, AppState> apps = new HashMap<>();
    private final Map<String, TaskRecord> tasks = new HashMap<>();
    /** App key to the apps that colocate with it (they may fit once it gets an instance). */
    private final Map<String, Set<String>> colocators = new HashMap<>();

    /** Preemptions whose freed room is held for an instance, by the instance's task id. */
    private final TreeMap<String, Nomination> nominations = new TreeMap<>();
    /** Victims whose eviction was asked for, by task id, to the time the engine stops waiting for them. */
    private final Map<String, Long> evicting = new HashMap<>();
    /** Victims whose eviction was refused (a PodDisruptionBudget), by task id, to when they may be chosen again. */
    private final Map<String, Long> refused = new HashMap<>();
    /** The caller's clock (epoch millis), for nomination timeouts: see {@link PlacementEngine#setTime}. */
    private long now;
    /** Counts tasks as the engine learns of them: the tie-break of YoungestFirst. */
    private long taskSeq;

    /** The room of a preemption held for one instance on one node until it is placed or {@code deadline}. */
    record Nomination(
            String taskId,
            String appKey,
            int instance,
            String pool,
            String node,
            Resources resources,
            long deadline,
            List<String> victims) {}

    private final TreeSet<String> waitingApps = new TreeSet<>();
    private final TreeSet<String> dirtyApps = new TreeSet<>();
    /** Gang name to the keys of its member apps. */
    private final Map<String, TreeSet<String>> gangs = new HashMap<>();
    /** Bumped by every change that may let a waiting instance fit: such a change makes the next cycle retry all. */
    private long capacityGen;

    /** Changes that may let a waiting instance fit, including shrinking unmet guarantees of other pools. */
    long enablingChanges() {
        return capacityGen + ledger.relaxations();
    }
    /** Bumped by every change at all: keys caches of results and reject summaries. */
    private long version;

    void changed() {
        capacityGen++;
        version++;
    }

    /** The victim's eviction was asked for: the engine waits for it until {@code deadline}. */
    void evictionAsked(String taskId, long deadline) {
        evicting.put(taskId, deadline);
    }

    /** The victim's eviction was refused: it is spared until {@code until}. */
    void evictionRefused(String taskId, long until) {
        evicting.remove(taskId);
        refused.put(taskId, until);
    }

    /** The task is gone: no eviction of it is awaited or refused any longer. */
    void forgetEviction(String taskId) {
        evicting.remove(taskId);
        refused.remove(taskId);
    }

    /** Ends the waits for evictions and the refusals whose time is up. */
    void expireEvictions(long now) {
        refused.values().removeIf(until -> until <= now);
        evicting.values().removeIf(until -> until <= now);
    }

    void startNomination(Nomination nm) {
        nominations.put(nm.taskId(), nm);
    }

    /** Ends the nomination for the task id; returns it, or null when there was none. */
    Nomination endNomination(String taskId) {
        return nominations.remove(taskId);
    }

    /** The app's state, created (empty) for a new key. */
    AppState appState(String key) {
        return apps.computeIfAbsent(key, AppState::new);
    }

    /** Forgets the app's state; returns it, or null when unknown. {@link #unlist} it once its effects are undone. */
    AppState removeAppState(String key) {
        return apps.remove(key);
    }

    /** The removed app is no longer waiting nor due for a try. */
    void unlist(AppState a) {
        waitingApps.remove(a.key());
        a.unlist();
        dirtyApps.remove(a.key());
    }

    void recordTask(TaskRecord t) {
        tasks.put(t.id(), t);
    }

    /** Forgets the task; returns it, or null when unknown. */
    TaskRecord forgetTask(String taskId) {
        return tasks.remove(taskId);
    }

    /** App {@code appKey} colocates with app {@code target}: it may fit once the target gets an instance. */
    void colocate(String target, String appKey) {
        colocators.computeIfAbsent(target, k -> new HashSet<>()).add(appKey);
    }

    void uncolocate(String target, String appKey) {
        Set<String> c = colocators.get(target);
        if (c != null) c.remove(appKey);
    }

    /** The app is a member of the gang: every member gets a try (the gang may be complete now). */
    void joinGang(String gang, String appKey) {
        TreeSet<String> members = gangs.computeIfAbsent(gang, g -> new TreeSet<>());
        members.add(appKey);
        dirtyApps.addAll(members);
    }

    /** The app left the gang: the other members get a try. */
    void leaveGang(String gang, String appKey) {
        TreeSet<String> members = gangs.get(gang);
        if (members == null) return;
        members.remove(appKey);
        if (members.isEmpty()) gangs.remove(gang);
        else dirtyApps.addAll(members);
    }

    void markGangDirty(String gang) {
        dirtyApps.addAll(gangs.get(gang));
    }

    /** The cycle took the dirty apps. */
    void clearDirty() {
        dirtyApps.clear();
    }

    /** The app may fit now (something it depends on changed): the next cycle tries it. */
    void markDirty(String appKey) {
        dirtyApps.add(appKey);
    }

    /** A change that needs no retry of waiting instances (a placement, a confirmation): keys caches only. */
    void advanceVersion() {
        version++;
    }

    /** Held room was released: waiting instances may fit now. */
    void capacityReleased() {
        capacityGen++;
    }

    long nextTaskSeq() {
        return ++taskSeq;
    }

    void setNow(long epochMillis) {
        now = epochMillis;
    }

    void refreshDemand(AppState a) {
        a.syncDemand();
        if (a.relist()) {
            if (a.listedWaiting()) waitingApps.add(a.key());
            else waitingApps.remove(a.key());
        }
    }

    PoolState poolState(String name) {
        return pools.computeIfAbsent(name, k -> new PoolState(k, ledger));
    }

    void markColocators(String appKey) {
        Set<String> c = colocators.get(appKey);
        if (c != null) dirtyApps.addAll(c);
    }

    void recountAppsOn(NodeState n) {
        Set<String> keys = new TreeSet<>();
        for (TaskRecord t : n.tasks().values()) if (t.appKey() != null) keys.add(t.appKey());
        for (String k : keys) {
            AppState a = apps.get(k);
            if (a != null) a.recount(inventory);
        }
    }

    void forgetIfEmpty(NodeState n) {
        if (!n.present() && n.tasks().isEmpty() && n.holds().isEmpty()) inventory.forget(n);
    }

    Map<String, AppState> apps() {
        return apps;
    }

    NodeCheck check() {
        return check;
    }

    Map<String, Set<String>> colocators() {
        return colocators;
    }

    TreeSet<String> dirtyApps() {
        return dirtyApps;
    }

    Map<String, Long> evicting() {
        return evicting;
    }

    Map<String, TreeSet<String>> gangs() {
        return gangs;
    }

    NodeInventory inventory() {
        return inventory;
    }

    PoolLedger ledger() {
        return ledger;
    }

    TreeMap<String, Nomination> nominations() {
        return nominations;
    }

    long now() {
        return now;
    }

    TreeMap<String, PoolState> pools() {
        return pools;
    }

    Map<String, Long> refused() {
        return refused;
    }

    NodeSearch search() {
        return search;
    }

    Map<String, TaskRecord> tasks() {
        return tasks;
    }

    long version() {
        return version;
    }

    TreeSet<String> waitingApps() {
        return waitingApps;
    }
}
