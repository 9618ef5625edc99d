package dev.datacenter.operator.runtime;

import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.InformerCache;
import dev.datacenter.operator.cluster.LeaderElection;
import dev.datacenter.operator.cluster.UndecodableObjects;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the operator after the application (and the sandbox's API server, priority 1) started: the
 * informers on every replica, the reconcilers only on the leader. Taking the lead opens the work queue,
 * enqueues every object and starts the workers once the informers are synced; losing it closes the
 * queue first. Fires {@link LeadershipChanged} for the other loops that only the leader runs.
 */
@ApplicationScoped
public class OperatorRuntime {
    private static final Logger LOG = Logger.getLogger(OperatorRuntime.class);

    @Inject
    InformerCache informers;

    @Inject
    ClusterCache cache;

    @Inject
    LeaderElection election;

    @Inject
    ReconcileQueue queue;

    @Inject
    ChangeRouter router;

    @Inject
    OperatorMetrics metrics;

    @Inject
    UndecodableObjects undecodable;

    @Inject
    UndecodableReporter undecodableReporter;

    @Inject
    Event<LeadershipChanged> leadershipChanged;

    @ConfigProperty(name = "datacenter.operator.enabled")
    boolean enabled;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (!enabled) {
            LOG.info("datacenter.operator.enabled=false: informers and reconcilers not started");
            return;
        }
        metrics.watchQueueDepth(queue::depth);
        metrics.watchLeadership(election::isLeader);
        for (ResourceKind kind : ResourceKind.values()) {
            metrics.watchUndecodable(kind, () -> undecodable.count(kind.kind()));
        }
        undecodableReporter.start();
        informers.addListener(router);
        informers.start();
        election.start(new LeaderElection.Listener() {
            @Override
            public void startedLeading() {
                startActing();
            }

            @Override
            public void stoppedLeading() {
                stopActing();
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (enabled) {
            election.stop();
            informers.stop();
        }
    }

    private void startActing() {
        queue.openQueue();
        enqueueAll();
        informers.synced().thenRun(queue::startWorkers);
        leadershipChanged.fire(new LeadershipChanged(true));
    }

    private void stopActing() {
        queue.close();
        leadershipChanged.fire(new LeadershipChanged(false));
    }

    /** Every object the cache holds; objects the informers deliver later are enqueued by the router. */
    private void enqueueAll() {
        cache.apps().forEach(app -> queue.enqueue(ResourceKey.of(ResourceKind.DATA_CENTER_APP, app)));
        cache.pools().forEach(pool -> queue.enqueue(ResourceKey.of(ResourceKind.RESOURCE_POOL, pool)));
        cache.claimSets().forEach(set -> queue.enqueue(ResourceKey.of(ResourceKind.PERSISTENT_VOLUME_CLAIM_SET, set)));
    }
}
