package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Why one app waits ({@code GET /api/v1/apps/{namespace}/{name}/explain}): for one instance of the app, each
 * requirement checked on every node on its own (how many nodes meet it, how many decline), the nodes that
 * came closest, app-level errors, and the newest cycle's reject summary. {@code available} is false (with
 * {@code message}) when no explanation could be computed: the replica does not lead, the engine did not
 * answer in time, or the operator does not place the app (see {@code readyReason}).
 */
@RegisterForReflection
public record ExplainView(
        String namespace,
        String name,
        String pool,
        boolean available,
        String message,
        int pending,
        int instance,
        int nodes,
        ResourcesView resources,
        List<RequirementView> requirements,
        List<NodeFitView> closest,
        List<ErrorView> errors,
        List<ReasonCount> reasons,
        String readyReason,
        String readyMessage) {

    /** One requirement ({@code cpus}, {@code pool web}, a constraint as written, ...) and its decline reason. */
    @RegisterForReflection
    public record RequirementView(String requirement, String reason, int matched, int declined) {}

    /** A node near to taking the instance: the requirements it fails and its free resources for the pool. */
    @RegisterForReflection
    public record NodeFitView(String node, List<String> failed, ResourcesView free) {}

    /** An app-level problem that blocks every instance ({@code InvalidConstraint}, {@code PoolNotFound}). */
    @RegisterForReflection
    public record ErrorView(String reason, String message) {}
}
