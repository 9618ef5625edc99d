package dev.datacenter.operator.web;

import java.util.Optional;

/**
 * What the read-only HTTP API and the dashboard show, and the only way the {@code web} package reads the
 * operator's state. The real implementation builds the views from the informer caches and the placement
 * engine's newest allocation cycle; {@link EmptyOperatorStateSource} stands in until one exists.
 *
 * <p>Both methods are called from HTTP worker threads and from the history sampler, concurrently; they
 * must be cheap (read a snapshot, do not call the API server) and never return null.
 */
public interface OperatorStateSource {

    /** The cluster, nodes, pools and apps as of now. */
    StateView state();

    /** The newest allocation cycle ({@link OffersView#NONE} before the first). */
    OffersView offers();

    /**
     * Why the app waits ({@code GET /api/v1/apps/{namespace}/{name}/explain}); empty for an app that does
     * not exist. May wait a short, bounded time for the allocation loop (never calls the API server).
     */
    default Optional<ExplainView> explain(String namespace, String name) {
        return Optional.empty();
    }
}
