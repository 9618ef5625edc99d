package dev.datacenter.operator.pool;

import dev.datacenter.operator.api.ResourceAmounts;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.ResourcePoolSpec;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.inventory.LabelSelectorMatcher;
import dev.datacenter.operator.inventory.QuantityAmounts;
import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.placement.PoolSpec;
import dev.datacenter.operator.placement.Resources;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a ResourcePool's schema cannot catch (or what an API server without validation let through):
 * selectors the in-memory evaluator refuses, a weight not above 0, a guarantee above the limit. And
 * what a lowered limit leaves above it. Pure.
 */
public final class PoolChecks {
    private PoolChecks() {}

    /** Why the pool cannot be used for placement, or empty. */
    public static Optional<String> problem(ResourcePool pool) {
        ResourcePoolSpec spec = pool.getSpec() == null ? new ResourcePoolSpec() : pool.getSpec();
        List<String> problems = new ArrayList<>();
        selectorProblem("spec.nodeSelector", spec.getNodeSelector()).ifPresent(problems::add);
        if (spec.getReservations() != null) {
            for (int i = 0; i < spec.getReservations().size(); i++) {
                selectorProblem(
                                "spec.reservations[" + i + "].nodeSelector",
                                spec.getReservations().get(i).getNodeSelector())
                        .ifPresent(problems::add);
            }
        }
        if (spec.getWeight() != null && !(spec.getWeight() > 0)) {
            problems.add("spec.weight must be greater than 0, not " + spec.getWeight());
        }
        amountsProblem("spec.guarantee", spec.getGuarantee()).ifPresent(problems::add);
        amountsProblem("spec.limit", spec.getLimit()).ifPresent(problems::add);
        if (spec.getReservations() != null) {
            for (int i = 0; i < spec.getReservations().size(); i++) {
                amountsProblem(
                                "spec.reservations[" + i + "].resources",
                                spec.getReservations().get(i).getResources())
                        .ifPresent(problems::add);
            }
        }
        if (problems.isEmpty()) {
            guaranteeAboveLimit(spec).ifPresent(problems::add);
        }
        if (problems.isEmpty()) {
            try {
                EngineInputs.pool(pool);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static Optional<String> selectorProblem(String field, LabelSelector selector) {
        if (selector != null && selector.getMatchExpressions() != null) {
            for (int i = 0; i < selector.getMatchExpressions().size(); i++) {
                LabelSelectorRequirement r = selector.getMatchExpressions().get(i);
                String at = field + ".matchExpressions[" + i + "]";
                boolean hasValues = r.getValues() != null && !r.getValues().isEmpty();
                if (r.getKey() == null || r.getKey().isEmpty()) {
                    return Optional.of(at + ": a key is required");
                }
                switch (String.valueOf(r.getOperator())) {
                    case "In", "NotIn" -> {
                        if (!hasValues) {
                            return Optional.of(
                                    at + ": " + r.getOperator() + " on " + r.getKey() + " needs at least one value");
                        }
                    }
                    case "Exists", "DoesNotExist" -> {
                        if (hasValues) {
                            return Optional.of(at + ": " + r.getOperator() + " on " + r.getKey() + " takes no values");
                        }
                    }
                    default -> {
                        return Optional.of(at + ": unknown operator " + r.getOperator()
                                + " (one of In, NotIn, Exists, DoesNotExist)");
                    }
                }
            }
        }
        try {
            LabelSelectorMatcher.matches(selector, Map.of());
            EngineInputs.selector(selector);
            return Optional.empty();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.of(field + ": " + e.getMessage());
        }
    }

    /** A quantity that does not parse, is negative or beyond what the engine counts. */
    private static Optional<String> amountsProblem(String field, ResourceAmounts a) {
        if (a == null) {
            return Optional.empty();
        }
        return QuantityAmounts.problem(field + ".cpus", a.getCpus(), 1000)
                .or(() -> QuantityAmounts.problem(field + ".mem", a.getMem(), 1))
                .or(() -> QuantityAmounts.problem(field + ".disk", a.getDisk(), 1))
                .or(() -> a.getGpus() != null && a.getGpus() < 0
                        ? Optional.of(field + ".gpus must not be negative, not " + a.getGpus())
                        : Optional.empty());
    }

    private static Optional<String> guaranteeAboveLimit(ResourcePoolSpec spec) {
        ResourceAmounts g = spec.getGuarantee();
        ResourceAmounts l = spec.getLimit();
        if (g == null || l == null) {
            return Optional.empty();
        }
        List<String> over = new ArrayList<>();
        if (g.getCpus() != null
                && l.getCpus() != null
                && EngineInputs.millicores(g.getCpus()) > EngineInputs.millicores(l.getCpus())) {
            over.add("cpus");
        }
        if (g.getMem() != null
                && l.getMem() != null
                && EngineInputs.bytes(g.getMem()) > EngineInputs.bytes(l.getMem())) {
            over.add("mem");
        }
        if (g.getGpus() != null && l.getGpus() != null && g.getGpus() > l.getGpus()) {
            over.add("gpus");
        }
        if (g.getDisk() != null
                && l.getDisk() != null
                && EngineInputs.bytes(g.getDisk()) > EngineInputs.bytes(l.getDisk())) {
            over.add("disk");
        }
        return over.isEmpty()
                ? Optional.empty()
                : Optional.of("spec.guarantee exceeds spec.limit for " + String.join(", ", over));
    }

    /** What the pool's allocation exceeds of its (lowered) limit, or null when within it. */
    public static String overLimit(PoolSpec spec, PoolFigures figures) {
        Resources limit = spec.limit();
        Resources used = figures.allocated();
        List<String> over = new ArrayList<>();
        if (used.cpus() > limit.cpus()) {
            over.add("cpus " + PoolShares.cpus(used.cpus()) + " > " + PoolShares.cpus(limit.cpus()));
        }
        if (used.mem() > limit.mem()) {
            over.add("mem " + PoolShares.mem(used.mem()) + " > " + PoolShares.mem(limit.mem()));
        }
        if (used.gpus() > limit.gpus()) {
            over.add("gpus " + used.gpus() + " > " + limit.gpus());
        }
        if (used.disk() > limit.disk()) {
            over.add("disk " + PoolShares.mem(used.disk()) + " > " + PoolShares.mem(limit.disk()));
        }
        return over.isEmpty() ? null : "allocated above the limit: " + String.join(", ", over);
    }
}
