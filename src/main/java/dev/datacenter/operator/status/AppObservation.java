package dev.datacenter.operator.status;

import java.util.List;
import java.util.Optional;

/**
 * What the reconciler found about a DataCenterApp in the cluster: the first problem in its spec (if
 * any), the dependencies that are not Ready yet, how many instance pods exist, and (once the spec is
 * valid) what the lifecycle found about its instances.
 */
public record AppObservation(
        Optional<SpecProblem> problem, List<String> dependenciesNotReady, int instances, AppLifecycle lifecycle) {
    public AppObservation {
        problem = problem == null ? Optional.empty() : problem;
        dependenciesNotReady = dependenciesNotReady == null ? List.of() : List.copyOf(dependenciesNotReady);
    }

    public AppObservation(Optional<SpecProblem> problem, List<String> dependenciesNotReady, int instances) {
        this(problem, dependenciesNotReady, instances, null);
    }
}
