package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease with fabric8's LeaderElector. The
 * {@link Listener} hears {@code startedLeading} / {@code stoppedLeading} exactly once per term, and
 * {@code stoppedLeading} is called before the Lease is released, so that two candidates never both
 * act. A candidate that lost its term stands again. {@link #disabled()} is a candidate that leads at once.
 */
public class LeaderElection {
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    /** Told of leadership changes; called from the elector's threads, one call at a time. */
    public interface Listener {
        void startedLeading();

        void stoppedLeading();
    }

    private final KubernetesClient client;
    private final LeaseSettings settings;
    private final ScheduledExecutorService restarts = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "datacenter-leader-election");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<String> leader = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<?>> term = new AtomicReference<>();
    private volatile boolean leaderKnown;
    private volatile boolean leading;
    private volatile boolean stopped = true;
    private volatile Instant lastObserved;
    private Listener listener;
    private Clock clock = Clock.systemUTC();

    public LeaderElection(KubernetesClient client, LeaseSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** An election that is not held: this process leads from {@link #start} on. */
    public static LeaderElection disabled() {
        return new LeaderElection(null, null);
    }

    public synchronized void start(Listener listener) {
        this.listener = Objects.requireNonNull(listener);
        stopped = false;
        if (settings == null) {
            leaderKnown = true;
            changeLeading(true);
            return;
        }
        stand();
    }

    /** Stops acting first, then releases the Lease so another candidate takes over at once. */
    public void stop() {
        CompletableFuture<?> current;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            changeLeading(false);
            current = term.getAndSet(null);
        }
        restarts.shutdownNow();
        if (current != null) {
            current.cancel(true); // releases the Lease; not under our lock, the elector calls back into us
        }
    }

    public boolean isLeader() {
        return leading;
    }

    /**
     * Whether this process knows who leads: itself, or another candidate holding a Lease this process
     * read from the API server within the lease duration. A Lease last read longer ago (the API server
     * is gone, or the elector is stuck) is stale: leadership is unknown.
     */
    public boolean leadershipKnown() {
        if (settings == null || leading) {
            return leaderKnown;
        }
        Instant observed = lastObserved;
        return leaderKnown && observed != null && !clock.instant().isAfter(observed.plus(settings.leaseDuration()));
    }

    /** When this process last read the Lease from the API server, if ever. */
    public Optional<Instant> lastObserved() {
        return Optional.ofNullable(lastObserved);
    }

    /** For tests: the clock that ages the last observation of the Lease. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /** For tests: as if the Lease was read, naming {@code holder}, at {@code when}. */
    void observed(String holder, Instant when) {
        newLeader(holder);
        lastObserved = when;
    }

    public Optional<String> currentLeader() {
        return settings == null ? Optional.of("self") : Optional.ofNullable(leader.get());
    }

    public String identity() {
        return settings == null ? "self" : settings.identity();
    }

    private synchronized void stand() {
        if (stopped) {
            return;
        }
        LeaderElector elector = client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(settings.leaseName())
                        .withLock(new ObservedLock(
                                new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity())))
                        .withLeaseDuration(settings.leaseDuration())
                        .withRenewDeadline(settings.renewDeadline())
                        .withRetryPeriod(settings.retryPeriod())
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(
                                () -> changeLeading(true), () -> changeLeading(false), this::newLeader))
                        .build())
                .build();
        CompletableFuture<?> future = elector.start();
        term.set(future);
        future.whenComplete((ok, failure) -> termEnded(failure));
    }

    private void termEnded(Throwable failure) {
        changeLeading(false);
        if (stopped) {
            return;
        }
        if (failure != null) {
            LOG.warnf("leader election ended with %s; standing again", failure.toString());
        }
        leaderKnown = false;
        restarts.schedule(this::stand, settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void newLeader(String identity) {
        leader.set(identity);
        leaderKnown = identity != null && !identity.isEmpty();
        LOG.infof(
                "leader of %s/%s is now %s",
                settings.namespace(), settings.leaseName(), leaderKnown ? identity : "nobody");
    }

    /** The Lease lock, remembering when the Lease was last read: the freshness of what we know of the leader. */
    private final class ObservedLock implements Lock {
        private final Lock lock;

        ObservedLock(Lock lock) {
            this.lock = lock;
        }

        @Override
        public LeaderElectionRecord get(KubernetesClient client) {
            LeaderElectionRecord record = lock.get(client);
            lastObserved = clock.instant();
            return record;
        }

        @Override
        public void create(KubernetesClient client, LeaderElectionRecord record) {
            lock.create(client, record);
        }

        @Override
        public void update(KubernetesClient client, LeaderElectionRecord record) {
            lock.update(client, record);
        }

        @Override
        public String identity() {
            return lock.identity();
        }

        @Override
        public String describe() {
            return lock.describe();
        }
    }

    private synchronized void changeLeading(boolean nowLeading) {
        if (leading == nowLeading || (nowLeading && stopped)) {
            return;
        }
        leading = nowLeading;
        LOG.infof("%s %s leading", identity(), nowLeading ? "started" : "stopped");
        if (nowLeading) {
            listener.startedLeading();
        } else {
            listener.stoppedLeading();
        }
    }
}
