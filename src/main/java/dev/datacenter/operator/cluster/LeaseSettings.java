package dev.datacenter.operator.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the leader Lease lives and how it is held. A follower takes over at most
 * {@code leaseDuration} after the leader stopped renewing; the leader gives up acting when it could
 * not renew within {@code renewDeadline}, which must be shorter.
 */
public record LeaseSettings(
        String namespace,
        String leaseName,
        String identity,
        Duration leaseDuration,
        Duration renewDeadline,
        Duration retryPeriod) {

    public static final String DEFAULT_NAMESPACE = "datacenter-system";

    public LeaseSettings {
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("the renew deadline must be shorter than the lease duration");
        }
    }

    /** The configured namespace, else the pod's (POD_NAMESPACE), else {@value #DEFAULT_NAMESPACE}. */
    public static String resolveNamespace(Optional<String> configured) {
        return configured
                .filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE")).filter(s -> !s.isBlank()))
                .orElse(DEFAULT_NAMESPACE);
    }

    /** The pod's name (POD_NAME, else HOSTNAME) plus a random suffix, so a restarted pod is a new candidate. */
    public static String newIdentity() {
        String base = Optional.ofNullable(System.getenv("POD_NAME"))
                .filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(s -> !s.isBlank()))
                .orElse("datacenter-operator");
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
