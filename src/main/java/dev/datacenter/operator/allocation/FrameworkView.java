package dev.datacenter.operator.allocation;

import dev.datacenter.operator.placement.Resources;

/** The framework pods of one owner in one pool, as the state API and the dashboard show them. */
public record FrameworkView(
        String namespace, String owner, String pool, int running, int waiting, Resources resources) {
    FrameworkView plus(FrameworkView o) {
        return new FrameworkView(
                namespace, owner, pool, running + o.running, waiting + o.waiting, resources.plus(o.resources));
    }
}
