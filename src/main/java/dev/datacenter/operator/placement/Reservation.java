package dev.datacenter.operator.placement;

import java.util.Objects;

/** Static partitioning: on every node matching {@code nodeSelector}, {@code resources} are set aside for one pool. */
public record Reservation(LabelSelector nodeSelector, Resources resources) {
    public Reservation {
        nodeSelector = nodeSelector == null ? LabelSelector.EVERYTHING : nodeSelector;
        Objects.requireNonNull(resources, "resources");
    }
}
