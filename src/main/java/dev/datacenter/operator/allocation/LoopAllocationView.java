package dev.datacenter.operator.allocation;

import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.placement.WaitingExplanation;
import dev.datacenter.operator.runtime.InstanceFailureCounter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link AllocationView} over this process's allocation loop and its published cycles. */
@ApplicationScoped
public class LoopAllocationView implements AllocationView {

    @Inject
    AllocationLoop loop;

    @Inject
    AllocationMetrics cycles;

    @Inject
    InstanceFailureCounter failures;

    @Inject
    FrameworkScheduler frameworks;

    @Override
    public boolean running() {
        return loop.running();
    }

    @Override
    public PublishedCycle newest() {
        return cycles.newest();
    }

    @Override
    public PublishedCycle newestWithOffers() {
        return cycles.newestWithOffers();
    }

    @Override
    public Optional<PendingSummary> pendingSummary(String appKey) {
        return loop.pendingSummary(appKey);
    }

    @Override
    public CompletableFuture<Optional<WaitingExplanation>> explain(String appKey) {
        return loop.explain(appKey);
    }

    @Override
    public List<FrameworkView> frameworks() {
        return frameworks.frameworks();
    }

    @Override
    public long instanceFailures() {
        return failures.total();
    }
}
