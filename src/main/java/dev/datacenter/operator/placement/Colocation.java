package dev.datacenter.operator.placement;

import java.util.Objects;

/** colocateWith: each instance goes to a node whose {@code field} value equals that of a node running an instance of {@code appKey}. */
public record Colocation(String appKey, String field) {
    public Colocation {
        Objects.requireNonNull(appKey, "appKey");
        field = field == null ? NodeAttributes.HOSTNAME : field;
    }
}
