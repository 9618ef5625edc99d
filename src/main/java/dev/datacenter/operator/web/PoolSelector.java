package dev.datacenter.operator.web;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.placement.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A pool's name and node selector, as the state API matches nodes to pools; {@code selector} is null for a
 * pool whose selector the engine cannot read (an unknown operator): it selects no node.
 */
record PoolSelector(String name, LabelSelector selector) {

    /** Every pool's selector, the implied {@code default} included while no pool of that name exists; by name. */
    static List<PoolSelector> all(List<ResourcePool> pools) {
        List<PoolSelector> out = new ArrayList<>();
        boolean defaultDeclared = false;
        for (ResourcePool p : pools) {
            defaultDeclared |= ApiGroup.DEFAULT_POOL.equals(p.getMetadata().getName());
            out.add(new PoolSelector(p.getMetadata().getName(), selector(p)));
        }
        if (!defaultDeclared) {
            out.add(new PoolSelector(ApiGroup.DEFAULT_POOL, LabelSelector.EVERYTHING));
        }
        out.sort(Comparator.comparing(PoolSelector::name));
        return out;
    }

    boolean matches(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return selector != null && selector.matches(labels == null ? Map.of() : labels);
    }

    private static LabelSelector selector(ResourcePool pool) {
        try {
            return EngineInputs.selector(
                    pool.getSpec() == null ? null : pool.getSpec().getNodeSelector());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
