package dev.datacenter.operator.app;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.AppResources;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.Constraint;
import dev.datacenter.operator.api.ConstraintOperator;
import dev.datacenter.operator.api.ContainerSpec;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.VolumeSpec;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.inventory.QuantityAmounts;
import dev.datacenter.operator.model.DependencyGraph;
import dev.datacenter.operator.model.SpecChecks;
import dev.datacenter.operator.status.Conditions;
import dev.datacenter.operator.status.SpecProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a CRD schema cannot check about a DataCenterApp, checked against the cache (and what an API server
 * without our schema lets through): a container image, cpus and mem above 0, quantities the engine can
 * count; checks that name ports the app has and volumes that leave the artifacts' place alone
 * ({@link SpecChecks}); its pool and claim sets exist, its LIKE/UNLIKE constraints compile, its dependencies
 * exist and form no cycle.
 */
@ApplicationScoped
public class DataCenterAppValidator {

    @Inject
    ClusterCache cache;

    /** The first problem, in the order a user would fix them, or empty. */
    public Optional<SpecProblem> firstProblem(DataCenterApp app) {
        if (app.getSpec() == null) {
            return Optional.of(new SpecProblem(ConditionReasons.INVALID_SPEC, "spec is required"));
        }
        return missingImage(app)
                .or(() -> resourcesProblem(app))
                .or(() -> invalidSpec(app))
                .or(() -> missingPool(app))
                .or(() -> missingClaimSet(app))
                .or(() -> invalidConstraint(app))
                .or(() -> dependencyProblem(app));
    }

    /** The app's dependencies that exist but are not Ready. */
    public List<String> dependenciesNotReady(DataCenterApp app) {
        return dependencies(app).stream()
                .filter(name -> cache.app(app.getMetadata().getNamespace(), name)
                        .map(dependency -> dependency.getStatus() == null
                                || !Conditions.isTrue(dependency.getStatus().getConditions(), ConditionReasons.READY))
                        .orElse(false))
                .toList();
    }

    /** Mistakes inside the spec that would make every pod fail ({@link SpecChecks}), all in one message. */
    private static Optional<SpecProblem> invalidSpec(DataCenterApp app) {
        List<String> problems = SpecChecks.problems(app.getSpec());
        return problems.isEmpty()
                ? Optional.empty()
                : Optional.of(new SpecProblem(ConditionReasons.INVALID_SPEC, String.join("; ", problems)));
    }

    /** What an API server without our schema (an older CRD, one applied without its schema) lets through. */
    static Optional<SpecProblem> missingImage(DataCenterApp app) {
        ContainerSpec container = app.getSpec().getContainer();
        if (container == null) {
            return invalid("spec.container is required (spec.container.image names the image to run)");
        }
        if (container.getImage() == null || container.getImage().isBlank()) {
            return invalid("spec.container.image is required");
        }
        return Optional.empty();
    }

    /** cpus and mem are required and above 0; every quantity parses and is within what the engine counts. */
    static Optional<SpecProblem> resourcesProblem(DataCenterApp app) {
        AppResources r = app.getSpec().getResources();
        if (r == null) {
            return invalid("spec.resources is required (spec.resources.cpus and spec.resources.mem)");
        }
        if (r.getCpus() == null) {
            return invalid("spec.resources.cpus is required");
        }
        if (r.getMem() == null) {
            return invalid("spec.resources.mem is required");
        }
        Optional<String> problem = QuantityAmounts.problem("spec.resources.cpus", r.getCpus(), 1000)
                .or(() -> QuantityAmounts.problem("spec.resources.mem", r.getMem(), 1))
                .or(() -> QuantityAmounts.problem("spec.resources.disk", r.getDisk(), 1));
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        if (EngineInputs.millicores(r.getCpus()) <= 0) {
            return invalid("spec.resources.cpus must be greater than 0, not " + r.getCpus());
        }
        if (EngineInputs.bytes(r.getMem()) <= 0) {
            return invalid("spec.resources.mem must be greater than 0, not " + r.getMem());
        }
        if (r.getGpus() != null && r.getGpus() < 0) {
            return invalid("spec.resources.gpus must not be negative, not " + r.getGpus());
        }
        return Optional.empty();
    }

    private static Optional<SpecProblem> invalid(String message) {
        return Optional.of(new SpecProblem(ConditionReasons.INVALID_SPEC, message));
    }

    private Optional<SpecProblem> missingPool(DataCenterApp app) {
        String pool = app.getSpec().getPool() == null || app.getSpec().getPool().isEmpty()
                ? ApiGroup.DEFAULT_POOL
                : app.getSpec().getPool();
        if (ApiGroup.DEFAULT_POOL.equals(pool) || cache.pool(pool).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new SpecProblem(ConditionReasons.POOL_NOT_FOUND, "ResourcePool " + pool + " not found"));
    }

    private Optional<SpecProblem> missingClaimSet(DataCenterApp app) {
        String namespace = app.getMetadata().getNamespace();
        List<VolumeSpec> volumes =
                app.getSpec().getVolumes() == null ? List.of() : app.getSpec().getVolumes();
        return volumes.stream()
                .filter(volume -> volume.getClaimSet() != null
                        && cache.claimSet(namespace, volume.getClaimSet()).isEmpty())
                .findFirst()
                .map(volume -> new SpecProblem(
                        ConditionReasons.CLAIM_SET_NOT_FOUND,
                        "PersistentVolumeClaimSet " + volume.getClaimSet() + " (volume " + volume.getName()
                                + ") not found in namespace " + namespace));
    }

    static Optional<SpecProblem> invalidConstraint(DataCenterApp app) {
        List<Constraint> constraints = app.getSpec().getConstraints() == null
                ? List.of()
                : app.getSpec().getConstraints();
        for (int i = 0; i < constraints.size(); i++) {
            Optional<String> problem = problemOf(constraints.get(i));
            if (problem.isPresent()) {
                Constraint c = constraints.get(i);
                return Optional.of(new SpecProblem(
                        ConditionReasons.INVALID_CONSTRAINT,
                        String.format(
                                "constraints[%d] (%s %s %s): %s",
                                i, c.getField(), c.getOperator(), c.getValue(), problem.get())));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problemOf(Constraint constraint) {
        ConstraintOperator operator = constraint.getOperator();
        if (operator == ConstraintOperator.LIKE || operator == ConstraintOperator.UNLIKE) {
            if (constraint.getValue() == null) {
                return Optional.of("a regular expression is required");
            }
            try {
                Pattern.compile(constraint.getValue());
            } catch (PatternSyntaxException e) {
                return Optional.of("invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            }
        }
        return Optional.empty();
    }

    private Optional<SpecProblem> dependencyProblem(DataCenterApp app) {
        if (dependencies(app).isEmpty()) {
            return Optional.empty();
        }
        Map<String, DataCenterApp> apps = new LinkedHashMap<>();
        cache.apps(app.getMetadata().getNamespace())
                .forEach(a -> apps.put(a.getMetadata().getName(), a));
        apps.put(app.getMetadata().getName(), app);
        return DependencyGraph.of(apps.values())
                .problem(app.getMetadata().getName())
                .map(p -> new SpecProblem(p.reason(), p.message()));
    }

    private static List<String> dependencies(DataCenterApp app) {
        List<String> dependencies = app.getSpec() == null ? null : app.getSpec().getDependencies();
        return dependencies == null
                ? List.of()
                : dependencies.stream().filter(Objects::nonNull).toList();
    }
}
