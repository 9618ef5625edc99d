package dev.datacenter.operator.model;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * A pod of ours the cluster refuses to run on the node it was placed on: the scheduler leaves it Pending
 * with {@code PodScheduled=False} reason {@code Unschedulable} (a foreign pod took the room first, a taint
 * appeared, the node went away), or the kubelet fails it at admission (phase {@code Failed}, reason such as
 * {@code OutOfcpu}, {@code OutOfmemory}, {@code NodeAffinity}, {@code UnexpectedAdmissionError}).
 *
 * @param node    the node that refused it
 * @param reason  the cluster's reason
 * @param message the cluster's message, or empty
 * @param since   when the refusal began (the condition's transition time), null when the pod does not say
 * @param fin     true for a kubelet admission failure: the pod will never run, whatever happens on the node
 */
public record PodRefusal(String node, String reason, String message, Instant since, boolean fin) {

    /** Kubelet admission failures that are not {@code OutOf<resource>}. */
    static final Set<String> ADMISSION_REASONS = Set.of(
            "NodeAffinity",
            "NodeSelectorMismatching",
            "UnexpectedAdmissionError",
            "InvalidNodeInfo",
            "NodeName",
            "NodePorts",
            "PodOSNotSupported",
            "Taint");

    /** The refusal the pod's status shows, if any. */
    public static Optional<PodRefusal> of(Pod pod, String node) {
        if (pod.getStatus() == null || node == null) {
            return Optional.empty();
        }
        String phase = pod.getStatus().getPhase();
        String reason = pod.getStatus().getReason();
        if ("Failed".equals(phase) && reason != null && admission(reason)) {
            return Optional.of(new PodRefusal(node, reason, text(pod.getStatus().getMessage()), null, true));
        }
        if (phase == null || "Pending".equals(phase)) {
            if (pod.getStatus().getConditions() == null) {
                return Optional.empty();
            }
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType())
                        && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason())) {
                    return Optional.of(new PodRefusal(
                            node, c.getReason(), text(c.getMessage()), time(c.getLastTransitionTime()), false));
                }
            }
        }
        return Optional.empty();
    }

    /** A kubelet admission failure: {@code OutOfcpu}, {@code OutOfmemory}, {@code OutOfpods}, ... or one of {@link #ADMISSION_REASONS}. */
    static boolean admission(String reason) {
        return reason.startsWith("OutOf") || ADMISSION_REASONS.contains(reason);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static Instant time(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
