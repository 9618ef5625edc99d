package dev.datacenter.operator.status;

import java.util.List;
import java.util.Optional;

/**
 * What the reconciler found about a DataCenterApp in the cluster: the first problem in its spec (if
 * any), the dependencies that are not Ready yet, and how many instance pods exist.
 */
public record AppObservation(Optional<SpecProblem> problem, List<String> dependenciesNotReady, int instances) {
    public AppObservation {
        problem = problem == null ? Optional.empty() : problem;
        dependenciesNotReady = dependenciesNotReady == null ? List.of() : List.copyOf(dependenciesNotReady);
    }
}
