package dev.datacenter.operator.reconciler;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppStatus;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.StatusWriter;
import dev.datacenter.operator.status.AppObservation;
import dev.datacenter.operator.status.DataCenterAppStatusAggregator;
import dev.datacenter.operator.status.SpecProblem;

/**
 * Reconciles a DataCenterApp. For now the validation part of its lifecycle: check what the schema
 * cannot (pool, claim sets, constraints, dependencies), then write the status that follows.
 */
@ApplicationScoped
public class DataCenterAppReconciler implements Reconciler {

    @Inject
    ClusterCache cache;

    @Inject
    DataCenterAppValidator validator;

    @Inject
    StatusWriter statusWriter;

    private final DataCenterAppStatusAggregator aggregator = new DataCenterAppStatusAggregator();

    @Override
    public ResourceKind kind() {
        return ResourceKind.DATA_CENTER_APP;
    }

    @Override
    public void reconcile(ResourceKey key) {
        Optional<DataCenterApp> app = cache.app(key.namespace(), key.name());
        if (app.isEmpty()) {
            return;
        }
        AppObservation observed = observe(app.get());
        DataCenterAppStatus status = aggregator.aggregate(app.get(), observed, Instant.now());
        statusWriter.writeIfChanged(app.get(), status);
    }

    private AppObservation observe(DataCenterApp app) {
        Optional<SpecProblem> problem = validator.firstProblem(app);
        List<String> waitingFor = problem.isPresent() ? List.of() : validator.dependenciesNotReady(app);
        int instances = cache.podsOfApp(app.getMetadata().getNamespace(), app.getMetadata().getName()).size();
        return new AppObservation(problem, waitingFor, instances);
    }
}
