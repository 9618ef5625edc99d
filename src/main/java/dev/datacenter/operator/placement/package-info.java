/**
 * The two-level placement engine: pure Java, no Kubernetes, no Quarkus.
 *
 * <h2>Model</h2>
 * Nodes ({@link dev.datacenter.operator.placement.NodeSpec}) are the Mesos agents, pools
 * ({@link dev.datacenter.operator.placement.PoolSpec}) the roles, apps
 * ({@link dev.datacenter.operator.placement.AppSpec}) the tasks' frameworks. Quantities are longs: cpus in
 * millicores, memory and disk in bytes, gpus as a count.
 *
 * <h2>Feeding the engine (the reconciler's allocation loop)</h2>
 * <ol>
 *   <li>Node informer: {@code upsertNode(new NodeSpec(name, labels, allocatable, pods, schedulable,
 *       PortRange.parse(annotation "datacenter.dev/port-range"), taints))}; schedulable = not cordoned and Ready.
 *       {@code removeNode} on delete. Equal re-upserts are free.</li>
 *   <li>Pod informer: every pod bound to a node, ours or not: {@code addRunningTask(RunningTask.instance(...))}
 *       for our instances (app key "namespace/name", ordinal), {@code RunningTask.foreign(uid, ...)} for others;
 *       {@code removeTask(id)} when the pod ends.</li>
 *   <li>ResourcePool informer: {@code upsertPool}/{@code removePool}; a {@code default} pool is implied.</li>
 *   <li>DataCenterApp informer: {@code upsertApp}, then {@code setPending(key, ordinals that need a node)}
 *       (e.g. 0..instances-1 minus the running ones; running/assumed ordinals are ignored anyway).</li>
 *   <li>Each period or on change: {@code CycleResult r = engine.allocate()}. Each
 *       {@link dev.datacenter.operator.placement.OfferDecision} is already assumed: write the pod pinned to
 *       {@code decision.node()} with the assigned host ports, then {@code commit(decision)}, or
 *       {@code rollback(decision)} if the write failed or the cluster refused the pod.</li>
 *   <li>Status: {@code r.pools()} for pool status, {@code engine.whyPending(key)} for the app's
 *       {@code status.pending} and app-level errors ({@code InvalidConstraint}, {@code PoolNotFound},
 *       {@code InvalidPorts}), {@code r.offers()} for {@code /api/v1/offers}, {@code whyPlaced} for explain.</li>
 * </ol>
 * The engine is not thread-safe: one thread (the allocation loop) owns it.
 *
 * <h2>State classes</h2>
 * {@code EngineState}, {@code NodeState}, {@code PoolState}, {@code AppState}, {@code TaskRecord},
 * {@code NodeGroup}, {@code NodeInventory}, {@code PoolLedger} and the others keep their fields private: other
 * classes read them through accessors (the collections those return are read, never changed, by the caller)
 * and change them through methods named for what happens ({@code node.addTask(t)}, {@code app.leavePool()},
 * {@code pool.declare(spec)}), so each class keeps its own invariants. {@code ArchitectureTest} fails when a
 * class of this package reads or writes a field another one declares.
 *
 * <h2>Semantics worth knowing</h2>
 * <ul>
 *   <li>Level 1: pools are served by weighted DRF (dominant share of allocations plus unused reservations,
 *       divided by weight; ties by name), apps within a pool by DRF (ties by key), one instance per turn.</li>
 *   <li>A pool never exceeds its limit; a pool beyond its guarantee never takes unallocated resources that
 *       pools with demand still need for their guarantees. Both refusals are reported as
 *       {@code PoolLimitReached}.</li>
 *   <li>GPU nodes: in a first pass instances without GPUs see only non-GPU nodes; a second pass lets the
 *       instances that did not fit take GPU nodes.</li>
 *   <li>GROUP_BY uses only the first GROUP_BY constraint of an app for the spread order; its optional value is
 *       informational (the engine knows every value of the cluster). Values compare as strings.</li>
 *   <li>Best fit: among nodes that pass, the one with the least free cpus (then memory, then name) wins;
 *       nodes holding the pool's unused reservation are tried first. When apps pin demand to attribute values
 *       (IS, CLUSTER, LIKE on a label), a packing hint ({@code TargetHint}) applies: nodes that would leave a
 *       targeted value less free cpu than the demand pinned there are used only when no other node fits (for
 *       apps not themselves pinned by IS/CLUSTER to that field), and among nodes with equal free cpus and
 *       memory the value with the most free cpus net of pinned demand wins before the name.</li>
 *   <li>A node without pod slots left is declined as {@code NodeUnschedulable}.</li>
 *   <li>Preemption ({@link dev.datacenter.operator.placement.Preemptor}): after the placements of a cycle, a pool
 *       whose {@code PoolSpec.preemption()} is not {@code NEVER} and whose waiting instances fit nowhere gets
 *       victims chosen ({@code CycleResult.preemptions()}): running tasks of other pools' apps, fewest first,
 *       then lowest {@code AppSpec.priority()}, then youngest ({@code RunningTask.started()}); victim pools stay
 *       at their guarantee (and fair share where it applies), apps within {@code AppSpec.disruptionBudget()}.
 *       The freed room is held for the instance (a nomination, like a pin with held resources) until it is
 *       placed, the timeout ({@code setPreemptionTimeouts}, clock from {@code setTime}) passes, or a victim's
 *       eviction is refused ({@code evictionRefused}). Evict each victim, then {@code removeTask} it when its
 *       pod is gone.</li>
 *   <li>Taints ({@link dev.datacenter.operator.placement.Taint}): a node with a NoSchedule or NoExecute taint is
 *       offered only to apps whose tolerations ({@link dev.datacenter.operator.placement.Toleration}, Kubernetes'
 *       matching rules; GPU apps also tolerate {@code nvidia.com/gpu}) match all such taints, else declined as
 *       {@code UntoleratedTaint}. A PreferNoSchedule taint the app does not tolerate puts the node after every
 *       other node of the same search (constraint tier, host set); it never bars it. While no node has such a
 *       taint, the search does not look at taints at all.</li>
 *   <li>{@link dev.datacenter.operator.placement.AppSpec#barred()}: nodes that refused an instance's pod lately
 *       are declined for that instance as {@code RefusedByNode}; such an instance is tried on its own (its
 *       failure says nothing about the app's other instances).</li>
 * </ul>
 */
package dev.datacenter.operator.placement;
