package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The node lifecycle controller's taint-based eviction, as pure functions: a node whose Ready condition is
 * False gets {@code node.kubernetes.io/not-ready:NoExecute}, Unknown (or no condition) gets
 * {@code node.kubernetes.io/unreachable:NoExecute}, a Ready node neither; a pod on a node with a NoExecute taint
 * it does not tolerate is evicted at once, one it tolerates for {@code tolerationSeconds} is evicted that long
 * after the taint was added, one it tolerates without {@code tolerationSeconds} stays.
 */
final class NoExecuteTaints {

    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String NO_EXECUTE = "NoExecute";

    private NoExecuteTaints() {}

    /** The node's taints with the lifecycle taint its Ready condition calls for (the others kept as they are). */
    static List<Taint> desiredTaints(Node node, Instant now) {
        List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null
                ? List.of()
                : node.getSpec().getTaints();
        Optional<String> wanted = lifecycleTaint(node);
        List<Taint> out = new ArrayList<>();
        for (Taint t : current) {
            boolean lifecycle = NOT_READY.equals(t.getKey()) || UNREACHABLE.equals(t.getKey());
            if (!lifecycle || wanted.isPresent() && wanted.get().equals(t.getKey())) {
                out.add(t);
            }
        }
        if (wanted.isPresent() && out.stream().noneMatch(t -> wanted.get().equals(t.getKey()))) {
            out.add(new TaintBuilder()
                    .withKey(wanted.get())
                    .withEffect(NO_EXECUTE)
                    .withTimeAdded(now.toString())
                    .build());
        }
        return out;
    }

    private static Optional<String> lifecycleTaint(Node node) {
        Optional<NodeCondition> ready = Optional.ofNullable(node.getStatus())
                .map(s -> s.getConditions())
                .flatMap(cs ->
                        cs.stream().filter(c -> "Ready".equals(c.getType())).findFirst());
        if (ready.isPresent() && "True".equals(ready.get().getStatus())) {
            return Optional.empty();
        }
        return Optional.of(ready.isPresent() && "False".equals(ready.get().getStatus()) ? NOT_READY : UNREACHABLE);
    }

    /** When the pod is to be evicted from a node with these taints; empty when never. */
    static Optional<Instant> evictionTime(Pod pod, List<Taint> taints) {
        Optional<Instant> earliest = Optional.empty();
        for (Taint taint : taints) {
            if (!NO_EXECUTE.equals(taint.getEffect())) {
                continue;
            }
            Instant added = taint.getTimeAdded() == null ? Instant.EPOCH : Instant.parse(taint.getTimeAdded());
            Optional<Toleration> toleration = tolerationOf(pod, taint);
            Instant at;
            if (toleration.isEmpty()) {
                at = added;
            } else if (toleration.get().getTolerationSeconds() == null) {
                continue;
            } else {
                at = added.plusSeconds(Math.max(0, toleration.get().getTolerationSeconds()));
            }
            earliest = earliest.isEmpty() || at.isBefore(earliest.get()) ? Optional.of(at) : earliest;
        }
        return earliest;
    }

    /** The pod's toleration of the taint with the longest tolerationSeconds (none = for ever), if any matches. */
    static Optional<Toleration> tolerationOf(Pod pod, Taint taint) {
        List<Toleration> tolerations = pod.getSpec() == null || pod.getSpec().getTolerations() == null
                ? List.of()
                : pod.getSpec().getTolerations();
        return tolerations.stream()
                .filter(t -> tolerates(t, taint))
                .max((a, b) -> a.getTolerationSeconds() == null
                        ? (b.getTolerationSeconds() == null ? 0 : 1)
                        : b.getTolerationSeconds() == null
                                ? -1
                                : Long.compare(a.getTolerationSeconds(), b.getTolerationSeconds()));
    }

    static boolean tolerates(Toleration t, Taint taint) {
        if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if ("Exists".equals(t.getOperator())) {
            return t.getKey() == null || t.getKey().isEmpty() || t.getKey().equals(taint.getKey());
        }
        return Objects.equals(t.getKey(), taint.getKey())
                && Objects.equals(
                        Objects.requireNonNullElse(t.getValue(), ""), Objects.requireNonNullElse(taint.getValue(), ""));
    }
}
