package dev.datacenter.operator.allocation;

import dev.datacenter.operator.placement.PendingSummary;
import dev.datacenter.operator.placement.WaitingExplanation;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The read-only view of the allocation loop that the HTTP API and the dashboard read: whether this process
 * runs cycles, the newest cycle, why an app waits, and the instance failures seen. Cheap, safe from any
 * thread, never blocks on the loop.
 */
public interface AllocationView {

    /** Whether the loop runs here (this process leads). */
    boolean running();

    /** The newest cycle, or null before the first. */
    PublishedCycle newest();

    /** The newest cycle that evaluated offers (an unchanged cycle evaluates none), or null. */
    PublishedCycle newestWithOffers();

    /** Why the app's instances wait, as of the newest cycle; empty when none waits. */
    Optional<PendingSummary> pendingSummary(String appKey);

    /**
     * Why the app waits, in full, computed on the loop's thread between cycles; fails when the loop does not
     * run here, completes empty when it does not place the app.
     */
    CompletableFuture<Optional<WaitingExplanation>> explain(String appKey);

    /** The framework pods (schedulerName datacenter) by owner and pool, as of the newest cycle. */
    List<FrameworkView> frameworks();

    /** Instance failures counted since this process started. */
    long instanceFailures();
}
