package dev.datacenter.operator.placement;

import java.util.List;

/**
 * "Why is my app waiting", in full: for one instance of the app (its first unpinned waiting instance, else
 * its first waiting one, else a new instance when none waits), every requirement checked on every node on
 * its own, so that each requirement says how many nodes meet it and how many do not (unlike the reject
 * summary, which counts each node once by its first failing check), and the nodes that came closest.
 *
 * @param pending      instances waiting for a node
 * @param instance     the instance the requirements were checked for
 * @param nodes        nodes considered (every node the engine knows)
 * @param requirements in {@link DeclineReason} order, one per constraint and colocation rule
 * @param closest      the nodes with the fewest failed requirements, then the most room for the instance
 * @param errors       app-level errors that block every instance (invalid constraint, unknown pool)
 */
public record WaitingExplanation(
        String appKey,
        String pool,
        int pending,
        int instance,
        int nodes,
        List<Requirement> requirements,
        List<NodeFit> closest,
        List<AppError> errors) {

    /**
     * One requirement: {@code reason} is the decline reason a node failing it gives; {@code name} says which
     * requirement ({@code cpus}, {@code pool web}, the constraint as written, ...).
     */
    public record Requirement(String name, DeclineReason reason, int matched, int declined) {}

    /** A node near to taking the instance: the requirements it fails and what it has free for the pool. */
    public record NodeFit(String node, List<String> failed, Resources free) {}

    /** The requirement of that name, if listed. */
    public java.util.Optional<Requirement> requirement(String name) {
        return requirements.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
