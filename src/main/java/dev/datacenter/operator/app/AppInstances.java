package dev.datacenter.operator.app;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.UnreachableStrategy;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.model.InstanceState;
import dev.datacenter.operator.model.PodTemplateHash;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An app's instance pods as the lifecycle sees them: ordinal, template hash, {@link InstanceState},
 * whether they are going away (terminating, or deleted by us and not yet gone from the cache), and
 * whether their node is lost (Marathon's unreachable strategy). Pure.
 */
public final class AppInstances {

    /** Where an instance's node stands. */
    public enum NodeLoss {
        /** Node Ready (or the instance is pinned to it by its volume: the claim-set lifecycle decides). */
        NONE,
        /** NotReady for {@code inactiveAfterSeconds} or gone: replace the instance elsewhere, keep the pod. */
        INACTIVE,
        /** NotReady for {@code expungeAfterSeconds}: delete the pod. */
        EXPUNGE
    }

    /** One instance pod. */
    public record Member(
            Pod pod,
            String name,
            int ordinal,
            String hash,
            InstanceState state,
            String node,
            boolean terminating,
            NodeLoss loss) {

        public String uid() {
            return pod.getMetadata().getUid();
        }

        /** Counts toward spec.instances: not lost with its node, not failed, not finished. */
        public boolean counted() {
            return loss == NodeLoss.NONE && !ended();
        }

        /** Failed, or finished (a long-running service whose command exited 0 ended as much). */
        public boolean ended() {
            return state.failed() || state.stage() == InstanceState.Stage.FINISHED;
        }
    }

    private AppInstances() {}

    /**
     * @param deleted  uids of pods the operator deleted that the cache still shows
     * @param pinned   the app's instances are pinned to their node by claim-set volumes
     */
    public static List<Member> of(
            List<Pod> pods,
            Set<String> deleted,
            Function<String, Optional<Node>> nodes,
            UnreachableStrategy unreachable,
            boolean pinned,
            Instant now) {
        List<Member> out = new ArrayList<>();
        for (Pod pod : pods) {
            Integer ordinal = ordinal(pod);
            if (ordinal == null) {
                continue;
            }
            String node = EngineInputs.nodeOf(pod);
            boolean terminating = pod.getMetadata().getDeletionTimestamp() != null
                    || deleted.contains(pod.getMetadata().getUid());
            NodeLoss loss = pinned || node == null ? NodeLoss.NONE : loss(nodes.apply(node), unreachable, now);
            out.add(new Member(
                    pod,
                    pod.getMetadata().getName(),
                    ordinal,
                    PodTemplateHash.of(pod),
                    InstanceState.of(pod),
                    node,
                    terminating,
                    loss));
        }
        return out;
    }

    static NodeLoss loss(Optional<Node> node, UnreachableStrategy unreachable, Instant now) {
        if (node.isEmpty()) {
            return NodeLoss.INACTIVE;
        }
        Optional<Instant> since = notReadySince(node.get(), now);
        if (since.isEmpty()) {
            return NodeLoss.NONE;
        }
        Duration down = Duration.between(since.get(), now);
        if (down.getSeconds() >= expungeAfter(unreachable)) {
            return NodeLoss.EXPUNGE;
        }
        return down.getSeconds() >= inactiveAfter(unreachable) ? NodeLoss.INACTIVE : NodeLoss.NONE;
    }

    /** When the node stopped being Ready (its Ready condition's transition time), or empty while it is Ready. */
    public static Optional<Instant> notReadySince(Node node, Instant now) {
        if (EngineInputs.ready(node)) {
            return Optional.empty();
        }
        List<NodeCondition> conditions =
                node.getStatus() == null || node.getStatus().getConditions() == null
                        ? List.of()
                        : node.getStatus().getConditions();
        for (NodeCondition c : conditions) {
            if ("Ready".equals(c.getType()) && c.getLastTransitionTime() != null) {
                try {
                    return Optional.of(Instant.parse(c.getLastTransitionTime()));
                } catch (DateTimeParseException e) {
                    return Optional.of(now);
                }
            }
        }
        return Optional.of(now);
    }

    public static int inactiveAfter(UnreachableStrategy u) {
        return u == null || u.getInactiveAfterSeconds() == null
                ? UnreachableStrategy.DEFAULT_INACTIVE_AFTER_SECONDS
                : u.getInactiveAfterSeconds();
    }

    public static int expungeAfter(UnreachableStrategy u) {
        return u == null || u.getExpungeAfterSeconds() == null
                ? UnreachableStrategy.DEFAULT_EXPUNGE_AFTER_SECONDS
                : u.getExpungeAfterSeconds();
    }

    private static Integer ordinal(Pod pod) {
        String value = pod.getMetadata().getLabels() == null
                ? null
                : pod.getMetadata().getLabels().get(ApiGroup.LABEL_ORDINAL);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
