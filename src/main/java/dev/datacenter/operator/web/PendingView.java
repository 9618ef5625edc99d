package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Why an app's instances are not placed: its newest cycle's reject summary, most frequent reason first. */
@RegisterForReflection
public record PendingView(int count, List<ReasonCount> reasons) {

    public static final PendingView NONE = new PendingView(0, List.of());
}
