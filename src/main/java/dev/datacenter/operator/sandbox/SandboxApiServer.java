package dev.datacenter.operator.sandbox;

import dev.datacenter.operator.model.Json;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's in-process Kubernetes API: fabric8's mock server in CRUD mode behind a
 * {@link SandboxDispatcher}, on 127.0.0.1, plain HTTP. Start it, then {@link #registerCrds register CRDs} and
 * talk to it with {@link #createClient()} or any client given {@link #url()}.
 *
 * <p>The port clients use is the {@link SandboxHttpFront}'s, which serves plain-HTTP watches itself and hands
 * everything else to fabric8's handler; fabric8's own web server only listens on a loopback port nobody is told
 * of (it owns the event loop it stops on {@link #close()}).
 */
public final class SandboxApiServer implements AutoCloseable {

    private final SandboxDispatcher dispatcher;
    private final SandboxHttpFront front;
    private int port;
    private final MockWebServer webServer = new MockWebServer();
    private final KubernetesMockServer server;
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-api-janitor");
        t.setDaemon(true);
        return t;
    });

    public SandboxApiServer() {
        this(WatchEvents.MAX_CHANGES);
    }

    /** For tests: a server that keeps only the newest {@code watchHistory} changes for watches to catch up on. */
    SandboxApiServer(int watchHistory) {
        dispatcher = new SandboxDispatcher(watchHistory);
        front = new SandboxHttpFront(dispatcher);
        server = new KubernetesMockServer(new Context(Json.MAPPER), webServer, new HashMap<>(), dispatcher, false);
    }

    /** Listens on 127.0.0.1:{@code port} ({@code 0} picks a free port). */
    public void start(int port) {
        start("127.0.0.1", port);
    }

    /**
     * Listens on {@code bindAddress}:{@code port} ({@code 0} picks a free port).
     *
     * @throws IllegalStateException when the port cannot be bound, with a message that says so
     */
    public void start(String bindAddress, int port) {
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
            this.port = front.start(InetAddress.getByName(bindAddress).getHostAddress(), port);
        } catch (java.io.IOException | RuntimeException e) {
            server.shutdown();
            throw new IllegalStateException(
                    "The sandbox API server cannot listen on " + bindAddress + ":" + port
                            + " (is another sandbox running? set datacenter.sandbox.api-port): " + e.getMessage(),
                    e);
        }
        dispatcher.setServerAddress("127.0.0.1:" + this.port);
        // the mock web server records every request for tests to inspect; a sandbox runs for hours, so forget them
        janitor.scheduleWithFixedDelay(this::forgetRecordedRequests, 10, 10, TimeUnit.SECONDS);
        janitor.scheduleWithFixedDelay(this::collectGarbage, 2, 2, TimeUnit.SECONDS);
        // a run soon after a delete, one for any number of deletes meanwhile; a run reads only the objects the writes
        // since the last one concern (OwnerIndex), and nothing at all when they concerned no owner reference
        dispatcher.setAfterDelete(() -> {
            if (!janitor.isShutdown() && collectionQueued.compareAndSet(false, true)) {
                janitor.schedule(
                        () -> {
                            collectionQueued.set(false);
                            collectGarbage();
                        },
                        AFTER_DELETE_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Fails that fraction of the writes from now on (see {@link FaultInjection}). */
    public void injectFaults(double errorRate, long seed) {
        dispatcher.setFaults(new FaultInjection(errorRate, seed));
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return url(port);
    }

    /** How many watches over plain HTTP ({@code kubectl get -w}) are open now. */
    public int openHttpWatches() {
        return dispatcher.openWatches();
    }

    /** The URL of a sandbox API listening on that port. */
    public static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** A client configured for this server only: no kubeconfig, no token, namespace {@code default}. */
    public KubernetesClient createClient() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace("default")
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Creates (or replaces) each CRD, which also enables its status subresource and discovery. */
    public void registerCrds(KubernetesClient client, List<CustomResourceDefinition> crds) {
        for (CustomResourceDefinition crd : crds) {
            crd.getMetadata().setResourceVersion(null);
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(crd)
                    .createOr(op -> op.update());
        }
    }

    private static final long AFTER_DELETE_MILLIS = 200;
    private final java.util.concurrent.atomic.AtomicBoolean collectionQueued =
            new java.util.concurrent.atomic.AtomicBoolean();

    private void collectGarbage() {
        try {
            dispatcher.collectGarbage();
        } catch (RuntimeException e) {
            org.jboss.logging.Logger.getLogger(SandboxApiServer.class)
                    .warnf(e, "sandbox garbage collector: a pass failed; the next one retries");
        }
    }

    private void forgetRecordedRequests() {
        try {
            while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                // drained
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        janitor.shutdownNow();
        try {
            front.close();
        } finally {
            server.shutdown();
        }
    }
}
