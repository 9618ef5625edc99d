package dev.datacenter.operator.web;

import dev.datacenter.operator.allocation.AllocationView;
import dev.datacenter.operator.allocation.PublishedCycle;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.UndecodableObjects;
import dev.datacenter.operator.model.AppKey;
import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.placement.WaitingExplanation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's real state source: reads the informer caches ({@link ClusterCache}), the allocation loop's
 * newest cycle and reject summaries, and the failure counter; never calls the API server. Its presence
 * switches {@link EmptyOperatorStateSource} off.
 */
@ApplicationScoped
public class ClusterStateSource implements OperatorStateSource {

    @Inject
    ClusterCache cache;

    @Inject
    AllocationView allocation;

    @ConfigProperty(name = "datacenter.web.explain-timeout", defaultValue = "2s")
    Duration explainTimeout;

    @Inject
    UndecodableObjects undecodable;

    private final Clock clock = Clock.systemUTC();

    @Override
    public StateView state() {
        StateView state = StateViewBuilder.build(snapshot());
        if (!allocation.running()) {
            return state;
        }
        return state.withFrameworks(allocation.frameworks().stream()
                .map(f -> new FrameworkEntryView(
                        f.namespace(), f.owner(), f.pool(), f.running(), f.waiting(), Amounts.of(f.resources())))
                .toList());
    }

    @Override
    public OffersView offers() {
        if (!allocation.running()) {
            return OffersView.NONE; // a replica that does not lead runs no cycle
        }
        PublishedCycle evaluated = allocation.newestWithOffers();
        return OffersViewBuilder.build(evaluated != null ? evaluated : allocation.newest());
    }

    @Override
    public Optional<ExplainView> explain(String namespace, String name) {
        Optional<DataCenterApp> app = cache.app(namespace, name);
        if (app.isEmpty()) {
            return Optional.empty();
        }
        String key = AppKey.engineKey(namespace, name);
        Optional<PendingSummary> newest = allocation.pendingSummary(key);
        try {
            Optional<WaitingExplanation> why =
                    allocation.explain(key).get(explainTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(why.map(w -> ExplainViewBuilder.of(app.get(), w, newest))
                    .orElseGet(() -> ExplainViewBuilder.unavailable(
                            app.get(), "the allocation loop does not place this app (see readyReason)", newest)));
        } catch (TimeoutException e) {
            return Optional.of(ExplainViewBuilder.unavailable(
                    app.get(), "the allocation loop did not answer within " + explainTimeout, newest));
        } catch (ExecutionException e) {
            return Optional.of(
                    ExplainViewBuilder.unavailable(app.get(), e.getCause().getMessage(), newest));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(ExplainViewBuilder.unavailable(app.get(), "interrupted", newest));
        }
    }

    ClusterSnapshot snapshot() {
        Map<String, PoolFigures> figures = new HashMap<>();
        PublishedCycle newest = allocation.running() ? allocation.newest() : null;
        if (newest != null) {
            newest.result().pools().forEach(p -> figures.put(p.name(), p));
        }
        return new ClusterSnapshot(
                clock.instant(),
                cache.nodes(),
                cache.pods(),
                cache.pools(),
                cache.apps(),
                figures,
                allocation::pendingSummary,
                allocation.instanceFailures(),
                undecodable.of(HasMetadata.getKind(DataCenterApp.class)));
    }
}
